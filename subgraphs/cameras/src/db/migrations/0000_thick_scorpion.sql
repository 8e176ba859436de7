CREATE SCHEMA "cameras";
--> statement-breakpoint
CREATE TABLE "cameras"."areas" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"watch_schedule" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."cameras" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"covert" boolean DEFAULT false NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"street" text NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"status" text NOT NULL,
	"status_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"status_reason" text,
	"privacy_masks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"watch_schedule" jsonb,
	"installed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"municipality" text NOT NULL,
	"reference" text NOT NULL,
	"legal_basis" text NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_until" timestamp (3) with time zone NOT NULL,
	"sub_goals" text[] NOT NULL,
	"signage_placed" boolean NOT NULL,
	"residents_informed" boolean NOT NULL,
	"published" boolean NOT NULL,
	"decided_by" text NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."evaluations" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"municipality" text NOT NULL,
	"evaluated_at" timestamp (3) with time zone NOT NULL,
	"effective" boolean NOT NULL,
	"conclusion" text NOT NULL,
	"continue_surveillance" boolean NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."signals" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"street" text,
	"latitude" double precision,
	"longitude" double precision,
	"camera_id" text,
	"observed_at" timestamp (3) with time zone NOT NULL,
	"shared_at" timestamp (3) with time zone NOT NULL,
	"shared_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"camera_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text,
	"changed_by" text NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cameras"."areas" ADD CONSTRAINT "areas_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."cameras" ADD CONSTRAINT "cameras_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."cameras" ADD CONSTRAINT "cameras_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "cameras"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."decisions" ADD CONSTRAINT "decisions_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "cameras"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."evaluations" ADD CONSTRAINT "evaluations_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "cameras"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."signals" ADD CONSTRAINT "signals_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."signals" ADD CONSTRAINT "signals_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "cameras"."cameras"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."status_events" ADD CONSTRAINT "status_events_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "cameras"."cameras"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "areas_municipality" ON "cameras"."areas" USING btree ("municipality","id");--> statement-breakpoint
CREATE INDEX "cameras_municipality" ON "cameras"."cameras" USING btree ("municipality","id");--> statement-breakpoint
CREATE INDEX "cameras_area" ON "cameras"."cameras" USING btree ("area_id","id");--> statement-breakpoint
CREATE INDEX "cameras_kind" ON "cameras"."cameras" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "decisions_area" ON "cameras"."decisions" USING btree ("area_id","valid_from");--> statement-breakpoint
CREATE INDEX "decisions_municipality" ON "cameras"."decisions" USING btree ("municipality");--> statement-breakpoint
CREATE INDEX "evaluations_decision" ON "cameras"."evaluations" USING btree ("decision_id","evaluated_at");--> statement-breakpoint
CREATE INDEX "signals_municipality" ON "cameras"."signals" USING btree ("municipality","shared_at","id");--> statement-breakpoint
CREATE INDEX "status_events_camera" ON "cameras"."status_events" USING btree ("camera_id","changed_at");
CREATE SCHEMA "footage";
--> statement-breakpoint
CREATE TABLE "footage"."cameras" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "footage"."hold_items" (
	"hold_id" text NOT NULL,
	"recording_id" text NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "hold_items_hold_id_recording_id_pk" PRIMARY KEY("hold_id","recording_id")
);
--> statement-breakpoint
CREATE TABLE "footage"."legal_holds" (
	"id" text PRIMARY KEY NOT NULL,
	"case_reference" text NOT NULL,
	"reason" text NOT NULL,
	"placed_by" text NOT NULL,
	"placed_at" timestamp (3) with time zone NOT NULL,
	"released_at" timestamp (3) with time zone,
	"released_by" text,
	"release_reason" text
);
--> statement-breakpoint
CREATE TABLE "footage"."monthly_stats" (
	"municipality" text NOT NULL,
	"area_id" text DEFAULT '' NOT NULL,
	"month" date NOT NULL,
	"recordings" integer DEFAULT 0 NOT NULL,
	"deletions" integer DEFAULT 0 NOT NULL,
	"holds" integer DEFAULT 0 NOT NULL,
	"investigations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "monthly_stats_municipality_area_id_month_pk" PRIMARY KEY("municipality","area_id","month")
);
--> statement-breakpoint
CREATE TABLE "footage"."recordings" (
	"id" text PRIMARY KEY NOT NULL,
	"source_system" text NOT NULL,
	"source_id" text NOT NULL,
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"kind" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone NOT NULL,
	"storage_ref" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ingested_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "footage"."retention_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"deleted_count" integer NOT NULL,
	"held_back_count" integer NOT NULL,
	"deleted_digest" text NOT NULL,
	"oldest_unheld_age_seconds" bigint,
	"batches" integer NOT NULL,
	"triggered_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "footage"."hold_items" ADD CONSTRAINT "hold_items_hold_id_legal_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "footage"."legal_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hold_items_active_recording" ON "footage"."hold_items" USING btree ("recording_id") WHERE active = 1;--> statement-breakpoint
CREATE INDEX "legal_holds_case" ON "footage"."legal_holds" USING btree ("case_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_source" ON "footage"."recordings" USING btree ("source_system","source_id");--> statement-breakpoint
CREATE INDEX "recordings_camera_time" ON "footage"."recordings" USING btree ("camera_id","started_at","id");--> statement-breakpoint
CREATE INDEX "recordings_expires" ON "footage"."recordings" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "recordings_ended" ON "footage"."recordings" USING btree ("ended_at");--> statement-breakpoint
CREATE INDEX "retention_runs_started" ON "footage"."retention_runs" USING btree ("started_at");
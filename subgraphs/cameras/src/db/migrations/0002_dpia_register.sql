CREATE TABLE "cameras"."dpias" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"camera_kind" text,
	"controller" text NOT NULL,
	"assessed_at" timestamp (3) with time zone NOT NULL,
	"outcome" text NOT NULL,
	"document_reference" text NOT NULL,
	"next_due_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras"."pilots" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"name" text NOT NULL,
	"camera_kind" text NOT NULL,
	"purpose" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"dpia_id" text NOT NULL,
	"started_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cameras"."dpias" ADD CONSTRAINT "dpias_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."dpias" ADD CONSTRAINT "dpias_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "cameras"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."pilots" ADD CONSTRAINT "pilots_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."pilots" ADD CONSTRAINT "pilots_dpia_id_dpias_id_fk" FOREIGN KEY ("dpia_id") REFERENCES "cameras"."dpias"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dpias_municipality" ON "cameras"."dpias" USING btree ("municipality","next_due_at");--> statement-breakpoint
CREATE INDEX "dpias_due" ON "cameras"."dpias" USING btree ("next_due_at");--> statement-breakpoint
CREATE INDEX "pilots_municipality" ON "cameras"."pilots" USING btree ("municipality","starts_at");
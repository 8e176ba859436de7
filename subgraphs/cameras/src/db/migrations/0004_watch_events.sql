CREATE TABLE "cameras"."watch_events" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"municipality" text NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"watch_before_minutes" integer NOT NULL,
	"watch_after_minutes" integer NOT NULL,
	"scheduled_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"cancelled_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "cameras"."watch_events" ADD CONSTRAINT "watch_events_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "cameras"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_events_area" ON "cameras"."watch_events" USING btree ("area_id","starts_at");
CREATE SCHEMA "anpr";
--> statement-breakpoint
CREATE TABLE "anpr"."cameras" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"kind" text NOT NULL,
	"covert" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anpr"."hourly_counts" (
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"hour_start" timestamp (3) with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "hourly_counts_camera_id_hour_start_pk" PRIMARY KEY("camera_id","hour_start")
);
--> statement-breakpoint
CREATE TABLE "anpr"."hits" (
	"id" text PRIMARY KEY NOT NULL,
	"read_id" text NOT NULL,
	"hotlist_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"camera_id" text NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anpr"."hotlist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"hotlist_id" text NOT NULL,
	"plate_hash" text NOT NULL,
	"plate_cipher" text NOT NULL,
	"country" text NOT NULL,
	"reason" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"removed_at" timestamp (3) with time zone,
	"removed_by" text
);
--> statement-breakpoint
CREATE TABLE "anpr"."hotlists" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"valid_until" timestamp (3) with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anpr"."reads" (
	"id" text NOT NULL,
	"camera_id" text NOT NULL,
	"source_read_id" text NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	"plate_hash" text NOT NULL,
	"plate_cipher" text NOT NULL,
	"country" text NOT NULL,
	"confidence" double precision NOT NULL,
	"direction" text,
	"lane" smallint,
	"image_ref" text,
	"ingested_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "reads_id_observed_at_pk" PRIMARY KEY("id","observed_at")
);
--> statement-breakpoint
CREATE TABLE "anpr"."retention_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"cutoff" timestamp (3) with time zone NOT NULL,
	"deleted_count" integer NOT NULL,
	"kept_with_hit_count" integer NOT NULL,
	"deleted_digest" text NOT NULL,
	"batches" integer NOT NULL,
	"dropped_partitions" integer DEFAULT 0 NOT NULL,
	"triggered_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anpr"."hotlist_entries" ADD CONSTRAINT "hotlist_entries_hotlist_id_hotlists_id_fk" FOREIGN KEY ("hotlist_id") REFERENCES "anpr"."hotlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hits_read_entry" ON "anpr"."hits" USING btree ("read_id","entry_id");--> statement-breakpoint
CREATE INDEX "hits_entry" ON "anpr"."hits" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "hits_observed" ON "anpr"."hits" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "hotlist_entries_active_plate" ON "anpr"."hotlist_entries" USING btree ("plate_hash") WHERE removed_at is null;--> statement-breakpoint
CREATE INDEX "hotlist_entries_list" ON "anpr"."hotlist_entries" USING btree ("hotlist_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reads_source" ON "anpr"."reads" USING btree ("camera_id","source_read_id","observed_at");--> statement-breakpoint
CREATE INDEX "reads_plate_time" ON "anpr"."reads" USING btree ("plate_hash","observed_at","id");--> statement-breakpoint
CREATE INDEX "reads_observed" ON "anpr"."reads" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "anpr_retention_runs_started" ON "anpr"."retention_runs" USING btree ("started_at");
-- Hand-written (drizzle-kit does not generate partitioning): anpr.reads becomes a table partitioned
-- by UTC day on observed_at, so retention drops whole expired days. The snapshot of this migration
-- matches src/db/schema.ts (primary key and source key include observed_at, the partition key).
DROP TABLE "anpr"."reads";--> statement-breakpoint
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
) PARTITION BY RANGE ("observed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reads_source" ON "anpr"."reads" USING btree ("camera_id","source_read_id","observed_at");--> statement-breakpoint
CREATE INDEX "reads_plate_time" ON "anpr"."reads" USING btree ("plate_hash","observed_at","id");--> statement-breakpoint
CREATE INDEX "reads_observed" ON "anpr"."reads" USING btree ("observed_at");--> statement-breakpoint
-- rows whose day has no partition yet land here (ingest creates day partitions first, so it stays empty)
CREATE TABLE "anpr"."reads_default" PARTITION OF "anpr"."reads" DEFAULT;--> statement-breakpoint
-- The partition of one UTC day, created once (concurrent callers serialise on an advisory lock).
-- Returns false when it cannot be created (rows of that day already sit in the default partition).
CREATE FUNCTION "anpr"."ensure_read_partition"(day date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  part text := 'reads_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass('anpr.' || part) IS NOT NULL THEN RETURN true; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('anpr.reads.partitions'));
  IF to_regclass('anpr.' || part) IS NOT NULL THEN RETURN true; END IF;
  BEGIN
    EXECUTE format('CREATE TABLE anpr.%I PARTITION OF anpr.reads FOR VALUES FROM (%L) TO (%L)',
      part, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
  EXCEPTION WHEN check_violation THEN
    RETURN false;
  END;
  RETURN true;
END $$;

-- A day's partition created by another connection at the same moment (several streams delivering
-- the first reads of a new day) raised "relation already exists" out of the CREATE TABLE even after
-- the re-check under the lock (seen at 4 concurrent streams in npm run bench:anpr): that is
-- success too, the partition exists.
CREATE OR REPLACE FUNCTION "anpr"."ensure_read_partition"(day date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  part text := 'reads_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass('anpr.' || part) IS NOT NULL THEN RETURN true; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('anpr.reads.partitions'));
  IF to_regclass('anpr.' || part) IS NOT NULL THEN RETURN true; END IF;
  BEGIN
    EXECUTE format('CREATE TABLE anpr.%I PARTITION OF anpr.reads FOR VALUES FROM (%L) TO (%L)',
      part, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
  EXCEPTION
    WHEN duplicate_table THEN RETURN true;
    WHEN check_violation THEN RETURN false;
  END;
  RETURN true;
END $$;

-- Hand-written (drizzle-kit does not model collations; the snapshot is unchanged). The key columns of
-- anpr.reads hold identifiers and hex digests, never language text: compare them byte-wise (C
-- collation) instead of through the database's locale. Measured on 1M reads (BENCHMARKS.md, ANPR):
-- each locale-compared btree cost PostgreSQL 3-4 µs per inserted read, byte-wise about nothing for
-- keys that arrive in order. Order is unchanged for these ASCII values. The columns they are joined
-- with get the same collation: a join across collations compares in C and cannot use an index built
-- with the default one (hotlist matching, hits of a read, the camera replica). One ALTER per table,
-- so each index is rebuilt once.
ALTER TABLE "anpr"."reads"
  ALTER COLUMN "id" TYPE text COLLATE "C",
  ALTER COLUMN "camera_id" TYPE text COLLATE "C",
  ALTER COLUMN "source_read_id" TYPE text COLLATE "C",
  ALTER COLUMN "plate_hash" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "anpr"."hotlist_entries" ALTER COLUMN "plate_hash" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "anpr"."hits" ALTER COLUMN "read_id" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "anpr"."cameras" ALTER COLUMN "id" TYPE text COLLATE "C";

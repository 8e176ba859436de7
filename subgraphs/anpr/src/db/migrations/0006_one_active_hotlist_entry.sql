-- Before the index: of duplicate active entries (same list, plate, country) keep the first added; the
-- later ones are marked removed by this migration, so every passage is one hit again.
UPDATE "anpr"."hotlist_entries" e SET "removed_at" = now(), "removed_by" = 'migration 0006: duplicate active entry'
WHERE e."removed_at" IS NULL AND EXISTS (
  SELECT 1 FROM "anpr"."hotlist_entries" o
  WHERE o."hotlist_id" = e."hotlist_id" AND o."plate_hash" = e."plate_hash" AND o."country" = e."country" AND o."removed_at" IS NULL
    AND (o."added_at", o."id") < (e."added_at", e."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "hotlist_entries_one_active" ON "anpr"."hotlist_entries" USING btree ("hotlist_id","plate_hash","country") WHERE removed_at is null;

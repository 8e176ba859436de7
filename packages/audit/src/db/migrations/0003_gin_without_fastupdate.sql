-- Hand-edited from drizzle-kit's DROP/CREATE: the same end state without rebuilding the index of a
-- large log. Entries already in the pending list are merged by the next (auto)vacuum.
ALTER INDEX "audit"."entries_subject_ids" SET (fastupdate = off);

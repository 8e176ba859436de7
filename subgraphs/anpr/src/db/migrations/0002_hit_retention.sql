ALTER TABLE "anpr"."hotlists" ADD COLUMN "hit_retention_days" integer;--> statement-breakpoint
-- Lists made before hit retention existed kept their hits indefinitely: they get the longest period
-- (5 years), not the default, so the first retention run after the upgrade deletes nothing unexpected.
UPDATE "anpr"."hotlists" SET "hit_retention_days" = 1825;--> statement-breakpoint
ALTER TABLE "anpr"."hotlists" ALTER COLUMN "hit_retention_days" SET DEFAULT 28;--> statement-breakpoint
ALTER TABLE "anpr"."hotlists" ALTER COLUMN "hit_retention_days" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "anpr"."retention_runs" ADD COLUMN "hits_deleted_count" integer DEFAULT 0 NOT NULL;

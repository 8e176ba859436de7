ALTER TABLE "requests"."footage_requests" ADD COLUMN "channel" text DEFAULT 'HUB' NOT NULL;--> statement-breakpoint
-- Existing requests were all filed through the hub: received when filed.
ALTER TABLE "requests"."footage_requests" ADD COLUMN "received_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "requests"."footage_requests" SET "received_at" = "filed_at";--> statement-breakpoint
ALTER TABLE "requests"."footage_requests" ALTER COLUMN "received_at" SET NOT NULL;

CREATE TABLE "requests"."quota_usage" (
	"actor" text NOT NULL,
	"quota" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "quota_usage_actor_quota_window_start_pk" PRIMARY KEY("actor","quota","window_start")
);
--> statement-breakpoint
DROP INDEX "requests"."footage_requests_requester";--> statement-breakpoint
ALTER TABLE "requests"."cameras" ADD COLUMN "status" text DEFAULT 'ACTIVE' NOT NULL;--> statement-breakpoint
-- Existing requests: only a citizen files an access request, only the police the other kinds (the policy).
ALTER TABLE "requests"."footage_requests" ADD COLUMN "requester_kind" text;--> statement-breakpoint
UPDATE "requests"."footage_requests" SET "requester_kind" = CASE WHEN "kind" = 'DATA_SUBJECT_ACCESS' THEN 'citizen' ELSE 'police' END;--> statement-breakpoint
ALTER TABLE "requests"."footage_requests" ALTER COLUMN "requester_kind" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "footage_requests_requester" ON "requests"."footage_requests" USING btree ("requester_kind","requester_id","filed_at","id");
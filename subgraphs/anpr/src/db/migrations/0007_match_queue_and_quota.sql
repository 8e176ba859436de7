CREATE TABLE "anpr"."match_queue" (
	"id" text PRIMARY KEY NOT NULL,
	"reads" json NOT NULL,
	"ingested_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anpr"."quota_usage" (
	"actor" text NOT NULL,
	"quota" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "quota_usage_actor_quota_window_start_pk" PRIMARY KEY("actor","quota","window_start")
);
--> statement-breakpoint
CREATE INDEX "match_queue_ingested" ON "anpr"."match_queue" USING btree ("ingested_at");
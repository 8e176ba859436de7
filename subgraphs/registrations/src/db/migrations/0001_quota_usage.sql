CREATE TABLE "registrations"."quota_usage" (
	"actor" text NOT NULL,
	"quota" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "quota_usage_actor_quota_window_start_pk" PRIMARY KEY("actor","quota","window_start")
);

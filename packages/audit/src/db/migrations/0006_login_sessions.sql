CREATE TABLE "audit"."sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"first_seen" timestamp (3) with time zone NOT NULL
);

CREATE TABLE "footage"."access_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"third_party" text NOT NULL,
	"scope" text[] NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_until" timestamp (3) with time zone NOT NULL,
	"reference" text NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "access_grants_camera" ON "footage"."access_grants" USING btree ("camera_id","valid_from");
CREATE SCHEMA "registrations";
--> statement-breakpoint
CREATE TABLE "registrations"."municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations"."public_cameras" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"covert" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations"."registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_org" text NOT NULL,
	"owner_name" text NOT NULL,
	"place_type" text NOT NULL,
	"address" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"mounting" text NOT NULL,
	"brand_model" text,
	"purpose" text NOT NULL,
	"films_public_space" boolean NOT NULL,
	"public_space_description" text,
	"live_view" boolean NOT NULL,
	"alarm_centre" text,
	"retention_days" integer NOT NULL,
	"signage" boolean NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text NOT NULL,
	"municipality" text NOT NULL,
	"country" text NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"confirmed_at" timestamp (3) with time zone NOT NULL,
	"deregistered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "public_cameras_geo" ON "registrations"."public_cameras" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "registrations_geo" ON "registrations"."registrations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "registrations_owner" ON "registrations"."registrations" USING btree ("owner_org","id");--> statement-breakpoint
CREATE INDEX "registrations_municipality" ON "registrations"."registrations" USING btree ("municipality","id");
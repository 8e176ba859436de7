CREATE TABLE "cameras"."camera_access_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"third_party" text NOT NULL,
	"scope" text[] NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_until" timestamp (3) with time zone NOT NULL,
	"reference" text NOT NULL,
	"granted_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "cameras"."council_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"reference" text NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"camera_kinds" text[] NOT NULL,
	"locations" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cameras"."cameras" ADD COLUMN "operator" text DEFAULT 'POLICE' NOT NULL;--> statement-breakpoint
ALTER TABLE "cameras"."camera_access_grants" ADD CONSTRAINT "camera_access_grants_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "cameras"."cameras"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."council_approvals" ADD CONSTRAINT "council_approvals_municipality_municipalities_code_fk" FOREIGN KEY ("municipality") REFERENCES "cameras"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "camera_access_grants_camera" ON "cameras"."camera_access_grants" USING btree ("camera_id","valid_from");--> statement-breakpoint
CREATE INDEX "council_approvals_municipality" ON "cameras"."council_approvals" USING btree ("municipality","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "council_approvals_reference" ON "cameras"."council_approvals" USING btree ("municipality","reference");
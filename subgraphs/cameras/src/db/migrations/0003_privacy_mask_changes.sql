CREATE TABLE "cameras"."privacy_mask_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"covert" boolean NOT NULL,
	"action" text NOT NULL,
	"label" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"changed_by_kind" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cameras"."privacy_mask_changes" ADD CONSTRAINT "privacy_mask_changes_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "cameras"."cameras"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_mask_changes_camera" ON "cameras"."privacy_mask_changes" USING btree ("camera_id","changed_at","id");
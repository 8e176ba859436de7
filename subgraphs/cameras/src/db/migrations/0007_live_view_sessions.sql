CREATE TABLE "cameras"."live_view_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"camera_id" text NOT NULL,
	"municipality" text NOT NULL,
	"purpose" text NOT NULL,
	"basis" text NOT NULL,
	"grant_id" text,
	"watch_event_id" text,
	"opened_by" text NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"closed_by" text,
	"close_reason" text
);
--> statement-breakpoint
ALTER TABLE "cameras"."live_view_sessions" ADD CONSTRAINT "live_view_sessions_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "cameras"."cameras"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."live_view_sessions" ADD CONSTRAINT "live_view_sessions_grant_id_camera_access_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "cameras"."camera_access_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras"."live_view_sessions" ADD CONSTRAINT "live_view_sessions_watch_event_id_watch_events_id_fk" FOREIGN KEY ("watch_event_id") REFERENCES "cameras"."watch_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_view_sessions_camera" ON "cameras"."live_view_sessions" USING btree ("camera_id","opened_at");--> statement-breakpoint
CREATE INDEX "live_view_sessions_opened" ON "cameras"."live_view_sessions" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "live_view_sessions_grant" ON "cameras"."live_view_sessions" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "live_view_sessions_event" ON "cameras"."live_view_sessions" USING btree ("watch_event_id");
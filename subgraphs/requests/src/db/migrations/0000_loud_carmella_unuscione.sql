CREATE SCHEMA "requests";
--> statement-breakpoint
CREATE TABLE "requests"."cameras" (
	"id" text PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"area_id" text,
	"kind" text NOT NULL,
	"covert" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests"."request_recordings" (
	"request_id" text NOT NULL,
	"recording_id" text NOT NULL,
	CONSTRAINT "request_recordings_request_id_recording_id_pk" PRIMARY KEY("request_id","recording_id")
);
--> statement-breakpoint
CREATE TABLE "requests"."footage_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"report_number" text,
	"case_reference" text,
	"camera_ids" text[] NOT NULL,
	"municipality" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"window_end" timestamp (3) with time zone NOT NULL,
	"place" text NOT NULL,
	"description" text NOT NULL,
	"requester" text NOT NULL,
	"requester_id" text NOT NULL,
	"status" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"original_due_at" timestamp (3) with time zone NOT NULL,
	"flagged_late" boolean DEFAULT false NOT NULL,
	"extended_until" timestamp (3) with time zone,
	"extension_reason" text,
	"decision" text,
	"decision_reason" text,
	"hold_status" text DEFAULT 'NONE' NOT NULL,
	"hold_id" text,
	"recording_count" integer DEFAULT 0 NOT NULL,
	"hold_released_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests"."transitions" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "requests"."transitions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_sub" text NOT NULL,
	"reason" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests"."request_recordings" ADD CONSTRAINT "request_recordings_request_id_footage_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "requests"."footage_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests"."transitions" ADD CONSTRAINT "transitions_request_id_footage_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "requests"."footage_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "footage_requests_requester" ON "requests"."footage_requests" USING btree ("requester_id","filed_at","id");--> statement-breakpoint
CREATE INDEX "footage_requests_filed" ON "requests"."footage_requests" USING btree ("filed_at","id");--> statement-breakpoint
CREATE INDEX "footage_requests_municipality" ON "requests"."footage_requests" USING btree ("municipality","filed_at");--> statement-breakpoint
CREATE INDEX "footage_requests_open_due" ON "requests"."footage_requests" USING btree ("kind","due_at") WHERE status in ('SUBMITTED', 'IN_REVIEW', 'APPROVED');--> statement-breakpoint
CREATE INDEX "footage_requests_cameras" ON "requests"."footage_requests" USING gin ("camera_ids");--> statement-breakpoint
CREATE INDEX "transitions_request" ON "requests"."transitions" USING btree ("request_id","seq");
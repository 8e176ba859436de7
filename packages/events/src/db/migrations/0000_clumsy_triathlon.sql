CREATE SCHEMA "events";
--> statement-breakpoint
CREATE TABLE "events"."consumers" (
	"name" text PRIMARY KEY NOT NULL,
	"tx" bigint NOT NULL,
	"id" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tx" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_tx_id" ON "events"."outbox" USING btree ("tx","id");--> statement-breakpoint
CREATE INDEX "outbox_created" ON "events"."outbox" USING btree ("created_at");
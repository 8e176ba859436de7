CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."entries" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_org" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_ids" text[] NOT NULL,
	"purpose" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entries_at" ON "audit"."entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "entries_actor_kind_seq" ON "audit"."entries" USING btree ("actor_kind","seq");--> statement-breakpoint
CREATE INDEX "entries_actor_sub_seq" ON "audit"."entries" USING btree ("actor_sub","seq");--> statement-breakpoint
CREATE INDEX "entries_action_seq" ON "audit"."entries" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "entries_subject_type_seq" ON "audit"."entries" USING btree ("subject_type","seq");--> statement-breakpoint
CREATE INDEX "entries_subject_ids" ON "audit"."entries" USING gin ("subject_ids");
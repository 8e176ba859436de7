CREATE TABLE "cameras"."notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"municipality" text NOT NULL,
	"noticed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cameras"."decisions" ADD COLUMN "criteria" jsonb;--> statement-breakpoint
ALTER TABLE "cameras"."decisions" ADD COLUMN "effect_measurement" text;--> statement-breakpoint
ALTER TABLE "cameras"."decisions" ADD COLUMN "results_informed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "cameras"."decisions" ADD COLUMN "results_summary" text;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_once" ON "cameras"."notices" USING btree ("subject_type","subject_id","kind","at");
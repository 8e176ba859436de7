ALTER TABLE "footage"."recordings" ADD COLUMN "violation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "footage"."recordings" ADD COLUMN "violation_marked_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "footage"."recordings" ADD COLUMN "violation_marked_by" text;
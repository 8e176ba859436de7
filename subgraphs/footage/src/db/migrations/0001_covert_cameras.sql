ALTER TABLE "footage"."cameras" ADD COLUMN "covert" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "footage"."recordings" ADD COLUMN "covert" boolean DEFAULT false NOT NULL;
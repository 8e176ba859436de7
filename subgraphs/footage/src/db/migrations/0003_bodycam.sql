CREATE TABLE "footage"."bodycam_monthly" (
	"municipality" text NOT NULL,
	"month" date NOT NULL,
	"purpose" text NOT NULL,
	"recordings" integer DEFAULT 0 NOT NULL,
	"without_two_warnings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bodycam_monthly_municipality_month_purpose_pk" PRIMARY KEY("municipality","month","purpose")
);
--> statement-breakpoint
ALTER TABLE "footage"."cameras" ADD COLUMN "operator" text DEFAULT 'POLICE' NOT NULL;--> statement-breakpoint
ALTER TABLE "footage"."recordings" ADD COLUMN "spoken_warnings" integer;--> statement-breakpoint
ALTER TABLE "footage"."recordings" ADD COLUMN "bodycam_purpose" text;
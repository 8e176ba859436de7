DROP INDEX "anpr"."reads_observed";--> statement-breakpoint
CREATE INDEX "reads_observed" ON "anpr"."reads" USING brin ("observed_at");
-- Append-only: refuse UPDATE, DELETE and TRUNCATE outright. Statement-level, so even a change that
-- matches no row is refused. A table owner can still disable the trigger; the hash chain is what
-- makes such tampering visible (AuditLog.verify).
CREATE FUNCTION "audit"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit.entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "entries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit"."entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "audit"."refuse_change"();

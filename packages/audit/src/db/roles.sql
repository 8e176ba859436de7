-- The services' database role for the audit log (issue 14 §5). Run once per database by the role that
-- owns the schemas (the one that runs migrations), with the services' role in place of hub_app:
--   psql "$OWNER_DATABASE_URL" -v app=hub_app -f packages/audit/src/db/roles.sql
-- The services then connect as :app. They read the log and append only through
-- audit.append_entries (SECURITY DEFINER, migration 0005), which keeps the chain: the role holds no
-- INSERT, UPDATE, DELETE or TRUNCATE on audit.entries and, not being the owner, cannot disable the
-- append-only trigger or alter the table. Migrations run as the owner (before the services start).
GRANT USAGE ON SCHEMA audit TO :"app";
GRANT SELECT ON audit.entries TO :"app";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit.entries FROM :"app";
-- log-ins: a session's first use inserts its row (and appends through the function)
GRANT SELECT, INSERT ON audit.sessions TO :"app";
GRANT EXECUTE ON FUNCTION audit.append_entries(jsonb, bigint, bytea, bytea, text) TO :"app";

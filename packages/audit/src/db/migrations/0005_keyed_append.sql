-- A keyed chain (issue 14 §5): hash = HMAC-SHA256(key, canonical text) with a key that never lives in
-- the database. The appender passes the key's two HMAC pads (key xor ipad, key xor opad, 64 bytes
-- each) with each call, so the function computes sha256(opad || sha256(ipad || message)) with the
-- built-in sha256() (no extension needed on PostgreSQL or PGlite). The unkeyed function is dropped:
-- nothing appends without a key any more.
-- SECURITY DEFINER: it runs with its owner's (the migrating role's) rights, so the services' role
-- needs only EXECUTE on it and SELECT on the table, never INSERT/UPDATE/DELETE/TRUNCATE (roles.sql).
DROP FUNCTION "audit"."append_entries"(jsonb, bigint);
--> statement-breakpoint
CREATE FUNCTION "audit"."append_entries"(p_entries jsonb, p_lock_key bigint, p_ipad bytea, p_opad bytea, p_key_id text)
RETURNS SETOF "audit"."entries"
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_at timestamptz;
  v_ids text[];
  e jsonb;
BEGIN
  IF octet_length(p_ipad) <> 64 OR octet_length(p_opad) <> 64 OR coalesce(p_key_id, '') = '' THEN
    RAISE EXCEPTION 'audit.append_entries needs the HMAC pads (64 bytes each) and a key id';
  END IF;
  PERFORM pg_advisory_xact_lock(p_lock_key);
  -- a statement after the lock: its snapshot sees every append committed before we got the lock
  SELECT seq, hash INTO v_seq, v_prev FROM "audit"."entries" ORDER BY seq DESC LIMIT 1;
  v_seq := coalesce(v_seq, 0);
  v_prev := coalesce(v_prev, repeat('0', 64));
  FOR e IN SELECT value FROM jsonb_array_elements(p_entries) LOOP
    v_seq := v_seq + 1;
    v_at := (e->>'at')::timestamptz;
    v_ids := ARRAY(SELECT jsonb_array_elements_text(e->'subjectIds'));
    v_hash := encode(sha256(p_opad || sha256(p_ipad || convert_to("audit"."canonical"(v_seq, v_at, e->>'actorKind', e->>'actorSub',
      e->>'actorOrg', e->>'action', e->>'subjectType', v_ids, e->>'purpose', v_prev), 'UTF8'))), 'hex');
    RETURN QUERY INSERT INTO "audit"."entries" (seq, at, actor_kind, actor_sub, actor_org, action, subject_type, subject_ids, purpose, prev_hash, hash, key_id)
      VALUES (v_seq, v_at, e->>'actorKind', e->>'actorSub', e->>'actorOrg', e->>'action', e->>'subjectType', v_ids, e->>'purpose', v_prev, v_hash, p_key_id)
      RETURNING *;
    v_prev := v_hash;
  END LOOP;
END
$$;
--> statement-breakpoint
-- Nobody but the owner appends directly: the function is the one way in.
REVOKE ALL ON FUNCTION "audit"."append_entries"(jsonb, bigint, bytea, bytea, text) FROM PUBLIC;

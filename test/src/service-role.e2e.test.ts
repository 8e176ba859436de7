// The services run as a database role that cannot change the audit log (packages/audit roles.sql): the owner
// migrates and grants (`serve.js migrate` with HUB_SERVICE_ROLE → @hub/stack migrateHub), then the
// whole hub boots and serves as the services' role — it reads, writes its rows and appends audit
// entries through audit.append_entries — and that role is refused UPDATE, DELETE, TRUNCATE, INSERT,
// ALTER and disabling the append-only trigger on audit.entries.
// PostgreSQL: the services log in as the role on their own connections. PGlite (one connection):
// the session switches to the role after migrating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { auditLogOf } from '@hub/audit';
import { DEMO_ACTORS } from '@hub/auth';
import { openDatabase, type Database } from '@hub/db';
import { describeEachDriver, testPostgresUrl } from '@hub/db/testing';
import { migrateHub, startStack, type Stack } from '@hub/stack';

await describeEachDriver('the services database role', (driver) => {
  const role = `hub_svc_${Math.random().toString(36).slice(2, 10)}`;
  let owner: Database;
  let service: Database;
  let stack: Stack;

  beforeAll(async () => {
    owner = await driver.open();
    await owner.db.execute(sql.raw(`create role ${role} ${driver.name === 'PostgreSQL' ? 'login' : 'nologin'}`));
    await migrateHub(owner, { serviceRole: role });
    if (driver.name === 'PostgreSQL') {
      const db = (await owner.query<{ db: string }>(sql`select current_database() as db`))[0]!.db;
      const url = new URL(testPostgresUrl());
      url.username = role;
      url.password = '';
      url.pathname = `/${db}`;
      service = await openDatabase({ url: url.toString(), max: 5 });
    } else {
      await owner.db.execute(sql.raw(`set role ${role}`));
      service = owner;
    }
    expect((await service.query<{ who: string }>(sql`select current_user as who`))[0]!.who).toBe(role);
    // the check a production subgraph makes at boot (serve.ts): the role cannot alter the log, the owner can
    expect(await auditLogOf(service).connectedAsOwner()).toBe(false);
    // the services boot as the role: migrations are found applied, nothing is created
    stack = await startStack({ database: service, seed: true, eventsPollMs: 200 });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (driver.name === 'PostgreSQL') {
      await service?.close();
      await owner.db.execute(sql.raw(`drop owned by ${role}`));
      await owner.close(); // drops the scratch database
      const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop role if exists ${role}`);
      await admin.end();
    } else {
      await owner.db.execute(sql.raw('reset role'));
      await owner.db.execute(sql.raw(`drop owned by ${role}`));
      await owner.db.execute(sql.raw(`drop role ${role}`));
      await owner.close();
    }
  });

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const token = await stack.token(DEMO_ACTORS.police);
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  };

  it('serves audited reads as that role: entries are appended through the function and the chain verifies', async () => {
    // writes of the services' own rows work as the role
    const end = new Date(Date.now() - 3_600_000);
    const recording = {
      sourceId: `role-${role}`,
      cameraId: 'utrecht-neude-1',
      kind: 'PUBLIC_ORDER',
      startedAt: new Date(end.getTime() - 600_000).toISOString(),
      endedAt: end.toISOString(),
      storageRef: 's3://vms/role.mp4',
      sha256: 'ab'.repeat(32),
      sizeBytes: 1024,
    };
    const ingest = await gql(
      'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-role-test", recordings: $r) { createdIds } }',
      { r: [recording] },
    );
    expect(ingest.errors).toBeUndefined();
    const [id] = ingest.data.ingestRecordings.createdIds as string[];
    const purpose = `PL0900-2026-role-${Math.random().toString(36).slice(2, 8)}`;
    const r = await gql(`{ recording(id: "${id}", purpose: "${purpose}") { id } }`);
    expect(r.errors).toBeUndefined();
    const logged = await service.query<{ action: string; actor_kind: string }>(
      sql`select action, actor_kind from audit.entries where purpose = ${purpose}`,
    );
    expect(logged).toEqual([{ action: 'footage.recording.read', actor_kind: 'police' }]);
    // the token's first use was logged as a log-in too (audit.sessions insert + append)
    const logins = await service.query<{ n: number }>(
      sql`select count(*)::int as n from audit.entries where action = 'auth.login' and actor_sub = ${DEMO_ACTORS.police.sub}`,
    );
    expect(logins[0]!.n).toBeGreaterThanOrEqual(1);
    expect(await auditLogOf(service).verify()).toMatchObject({ ok: true });
  });

  it('cannot update, delete, truncate, insert into, alter or disable the trigger of audit.entries', async () => {
    const before = await service.query<{ n: number }>(sql`select count(*)::int as n from audit.entries`);
    expect(before[0]!.n).toBeGreaterThan(0);
    const attempts = [
      `update audit.entries set purpose = 'rewritten' where seq = 1`,
      'delete from audit.entries where seq = 1',
      'truncate audit.entries',
      `insert into audit.entries (seq, at, actor_kind, actor_sub, action, subject_type, subject_ids, prev_hash, hash) values (1000000, now(), 'police', 'x', 'a', 'b', '{}', 'p', 'h')`,
      'alter table audit.entries disable trigger entries_append_only',
      'alter table audit.entries add column note text',
      'drop table audit.entries',
      'drop function audit.refuse_change() cascade',
      'create table audit.shadow (seq bigint)',
    ];
    for (const q of attempts) {
      // each on its own (autocommit): a refused statement changes nothing
      const refused = await service.db.execute(sql.raw(q)).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
      expect(refused, q).toMatch(/permission denied|must be owner/);
    }
    const after = await service.query<{ n: number }>(sql`select count(*)::int as n from audit.entries`);
    expect(after[0]!.n).toBeGreaterThanOrEqual(before[0]!.n);
    expect(await auditLogOf(service).verify()).toMatchObject({ ok: true });
  });
});

describe('granting', () => {
  it('refuses a role name that is not a plain identifier', async () => {
    const { grantServiceRole } = await import('@hub/db');
    for (const bad of ['Hub', 'hub; drop table x', 'hub-app', '']) {
      await expect(grantServiceRole({} as Database, bad, [])).rejects.toThrow(/plain lower-case identifier/);
    }
  });
});

// deploy/compose.yaml: migrate, as the owner, makes the services' role a login role with its
// password (HUB_SERVICE_ROLE_PASSWORD) and grants it; never the migrating role itself.
await describeEachDriver('migrate makes the services role', (driver) => {
  const role = `hub_login_${Math.random().toString(36).slice(2, 10)}`;
  let owner: Database;
  beforeAll(async () => {
    owner = await driver.open();
  }, 120_000);
  afterAll(async () => {
    await owner.db.execute(sql.raw(`drop owned by ${role}`)).catch(() => {});
    if (driver.name === 'PostgreSQL') {
      await owner.close();
      const admin = postgres(testPostgresUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop role if exists ${role}`);
      await admin.end();
    } else {
      await owner.db.execute(sql.raw(`drop role if exists ${role}`));
      await owner.close();
    }
  });

  it('a login role that owns nothing, idempotently; the migrating role itself is refused', async () => {
    const password = `pw-'${'x'.repeat(32)}`; // a quote in it: written as a literal, doubled
    await migrateHub(owner, { serviceRole: role, servicePassword: password });
    await migrateHub(owner, { serviceRole: role, servicePassword: `${password}-changed` });
    const roles = await owner.query<{ login: boolean; superuser: boolean; createrole: boolean }>(
      sql`select rolcanlogin as login, rolsuper as superuser, rolcreaterole as createrole from pg_roles where rolname = ${role}`,
    );
    expect(roles).toEqual([{ login: true, superuser: false, createrole: false }]);
    // granted: reads the log, may not write it directly
    const rights = await owner.query<{ sel: boolean; ins: boolean; del: boolean }>(
      sql`select has_table_privilege(${role}, 'audit.entries', 'SELECT') as sel,
                 has_table_privilege(${role}, 'audit.entries', 'INSERT') as ins,
                 has_table_privilege(${role}, 'audit.entries', 'DELETE') as del`,
    );
    expect(rights).toEqual([{ sel: true, ins: false, del: false }]);
    expect(await auditLogOf(owner).connectedAsOwner()).toBe(true);
    const [me] = await owner.query<{ who: string }>(sql`select current_user as who`);
    await expect(migrateHub(owner, { serviceRole: me!.who })).rejects.toThrow(/is the role that migrates/);
    await expect(migrateHub(owner, { servicePassword: password })).rejects.toThrow(/needs HUB_SERVICE_ROLE/);
  }, 240_000);
});

// One way to open the hub's database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set.
// The same drizzle query code runs on both (STACK-NOTES: verified on PGlite and PostgreSQL 15).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { dbPoolMax, instrumentPostgres } from '@hub/observability';

export type Db = PgDatabase<PgQueryResultHKT, any>;
/** A drizzle transaction handle; same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  readonly driver: 'pglite' | 'postgres';
  readonly db: Db;
  /** Raw rows of a query, the same shape on both drivers. */
  query<T = Record<string, unknown>>(q: SQL, on?: Queryable): Promise<T[]>;
  /** Subscribe to NOTIFY on a channel. Returns an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Apply a subgraph's committed drizzle-kit migrations into its own Postgres schema. */
  migrate(opts: { migrationsFolder: string; schema: string }): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; unset → embedded PGlite. */
  url?: string;
  /** PGlite data directory; unset → in-memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
  /**
   * PGlite only: a gzipped data directory (dumpDataDir) a new database starts from, e.g. one already
   * holding the hub's migrations (@hub/stack's build). Missing file → the build's empty cluster.
   */
  template?: string;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.max ?? 10) : (await openPglite(opts.dataDir, opts.template)).database;
}

/** Options from the environment: DATABASE_URL → PostgreSQL, else PGlite under HUB_DATA_DIR (or memory). */
export function databaseOptionsFromEnv(env = process.env): OpenOptions {
  return { url: env.DATABASE_URL || undefined, max: env.DB_POOL_MAX ? Number(env.DB_POOL_MAX) : undefined };
}

function rowsOf<T>(result: unknown): T[] {
  // PGlite returns { rows }, postgres.js returns an array of rows.
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** An initialised empty cluster, made at build time (scripts/pglite-template.mjs); absent when running unbuilt sources. */
const PGLITE_TEMPLATE = fileURLToPath(new URL('../dist/pglite-template.tar.gz', import.meta.url));

/** One migration as a template holds it: the journal's tag and time, and the SHA-256 of its SQL. */
interface MigrationStep {
  tag: string;
  when: number;
  sha256: string;
}
/** What a migrated template holds, per schema (`<template>.json` beside the tarball). */
type TemplateManifest = Record<string, MigrationStep[]>;
interface Template {
  data: Blob;
  manifest?: TemplateManifest;
}

const templates = new Map<string, Promise<Template | undefined>>();
const readTemplate = (path: string, withManifest: boolean) => {
  let t = templates.get(path);
  if (!t)
    templates.set(
      path,
      (t = Promise.all([
        readFile(path),
        withManifest ? readFile(`${path}.json`, 'utf8').then((m) => JSON.parse(m) as TemplateManifest) : undefined,
      ]).then(
        ([data, manifest]) => ({ data: new Blob([data]), manifest }),
        () => undefined, // not built (unbuilt sources): the caller falls back
      )),
    );
  return t;
};

function migrationSteps(migrationsFolder: string): MigrationStep[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return journal.entries.map(({ tag, when }) => ({
    tag,
    when,
    sha256: createHash('sha256')
      .update(readFileSync(join(migrationsFolder, `${tag}.sql`)))
      .digest('hex'),
  }));
}

/**
 * A database made from a migrated template holds the template's migrations of `schema`: right only if
 * they are, unchanged, the first steps of the folder's, and any further step is newer (the migrator
 * applies only steps newer than the last applied one). Otherwise the template is older than the
 * sources (a migration edited since the build): refused, rather than run on other tables.
 */
function checkTemplateSteps(held: MigrationStep[], migrationsFolder: string, schema: string): void {
  const now = migrationSteps(migrationsFolder);
  const last = held.at(-1)?.when ?? 0;
  const same = held.every((h, i) => now[i]?.tag === h.tag && now[i].when === h.when && now[i].sha256 === h.sha256);
  if (!same || now.slice(held.length).some((n) => n.when <= last))
    throw new Error(
      `the PGlite template's migrations of ${schema} differ from ${migrationsFolder}: the build is older than the sources (npm run build; remove a data directory this start made from it)`,
    );
}

/**
 * Writes a PGlite template: a new in-memory database (from the build's empty cluster), `prepare`d —
 * e.g. every migration of the hub applied — and dumped gzipped to `out` for `OpenOptions.template`,
 * with `out`.json naming the migrations it holds.
 */
export async function writePgliteTemplate(out: string, prepare: (database: Database) => Promise<void>): Promise<void> {
  const { database, client } = await openPglite();
  const manifest: TemplateManifest = {};
  try {
    await prepare({
      ...database,
      async migrate(opts) {
        await database.migrate(opts);
        manifest[opts.schema] = migrationSteps(opts.migrationsFolder);
      },
    });
    const tarball = await client.dumpDataDir('gzip');
    mkdirSync(dirname(out), { recursive: true });
    // each written whole, then renamed: a test or start reading them meanwhile sees the old or the new
    const partial = `${out}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(manifest, null, 1));
    renameSync(partial, `${out}.json`);
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, out);
  } finally {
    await database.close();
  }
}

/**
 * Writes a dumpDataDir tarball (gzipped ustar: directories and plain files, paths relative to PGDATA)
 * into an empty data directory. Anything else in it (a link, a long-name header) → false, nothing
 * kept, and PGlite unpacks the template itself as before.
 */
async function unpackTemplate(data: Blob, dataDir: string): Promise<boolean> {
  const tar = gunzipSync(Buffer.from(await data.arrayBuffer()));
  const entries: Array<{ path: string; body?: Buffer }> = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const field = (from: number, length: number) =>
      header.toString('latin1', from, from + length).replace(/\0.*$/s, '');
    const prefix = field(257, 5) === 'ustar' ? field(345, 155) : '';
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const path = name.replace(/^\/+/, '');
    if (!['0', '5'].includes(type) || !Number.isFinite(size) || path.split('/').includes('..')) return false;
    entries.push(type === '5' ? { path } : { path, body: tar.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!entries.some((e) => e.path === 'PG_VERSION')) return false;
  try {
    // PG_VERSION last: it marks the directory as a database (isNew above), so never a half-written one
    for (const e of [
      ...entries.filter((e) => e.path !== 'PG_VERSION'),
      ...entries.filter((e) => e.path === 'PG_VERSION'),
    ]) {
      const to = join(dataDir, e.path);
      if (!e.body) mkdirSync(to, { recursive: true });
      else {
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, e.body);
      }
    }
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    throw e;
  }
  return true;
}

async function openPglite(dataDir?: string, templatePath?: string): Promise<{ database: Database; client: PGlite }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A new database (a fresh clone's first start, every in-memory test database) starts from the
  // build's initialised cluster instead of running initdb: ~5 → ~1.5 CPU s, ~450 MB less peak memory;
  // from a migrated one when given, so that the migrations below only find their journals applied.
  const isNew = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
  const template = isNew
    ? ((templatePath ? await readTemplate(templatePath, true) : undefined) ??
      (await readTemplate(PGLITE_TEMPLATE, false)))
    : undefined;
  // A new data directory: the template unpacked here with node's zlib, not by PGlite through its
  // WebAssembly file system: ~2 CPU s less at a fresh start (BENCHMARKS.md).
  const unpacked = template && dataDir ? await unpackTemplate(template.data, dataDir) : false;
  const loadDataDir = unpacked ? undefined : template?.data;
  // One process per PGlite directory, always (STACK-NOTES): the stack opens it once and shares it.
  const client = new PGlite({
    dataDir,
    loadDataDir,
    // shared_buffers 16 MB instead of initdb's 128 MB: the WebAssembly heap never shrinks, and the
    // data files sit in the OS page cache (or in memory) anyway; ~125 MB less RSS
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  const migrating = new Map<string, Promise<void>>();
  const checked = new Set<string>();
  const database: Database = {
    driver: 'pglite',
    db,
    async query<T>(q: SQL, on: Queryable = db) {
      return rowsOf<T>(await on.execute(q));
    },
    async listen(channel, onNotify) {
      const unsub = await client.listen(channel, onNotify);
      return async () => unsub();
    },
    async migrate({ migrationsFolder, schema }) {
      // one process per directory, so an in-process queue per schema is the advisory lock's equivalent:
      // two callers migrating one schema at once (shared packages booted by several subgraphs) would
      // both try to create it
      const prev = migrating.get(schema) ?? Promise.resolve();
      const run = prev
        .catch(() => {})
        .then(async () => {
          const held = template?.manifest?.[schema];
          if (held && !checked.has(schema)) checkTemplateSteps(held, migrationsFolder, schema);
          checked.add(schema);
          if (
            await migrationsApplied(
              (q) => client.query<Record<string, unknown>>(q).then((r) => r.rows),
              migrationsFolder,
              schema,
            )
          )
            return;
          await migratePglite(db as never, { migrationsFolder, ...bookkeeping(schema) });
        });
      migrating.set(schema, run);
      await run;
    },
    async close() {
      await client.close();
    },
  };
  return { database, client };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const quiet = { onnotice: () => {} };
  // observed: pool use, query time and (when tracing) one span per statement
  const client = instrumentPostgres(postgres(url, { max, ...quiet }), max);
  // drizzle() reconfigures the client it gets (STACK-NOTES), so LISTEN and the migration lock use their own.
  const side = postgres(url, { max: 2, ...quiet });
  const db = drizzlePostgres(client) as unknown as Db;
  return {
    driver: 'postgres',
    db,
    async query<T>(q: SQL, on: Queryable = db) {
      return rowsOf<T>(await on.execute(q));
    },
    async listen(channel, onNotify) {
      const { unlisten } = await side.listen(channel, onNotify);
      return unlisten;
    },
    async migrate({ migrationsFolder, schema }) {
      // Nothing to apply: done without the migrator, which creates its bookkeeping schema first and
      // so needs rights a services' role does not hold (docs/OPERATIONS.md, database roles).
      if (await migrationsApplied((q) => side.unsafe(q), migrationsFolder, schema)) return;
      // The drizzle migrator takes no lock; replicas booting together would race (STACK-NOTES).
      const lockKey = hashKey(`migrate:${schema}`);
      const conn = await side.reserve();
      try {
        await conn`SELECT pg_advisory_lock(${lockKey})`;
        await migratePostgres(db as never, { migrationsFolder, ...bookkeeping(schema) });
      } finally {
        await conn`SELECT pg_advisory_unlock(${lockKey})`.catch(() => {});
        conn.release();
      }
    },
    async close() {
      dbPoolMax.dec(max);
      await Promise.all([client.end({ timeout: 5 }), side.end({ timeout: 5 })]);
    },
  };
}

/** Each owner's applied migrations are tracked in hub_migrations.<schema>; the owner's own SQL creates its schema. */
function bookkeeping(schema: string) {
  return { migrationsSchema: 'hub_migrations', migrationsTable: schema };
}

/**
 * Whether every migration of a folder is recorded as applied: the drizzle migrator's own rule (a
 * migration is pending when its `when` is newer than the last applied one's created_at), read only.
 */
async function migrationsApplied(
  query: (text: string) => Promise<readonly Record<string, unknown>[]>,
  migrationsFolder: string,
  schema: string,
): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ when: number }>;
  };
  const newest = Math.max(0, ...journal.entries.map((e) => e.when));
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) return false;
  const [exists] = await query(`select to_regclass('hub_migrations.${schema}') is not null as ok`);
  if (!exists?.ok) return false;
  const [last] = await query(`select max(created_at)::text as at from hub_migrations.${schema}`);
  return last?.at != null && Number(last.at) >= newest;
}

/** A PostgreSQL role name as `HUB_SERVICE_ROLE` gives it: a plain lower-case identifier. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Lets the services' role (`role`) use the tables of the given schemas — read and write rows, use
 * their sequences — and read which migrations ran, nothing more: it cannot create, alter or drop
 * anything. Run by the owner (the migrating role) after migrating, every release (new tables).
 * Schemas with stricter rules (the audit log) grant their own (packages/audit roles.sql).
 */
export async function grantServiceRole(database: Database, role: string, schemas: readonly string[]): Promise<void> {
  if (!ROLE_NAME.test(role))
    throw new Error(`HUB_SERVICE_ROLE must be a plain lower-case identifier, not ${JSON.stringify(role)}`);
  await database.db.transaction(async (tx) => {
    for (const schema of schemas) {
      if (!ROLE_NAME.test(schema)) throw new Error(`not a schema name: ${schema}`);
      await tx.execute(sql.raw(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`));
      await tx.execute(sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`));
      await tx.execute(sql.raw(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`));
    }
    await tx.execute(sql.raw(`GRANT USAGE ON SCHEMA hub_migrations TO ${role}`));
    await tx.execute(sql.raw(`GRANT SELECT ON ALL TABLES IN SCHEMA hub_migrations TO ${role}`));
  });
}

/**
 * Makes the services' role a login role with this password: created when missing (it owns nothing and
 * inherits no rights but those grantServiceRole gives), its password set again every run. For a
 * single PostgreSQL the owner administers (deploy/compose.yaml); the owner needs CREATEROLE. Where an
 * operator manages roles (CloudNativePG `managed.roles`), leave the password unset and let it.
 */
export async function ensureLoginRole(database: Database, role: string, password: string): Promise<void> {
  if (!ROLE_NAME.test(role))
    throw new Error(`HUB_SERVICE_ROLE must be a plain lower-case identifier, not ${JSON.stringify(role)}`);
  if (!password || UNSTORABLE_TEXT.test(password)) throw new Error('HUB_SERVICE_ROLE_PASSWORD must be set text');
  // a utility statement takes no bind parameter: a string literal, quotes doubled
  const literal = `'${password.replaceAll("'", "''")}'`;
  const exists =
    (await database.query<{ ok: number }>(sql`select 1 as ok from pg_roles where rolname = ${role}`)).length > 0;
  await database.db.execute(
    sql.raw(
      exists
        ? `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal}`
        : `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal}`,
    ),
  );
}

function hashKey(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

/**
 * For integration tests on PostgreSQL: a fresh database per test file so files can run in
 * parallel without seeing each other's rows. Returns its URL and a drop function.
 */
export async function createScratchDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export { sql };

/**
 * Text PostgreSQL cannot store (NUL) or that is not valid UTF-8 once encoded (an unpaired surrogate):
 * rejected as input, since the database would fail the whole statement, valid rows included.
 */
export const UNSTORABLE_TEXT = /[\0\p{Cs}]/u;

/** Why one row of a batch cannot be stored because of its text (the first such field), or null. */
export function unstorableTextProblem<T extends object>(row: T, fields: readonly (keyof T & string)[]): string | null {
  for (const f of fields) {
    const v = row[f];
    if (typeof v === 'string' && UNSTORABLE_TEXT.test(v)) return `${f} contains NUL or an unpaired surrogate`;
  }
  return null;
}

/** A text[] literal, passed as one parameter (`= any(${toPgArray(ids)}::text[])`): the same on PGlite and postgres.js, and one bind parameter instead of thousands. */
export function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

/**
 * A database for one integration test file: PostgreSQL (a fresh scratch database on the server at
 * `baseUrl`, default DATABASE_URL) when given, in-memory PGlite otherwise (from `pglite.template`
 * when given). `close` drops what it created.
 */
export async function openTestDatabase(
  baseUrl: string | null = process.env.DATABASE_URL ?? null,
  pglite: Pick<OpenOptions, 'template'> = {},
): Promise<Database> {
  const base = baseUrl;
  if (!base) return openDatabase({ template: pglite.template });
  const scratch = await createScratchDatabase(base);
  const database = await openDatabase({ url: scratch.url, max: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

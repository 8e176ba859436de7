// One way to open the hub's database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set.
// The same drizzle query code runs on both (STACK-NOTES: verified on PGlite and PostgreSQL 15).
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { dbPoolMax, instrumentPostgres } from '@hub/observability';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.max ?? 10) : openPglite(opts.dataDir);
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

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One process per PGlite directory, always (STACK-NOTES): the stack opens it once and shares it.
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  const migrating = new Map<string, Promise<void>>();
  return {
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
      const run = prev.catch(() => {}).then(() => migratePglite(db as never, { migrationsFolder, ...bookkeeping(schema) }));
      migrating.set(schema, run);
      await run;
    },
    async close() {
      await client.close();
    },
  };
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
 * `baseUrl`, default DATABASE_URL) when given, in-memory PGlite otherwise. `close` drops what it created.
 */
export async function openTestDatabase(baseUrl: string | null = process.env.DATABASE_URL ?? null): Promise<Database> {
  const base = baseUrl;
  if (!base) return openDatabase();
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

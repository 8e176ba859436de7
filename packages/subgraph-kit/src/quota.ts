// Per-actor quotas where the domain has a natural ceiling (docs/QUOTAS.md): a company declares so many
// cameras a day, a citizen files so many access requests, an officer searches so many plates. Counted
// in the subgraph's own database, in the caller's transaction: a write that fails (or is refused for
// another reason) uses nothing, and two concurrent requests cannot both take the last unit (the
// counter row is locked by the upsert). The limits are configuration (docs/QUOTAS.md).
import { and, eq, lt, sql } from 'drizzle-orm';
import { integer, primaryKey, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Actor } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { rateLimited } from './errors.js';

export const DAY_MS = 24 * 3_600_000;

/** The counter table, one per subgraph schema that enforces a quota (each subgraph owns its tables). */
export function quotaUsageTable(schema: PgSchema) {
  return schema.table(
    'quota_usage',
    {
      /** Whose quota: actor kind and the identifier the quota is kept per (quotaKey). */
      actor: text('actor').notNull(),
      quota: text('quota').notNull(),
      /** Start of the fixed window (UTC; a day window starts at midnight UTC). */
      windowStart: timestamp('window_start', { withTimezone: true, precision: 3 }).notNull(),
      used: integer('used').notNull(),
    },
    (t) => [primaryKey({ columns: [t.actor, t.quota, t.windowStart] })],
  );
}
export type QuotaUsageTable = ReturnType<typeof quotaUsageTable>;

export interface Quota {
  /** Stable name, stored with the counts and told in the refusal. */
  name: string;
  /** The variable that sets the limit (docs/QUOTAS.md): a whole number, 0 = no quota. */
  envVar: string;
  /** The limit when the variable is unset. */
  defaultLimit: number;
  /** What one unit is, for the refusal's message ("camera registrations"). */
  unit: string;
  windowMs: number;
}

/**
 * A quota whose limit is configuration. The variable is checked now, at start: anything but a whole
 * number stops the process (a typo must not lift a limit). It is read again at each use, so a test
 * or an operator's restart with a new value needs nothing else.
 */
export function defineQuota(q: Omit<Quota, 'windowMs'> & { windowMs?: number }): Quota {
  const quota = { windowMs: DAY_MS, ...q };
  quotaLimit(quota);
  return quota;
}

/** The limit in force: unset → the default; `0` → no quota (null). */
export function quotaLimit(q: Quota, env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env[q.envVar]?.trim();
  if (raw === undefined || raw === '') return q.defaultLimit;
  if (!/^\d{1,9}$/.test(raw))
    throw new Error(`${q.envVar} must be a whole number (0 = no quota), got ${JSON.stringify(raw)}`);
  return Number(raw) === 0 ? null : Number(raw);
}

/** Whose count: the actor's kind and, per quota, the organisation (a company) or the person (`sub`). */
export function quotaKey(actor: Actor, per: 'org' | 'sub'): string {
  return `${actor.kind}:${per === 'org' ? (actor.org ?? actor.sub) : actor.sub}`;
}

/**
 * Take one unit of `quota` for `key` at `now`, on `on` (the caller's transaction, so a failed write
 * gives it back). Over the limit: RATE_LIMITED with `extensions.retryAfter`, the seconds until the
 * window ends, and nothing changed.
 */
export async function consumeQuota(
  on: Queryable,
  table: QuotaUsageTable,
  quota: Quota,
  key: string,
  now: Date,
): Promise<void> {
  const limit = quotaLimit(quota);
  if (limit === null) return;
  const windowStart = new Date(Math.floor(now.getTime() / quota.windowMs) * quota.windowMs);
  const taken = await on
    .insert(table)
    .values({ actor: key, quota: quota.name, windowStart, used: 1 })
    .onConflictDoUpdate({
      target: [table.actor, table.quota, table.windowStart],
      set: { used: sql`${table.used} + 1` },
      setWhere: sql`${table.used} < ${limit}`,
    })
    .returning({ used: table.used });
  if (taken.length === 0) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + quota.windowMs - now.getTime()) / 1000));
    throw rateLimited(
      `Quota reached: at most ${limit} ${quota.unit} per ${describeWindow(quota.windowMs)}; try again in ${retryAfter} s`,
      retryAfter,
    );
  }
  // a key's first unit in a new window: its earlier windows are of no further use
  if (taken[0]!.used === 1) {
    await on
      .delete(table)
      .where(and(eq(table.actor, key), eq(table.quota, quota.name), lt(table.windowStart, windowStart)));
  }
}

function describeWindow(ms: number): string {
  if (ms === DAY_MS) return 'day (UTC)';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 1000)} s`;
}

// Day partitions of anpr.reads (migration 0001): created before an ingest writes into a day,
// dropped by retention when the whole day has expired and none of its reads is a hit.
import { sql } from 'drizzle-orm';
import type { Database } from '@hub/db';

const DAY_MS = 24 * 3_600_000;
const known = new WeakMap<Database, Set<string>>();
const daysOf = (database: Database) => {
  let s = known.get(database);
  if (!s) known.set(database, (s = new Set()));
  return s;
};

/** 'YYYY-MM-DD' (UTC) of a time. */
export const utcDay = (t: Date) => t.toISOString().slice(0, 10);

/**
 * Makes sure each day has its partition. Runs in its own short transactions, before the ingest's:
 * creating a partition locks the parent table, which must not be held for a whole batch.
 */
export async function ensureDayPartitions(database: Database, times: Date[]): Promise<void> {
  const seen = daysOf(database);
  // distinct days by number first: formatting a date per read cost a microsecond each
  const days = new Set(times.map((t) => Math.floor(t.getTime() / DAY_MS)));
  const missing = [...days].map((n) => utcDay(new Date(n * DAY_MS))).filter((d) => !seen.has(d));
  for (const day of missing) {
    const [r] = await database.query<{ ok: boolean }>(sql`select anpr.ensure_read_partition(${day}::date) as ok`);
    if (r?.ok) seen.add(day);
  }
}

export interface DayPartition {
  name: string;
  day: string;
  /** First moment after the day (UTC). */
  end: Date;
}

/** The day partitions that exist now, oldest first. */
export async function dayPartitions(database: Database): Promise<DayPartition[]> {
  const rows = await database.query<{ name: string }>(
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'anpr.reads'::regclass and c.relname ~ '^reads_[0-9]{8}$' order by c.relname`,
  );
  return rows.map(({ name }) => {
    const day = `${name.slice(6, 10)}-${name.slice(10, 12)}-${name.slice(12, 14)}`;
    return { name, day, end: new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS) };
  });
}

/** Forget a dropped day (this process would otherwise think it still exists). */
export function forgetDay(database: Database, day: string): void {
  daysOf(database).delete(day);
}

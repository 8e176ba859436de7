// Monthly counters per municipality and area (council report, 003 §6.1): kept as counts only.
import { and, asc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { inMunicipalStatistics } from '../domain/statistics.js';
import { monthlyStatsTable } from './schema.js';

export const monthOf = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;

type Counts = Partial<Record<'recordings' | 'deletions' | 'holds' | 'investigations', number>>;

export async function bumpStats(
  tx: Queryable,
  key: { municipality: string; areaId: string | null; month: string },
  by: Counts,
) {
  const row = {
    municipality: key.municipality,
    areaId: key.areaId ?? '',
    month: key.month,
    recordings: by.recordings ?? 0,
    deletions: by.deletions ?? 0,
    holds: by.holds ?? 0,
    investigations: by.investigations ?? 0,
  };
  await tx
    .insert(monthlyStatsTable)
    .values(row)
    .onConflictDoUpdate({
      target: [monthlyStatsTable.municipality, monthlyStatsTable.areaId, monthlyStatsTable.month],
      set: {
        recordings: sql`${monthlyStatsTable.recordings} + ${row.recordings}`,
        deletions: sql`${monthlyStatsTable.deletions} + ${row.deletions}`,
        holds: sql`${monthlyStatsTable.holds} + ${row.holds}`,
        investigations: sql`${monthlyStatsTable.investigations} + ${row.investigations}`,
      },
    });
}

type Keyed = { municipality: string; areaId: string | null; month: string; covert: boolean } & Counts;

/** Add up counts per (municipality, area, month) and write one upsert per group; covert cameras' recordings not. */
export async function addStats(tx: Queryable, items: Keyed[]) {
  const groups = new Map<string, { key: Keyed; counts: Required<Counts> }>();
  for (const it of items) {
    if (!inMunicipalStatistics(it)) continue;
    const k = `${it.municipality}|${it.areaId ?? ''}|${it.month}`;
    const g = groups.get(k) ?? { key: it, counts: { recordings: 0, deletions: 0, holds: 0, investigations: 0 } };
    g.counts.recordings += it.recordings ?? 0;
    g.counts.deletions += it.deletions ?? 0;
    g.counts.holds += it.holds ?? 0;
    g.counts.investigations += it.investigations ?? 0;
    groups.set(k, g);
  }
  for (const g of groups.values()) await bumpStats(tx, g.key, g.counts);
}

/** A municipality's counters per area for the months in [fromMonth, toMonth) (YYYY-MM-01), by month and area. */
export const monthlyCounters = (on: Queryable, municipality: string, fromMonth: string, toMonth: string) =>
  on
    .select()
    .from(monthlyStatsTable)
    .where(
      and(
        eq(monthlyStatsTable.municipality, municipality),
        gte(monthlyStatsTable.month, fromMonth),
        lt(monthlyStatsTable.month, toMonth),
      ),
    )
    .orderBy(asc(monthlyStatsTable.month), asc(monthlyStatsTable.areaId));

/** One area's counters summed over the months from `from`'s up to (not including) `to`'s. */
export async function areaTotals(
  on: Queryable,
  area: { municipality: string; areaId: string; from: Date; to: Date },
): Promise<Record<'recordings' | 'investigations' | 'holds' | 'deletions', number>> {
  const [r] = await on
    .select({
      recordings: sum(monthlyStatsTable.recordings),
      investigations: sum(monthlyStatsTable.investigations),
      holds: sum(monthlyStatsTable.holds),
      deletions: sum(monthlyStatsTable.deletions),
    })
    .from(monthlyStatsTable)
    .where(
      and(
        eq(monthlyStatsTable.municipality, area.municipality),
        eq(monthlyStatsTable.areaId, area.areaId),
        gte(monthlyStatsTable.month, monthOf(area.from)),
        lt(monthlyStatsTable.month, monthOf(area.to)),
      ),
    );
  return {
    recordings: Number(r?.recordings ?? 0),
    investigations: Number(r?.investigations ?? 0),
    holds: Number(r?.holds ?? 0),
    deletions: Number(r?.deletions ?? 0),
  };
}

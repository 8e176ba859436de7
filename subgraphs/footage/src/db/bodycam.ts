// The bodycam pilot's counters (002): recordings of the enforcement officers per municipality, month
// and purpose, and how many lacked the two spoken warnings. Counts only; they outlive the footage.
import { sql } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { warningsBeforeRecording } from '../domain/bodycam.js';
import { bodycamMonthlyTable, type recordingTable } from './schema.js';
import { monthOf } from './stats.js';

type RecordingRow = typeof recordingTable.$inferSelect;

export async function addBodycamFigures(tx: Queryable, recordings: RecordingRow[]): Promise<void> {
  const groups = new Map<
    string,
    { municipality: string; month: string; purpose: string; recordings: number; withoutTwoWarnings: number }
  >();
  for (const r of recordings) {
    const purpose = r.bodycamPurpose ?? 'OTHER_THREAT';
    const key = `${r.municipality}|${monthOf(r.startedAt)}|${purpose}`;
    const g = groups.get(key) ?? {
      municipality: r.municipality,
      month: monthOf(r.startedAt),
      purpose,
      recordings: 0,
      withoutTwoWarnings: 0,
    };
    g.recordings += 1;
    if (warningsBeforeRecording(r.spokenWarnings) !== true) g.withoutTwoWarnings += 1;
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    await tx
      .insert(bodycamMonthlyTable)
      .values(g)
      .onConflictDoUpdate({
        target: [bodycamMonthlyTable.municipality, bodycamMonthlyTable.month, bodycamMonthlyTable.purpose],
        set: {
          recordings: sql`${bodycamMonthlyTable.recordings} + ${g.recordings}`,
          withoutTwoWarnings: sql`${bodycamMonthlyTable.withoutTwoWarnings} + ${g.withoutTwoWarnings}`,
        },
      });
  }
}

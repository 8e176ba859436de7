// The enforcement officers' bodycam recordings (002): finding them under the policy (the use is the
// caller's, a constant in the SQL), and the pilot's counters — recordings per municipality, month and
// purpose, and how many lacked the two spoken warnings. Counts only; they outlive the footage.
import { and, asc, count, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { afterTimeCursor, toPage, type decodeCursor } from '@hub/subgraph-kit';
import { warningsBeforeRecording, type FootageUse } from '../domain/bodycam.js';
import { MAX_SPAN_MS } from '../domain/retention.js';
import type { BodycamRecording } from '../schema/bodycam.js';
import type { CameraRef } from '../schema/types.js';
import { heldIds } from './holds.js';
import type { RecordingRow } from './recordings.js';
import { bodycamMonthlyTable, cameraReplica, recordingTable } from './schema.js';
import { monthOf } from './stats.js';

/** Only recordings of bodycams the municipality's officers wear (the camera replica knows the operator). */
const handhaverBodycam = and(eq(recordingTable.kind, 'BODYCAM'), eq(cameraReplica.operator, 'MUNICIPALITY'))!;

/** Policy condition fields → SQL; the use is the caller's, not the row's: a constant. */
const columns = (use: string | null) => ({ municipality: recordingTable.municipality, use: sql`${use}::text` });

export function toBodycam(r: RecordingRow, underHold: boolean): BodycamRecording {
  return {
    ...r,
    // the camera's facts the policy looks at, so its public fields resolve for the municipality too
    camera: { id: r.cameraId, municipality: r.municipality, covert: r.covert } as CameraRef,
    underHold,
    spokenWarnings: r.spokenWarnings ?? 0,
    warningsBeforeRecording: warningsBeforeRecording(r.spokenWarnings ?? 0) === true,
    purpose: r.bodycamPurpose ?? 'OTHER_THREAT',
  };
}

/**
 * One page of a municipality's officers' bodycam recordings overlapping [from, to] that the ability
 * may read for this use, keyset on (started_at, id). Page size and cursor come checked.
 */
export async function bodycamPage(
  on: Queryable,
  ability: Ability,
  q: { municipality: string; use: FootageUse; from: Date; to: Date },
  limit: number,
  cursor: ReturnType<typeof decodeCursor>,
) {
  const where = and(
    handhaverBodycam,
    eq(recordingTable.municipality, q.municipality),
    accessibleWhere(ability, 'read', 'BodycamRecording', columns(q.use)),
    gte(recordingTable.endedAt, q.from),
    gte(recordingTable.startedAt, new Date(q.from.getTime() - MAX_SPAN_MS)),
    lte(recordingTable.startedAt, q.to),
  ) as SQL;
  const rows = await on
    .select({ r: recordingTable })
    .from(recordingTable)
    .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
    .where(and(where, afterTimeCursor(recordingTable.startedAt, recordingTable.id, cursor, 'asc')))
    .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
    .limit(limit + 1);
  const held = await heldIds(
    on,
    rows.map((x) => x.r.id),
  );
  const page = toPage(
    rows,
    limit,
    0,
    (x) => [x.r.startedAt.toISOString(), x.r.id],
    (x) => toBodycam(x.r, held.has(x.r.id)),
  );
  // totalCount is resolved only when asked (graphql-js calls function properties)
  return Object.assign(page, {
    totalCount: async () =>
      (
        await on
          .select({ n: count() })
          .from(recordingTable)
          .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
          .where(where)
      )[0]!.n,
  });
}

/** One officer's bodycam recording the ability may read (for any use), or undefined: missing and hidden alike. */
export async function findBodycamRecording(
  on: Queryable,
  ability: Ability,
  id: string,
): Promise<RecordingRow | undefined> {
  const [found] = await on
    .select({ r: recordingTable })
    .from(recordingTable)
    .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
    .where(
      and(
        eq(recordingTable.id, id),
        handhaverBodycam,
        accessibleWhere(ability, 'read', 'BodycamRecording', columns(null)),
      ),
    );
  return found?.r;
}

/** A recording locked FOR UPDATE, or undefined when it is gone. */
export async function lockRecording(on: Queryable, id: string): Promise<RecordingRow | undefined> {
  const [locked] = await on.select().from(recordingTable).where(eq(recordingTable.id, id)).for('update');
  return locked;
}

/** The pilot's figures of a municipality for the months that [from, to) touches, by month and purpose. */
export async function bodycamFiguresOf(on: Queryable, municipality: string, from: Date, to: Date) {
  const rows = await on
    .select()
    .from(bodycamMonthlyTable)
    .where(
      and(
        eq(bodycamMonthlyTable.municipality, municipality),
        gte(bodycamMonthlyTable.month, monthOf(from)),
        lt(bodycamMonthlyTable.month, monthAfter(to)),
      ),
    )
    .orderBy(asc(bodycamMonthlyTable.month), asc(bodycamMonthlyTable.purpose));
  return rows.map((r) => ({ ...r, month: r.month.slice(0, 7) }));
}

/** The first month not included: `to` is exclusive, so a period ending on the 1st stops before that month. */
function monthAfter(to: Date): string {
  const last = new Date(to.getTime() - 1);
  return monthOf(new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1)));
}

/** Count ingested officers' bodycam recordings into the pilot's figures. */
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

// Placing and releasing legal holds: one implementation for the police's own mutations and for
// holds asked for by the requests subgraph. Counts for the statistics and the audit entry come with it.
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { underGrants, type AuditLog } from '@hub/audit';
import type { Actor } from '@hub/auth';
import type { Queryable, Tx } from '@hub/db';
import { holdItemTable, holdTable, type recordingTable } from './schema.js';
import { addStats, monthOf } from './stats.js';

type RecordingRow = typeof recordingTable.$inferSelect;
type HoldRow = typeof holdTable.$inferSelect;
const CHUNK = 5000;

/**
 * Secure `recordings` (already locked FOR UPDATE by the caller) under a new hold. `beforeAudit` runs
 * in the same transaction just before the audit entry, which comes last: its lock serialises until commit.
 */
export async function placeHold(
  tx: Tx,
  audit: AuditLog,
  h: {
    id: string;
    caseReference: string;
    reason: string;
    by: Actor;
    at: Date;
    recordings: RecordingRow[];
    /** The grants a third party's recordings are secured under: named in the audit entry (004). */
    grants?: Array<{ id: string; reference: string }>;
  },
  beforeAudit?: () => Promise<void>,
): Promise<HoldRow> {
  const ids = h.recordings.map((r) => r.id);
  const [hold] = await tx
    .insert(holdTable)
    .values({ id: h.id, caseReference: h.caseReference, reason: h.reason, placedBy: h.by.sub, placedAt: h.at })
    .returning();
  // recordings not held before become "used for an investigation" in the statistics
  const alreadyHeld = await heldIds(tx, ids);
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .insert(holdItemTable)
      .values(ids.slice(i, i + CHUNK).map((recordingId) => ({ holdId: h.id, recordingId, active: 1 })));
  }
  await addStats(
    tx,
    h.recordings.map((r) => ({
      municipality: r.municipality,
      areaId: r.areaId,
      covert: r.covert,
      month: monthOf(h.at),
      holds: 1,
      investigations: alreadyHeld.has(r.id) ? 0 : 1,
    })),
  );
  await beforeAudit?.();
  await audit.append(tx, {
    actor: h.by,
    action: 'footage.hold.place',
    subjectType: 'Recording',
    subjectIds: ids,
    purpose: underGrants(`${h.caseReference}: ${h.reason}`, h.grants ?? []),
    at: h.at,
  });
  return hold!;
}

/** Release a hold (not yet released): its recordings return to normal retention. Returns their ids. */
export async function releaseHold(
  tx: Tx,
  audit: AuditLog,
  hold: HoldRow,
  r: { by: Actor; reason: string; at: Date },
): Promise<{ hold: HoldRow; recordingIds: string[] }> {
  const [released] = await tx
    .update(holdTable)
    .set({ releasedAt: r.at, releasedBy: r.by.sub, releaseReason: r.reason })
    .where(eq(holdTable.id, hold.id))
    .returning();
  const items = await tx
    .update(holdItemTable)
    .set({ active: 0 })
    .where(eq(holdItemTable.holdId, hold.id))
    .returning({ id: holdItemTable.recordingId });
  const recordingIds = items.map((i) => i.id);
  await audit.append(tx, {
    actor: r.by,
    action: 'footage.hold.release',
    subjectType: 'Recording',
    subjectIds: recordingIds,
    purpose: `${hold.caseReference}: ${r.reason}`,
    at: r.at,
  });
  return { hold: released!, recordingIds };
}

/** Which of these recordings an active hold secures. */
export async function heldIds(on: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await on
    .selectDistinct({ id: holdItemTable.recordingId })
    .from(holdItemTable)
    .where(and(inArray(holdItemTable.recordingId, ids), eq(holdItemTable.active, 1)));
  return new Set(rows.map((r) => r.id));
}

/** The holds on one recording, active and released, oldest first. */
export async function holdsOfRecording(on: Queryable, recordingId: string): Promise<HoldRow[]> {
  const rows = await on
    .select({ hold: holdTable })
    .from(holdItemTable)
    .innerJoin(holdTable, eq(holdTable.id, holdItemTable.holdId))
    .where(eq(holdItemTable.recordingId, recordingId))
    .orderBy(asc(holdTable.placedAt));
  return rows.map((x) => x.hold);
}

/** One hold, or undefined; `lock` takes it FOR UPDATE. */
export async function findHold(on: Queryable, id: string, { lock = false } = {}): Promise<HoldRow | undefined> {
  const query = on.select().from(holdTable).where(eq(holdTable.id, id));
  const [hold] = lock ? await query.for('update') : await query;
  return hold;
}

/** The id of the open hold that secures this recording under this case reference, if any. */
export async function openHoldId(
  on: Queryable,
  recordingId: string,
  caseReference: string,
): Promise<string | undefined> {
  const [row] = await on
    .select({ id: holdTable.id })
    .from(holdItemTable)
    .innerJoin(holdTable, eq(holdTable.id, holdItemTable.holdId))
    .where(
      and(
        eq(holdItemTable.recordingId, recordingId),
        eq(holdTable.caseReference, caseReference),
        isNull(holdTable.releasedAt),
      ),
    );
  return row?.id;
}

/** How many recordings a hold secures (released or not: its items stay). */
export async function holdItemCount(on: Queryable, holdId: string): Promise<number> {
  const [{ n }] = (await on.select({ n: count() }).from(holdItemTable).where(eq(holdItemTable.holdId, holdId))) as [
    { n: number },
  ];
  return n;
}

/** Holds newest first, optionally of one case and only the active ones, at most `limit`. */
export const listHolds = (
  on: Queryable,
  filter: { caseReference?: string; activeOnly?: boolean },
  limit: number,
): Promise<HoldRow[]> =>
  on
    .select()
    .from(holdTable)
    .where(
      and(
        filter.caseReference ? eq(holdTable.caseReference, filter.caseReference) : undefined,
        filter.activeOnly ? isNull(holdTable.releasedAt) : undefined,
      ),
    )
    .orderBy(desc(holdTable.placedAt))
    .limit(limit);

/** Holds by id, unfiltered: the federation reference loader's read. */
export const holdsByIds = (on: Queryable, ids: string[]): Promise<HoldRow[]> =>
  on.select().from(holdTable).where(inArray(holdTable.id, ids));

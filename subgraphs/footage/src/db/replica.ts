// The footage subgraph's replica of the cameras subgraph's cameras, fed by cameraRegistered events.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import type { CameraRegisteredPayload } from '@hub/events';
import { cameraReplica, holdItemTable, holdTable, recordingTable } from './schema.js';
import { addStats, monthOf } from './stats.js';

const CHUNK = 5000;

/**
 * Upsert one camera. When its covert flag changes (a replica from before migration 0001 replaying
 * the camera events), its recordings change sides in the statistics: the counts already made for
 * them (recordings, holds, investigations) are taken out, or put in, in the same transaction.
 * Deletions already counted cannot be traced to a camera any more and stay as they are.
 */
export async function applyCameraRegistered(tx: Queryable, c: CameraRegisteredPayload): Promise<void> {
  const covert = c.covert === true;
  const facts = {
    municipality: c.municipality,
    areaId: c.areaId,
    kind: c.kind,
    covert,
    operator: c.operator ?? 'POLICE',
  };
  await tx
    .insert(cameraReplica)
    .values({ id: c.id, ...facts })
    .onConflictDoUpdate({ target: cameraReplica.id, set: facts });
  const moved = await tx
    .update(recordingTable)
    .set({ covert })
    .where(and(eq(recordingTable.cameraId, c.id), ne(recordingTable.covert, covert)))
    .returning({
      id: recordingTable.id,
      municipality: recordingTable.municipality,
      areaId: recordingTable.areaId,
      startedAt: recordingTable.startedAt,
    });
  if (moved.length === 0) return;
  const sign = covert ? -1 : 1;
  const byId = new Map(moved.map((r) => [r.id, r]));
  // covert: false on purpose — these adjust counts made before, which the covert filter must not skip
  const items: Parameters<typeof addStats>[1] = moved.map((r) => ({
    municipality: r.municipality,
    areaId: r.areaId,
    covert: false,
    month: monthOf(r.startedAt),
    recordings: sign,
  }));
  const firstHeld = new Set<string>();
  for (let i = 0; i < moved.length; i += CHUNK) {
    const holds = await tx
      .select({ recordingId: holdItemTable.recordingId, placedAt: holdTable.placedAt })
      .from(holdItemTable)
      .innerJoin(holdTable, eq(holdTable.id, holdItemTable.holdId))
      .where(
        inArray(
          holdItemTable.recordingId,
          moved.slice(i, i + CHUNK).map((r) => r.id),
        ),
      )
      .orderBy(asc(holdTable.placedAt));
    for (const h of holds) {
      const r = byId.get(h.recordingId)!;
      // a hold counted once per recording held; the first one made it "used for an investigation"
      const first = !firstHeld.has(h.recordingId);
      firstHeld.add(h.recordingId);
      items.push({
        municipality: r.municipality,
        areaId: r.areaId,
        covert: false,
        month: monthOf(h.placedAt),
        holds: sign,
        investigations: first ? sign : 0,
      });
    }
  }
  await addStats(tx, items);
}

/** The replica's cameras of these ids (unknown ones are left out). */
export const replicaCameras = (on: Queryable, ids: string[]) =>
  on.select().from(cameraReplica).where(inArray(cameraReplica.id, ids));

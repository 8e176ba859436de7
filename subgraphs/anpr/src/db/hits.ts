// Reading hotlist hits: rows (or the anprHit event's payload) ↔ GraphQL objects. Hits are written by
// the matcher (db/match.ts) and deleted by retention (db/retention.ts).
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import type { AnprHit } from '../schema/types.js';
import { hitTable } from './schema.js';

export function toHit(
  h: Pick<typeof hitTable.$inferSelect, 'id' | 'readId' | 'hotlistId' | 'entryId' | 'cameraId'> & {
    observedAt: Date | string;
  },
): AnprHit {
  return {
    id: h.id,
    readId: h.readId,
    hotlistId: h.hotlistId,
    entryId: h.entryId,
    observedAt: new Date(h.observedAt),
    camera: { id: h.cameraId },
  };
}

/** A list's hits, newest first, at most 500. */
export const hitsOfList = async (on: Queryable, hotlistId: string): Promise<AnprHit[]> =>
  (
    await on
      .select()
      .from(hitTable)
      .where(eq(hitTable.hotlistId, hotlistId))
      .orderBy(desc(hitTable.observedAt))
      .limit(500)
  ).map(toHit);

/** A read's hits, oldest first. */
export const hitsOfRead = async (on: Queryable, readId: string): Promise<AnprHit[]> =>
  (await on.select().from(hitTable).where(eq(hitTable.readId, readId)).orderBy(asc(hitTable.createdAt))).map(toHit);

/** Hits by id, unfiltered: the federation reference loader's read. */
export const hitsByIds = async (on: Queryable, ids: string[]): Promise<AnprHit[]> =>
  (await on.select().from(hitTable).where(inArray(hitTable.id, ids))).map(toHit);

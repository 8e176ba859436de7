// Reading ANPR reads: rows ↔ GraphQL objects, a plate search's page, one read and the reference
// loader's read. Reads are written by db/ingest.ts and deleted by db/retention.ts.
import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { afterTimeCursor, toPage, type decodeCursor } from '@hub/subgraph-kit';
import type { AnprRead } from '../schema/types.js';
import { readTable } from './schema.js';

// `plate` is decrypted lazily by the field resolver, which only runs once the policy let the field through.
export function toRead(r: typeof readTable.$inferSelect): AnprRead {
  const { plateHash: _hash, ...rest } = r;
  return { ...rest, camera: { id: r.cameraId } } as unknown as AnprRead;
}

/**
 * One page of the reads of a plate (by its hash) observed in [from, to), keyset on (observed_at, id).
 * The page size and cursor come checked (pageSize, decodeCursor with TIME_CURSOR): bad ones are refused
 * before the search counts against the quota.
 */
export async function plateReadPage(
  on: Queryable,
  search: { plateHash: string; from: Date; to: Date },
  limit: number,
  cursor: ReturnType<typeof decodeCursor>,
) {
  const where = and(
    eq(readTable.plateHash, search.plateHash),
    gte(readTable.observedAt, search.from),
    lt(readTable.observedAt, search.to),
  );
  const keyset = afterTimeCursor(readTable.observedAt, readTable.id, cursor, 'asc');
  const rows = await on
    .select()
    .from(readTable)
    .where(and(where, keyset))
    .orderBy(asc(readTable.observedAt), asc(readTable.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, 0, (r) => [r.observedAt.toISOString(), r.id], toRead);
  // totalCount is resolved only when asked (graphql-js calls function properties)
  return Object.assign(page, {
    totalCount: async () => (await on.select({ n: count() }).from(readTable).where(where))[0]!.n,
  });
}

/** One read, or null; observed_at lets the database look in one day partition only. */
export async function findRead(on: Queryable, id: string, observedAt: Date): Promise<AnprRead | null> {
  const [r] = await on
    .select()
    .from(readTable)
    .where(and(eq(readTable.id, id), eq(readTable.observedAt, observedAt)));
  return r ? toRead(r) : null;
}

/** Reads by id, unfiltered: the federation reference loader's read. */
export const readsByIds = async (on: Queryable, ids: string[]): Promise<AnprRead[]> =>
  (await on.select().from(readTable).where(inArray(readTable.id, ids))).map(toRead);

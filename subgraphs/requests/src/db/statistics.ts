// The requests subgraph's figures: counts per kind, status and month, and overdue access requests
// without personal details. Public-order cameras only (noCovertCamera).
import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { afterTimeCursor } from '@hub/subgraph-kit';
import { OPEN_STATUSES } from '../domain/status.js';
import { cameraReplica, requestTable } from './schema.js';

/**
 * The figures cover the public-order cameras only: a request naming a covert camera (an investigation
 * measure, never seen by a municipality) is not counted, or the municipality's and the supervisor's
 * figures would move because of it (as footage statistics, footage
 * domain/statistics.ts). The same figure for every reader.
 */
const noCovertCamera = sql`not exists (select 1 from ${cameraReplica} c where c.id = any(${requestTable.cameraIds}) and c.covert)`;

/** Requests of a municipality filed in [from, to), per kind, status and month (UTC). */
export async function requestCounts(on: Queryable, municipality: string, from: Date, to: Date) {
  const month = sql<string>`to_char(${requestTable.filedAt} at time zone 'UTC', 'YYYY-MM')`;
  return on
    .select({ kind: requestTable.kind, status: requestTable.status, month, count: count() })
    .from(requestTable)
    .where(
      and(
        eq(requestTable.municipality, municipality),
        gte(requestTable.filedAt, from),
        lt(requestTable.filedAt, to),
        noCovertCamera,
      ),
    )
    .groupBy(requestTable.kind, requestTable.status, month)
    .orderBy(asc(month), asc(requestTable.kind), asc(requestTable.status));
}

const overdueWhere = (now: Date, municipality?: string) =>
  and(
    eq(requestTable.kind, 'DATA_SUBJECT_ACCESS'),
    inArray(requestTable.status, [...OPEN_STATUSES]),
    lt(requestTable.dueAt, now),
    municipality ? eq(requestTable.municipality, municipality) : undefined,
  );

/** Open access requests past their due date at `now`, most overdue first: keyset on (due_at, id). */
export function overdueAccessRequests(
  on: Queryable,
  now: Date,
  municipality: string | undefined,
  cursor: Array<string | number> | undefined,
  limit: number,
) {
  // only what the authority may see: no requester, place, description or cameras leave the database
  return on
    .select({
      id: requestTable.id,
      filedAt: requestTable.filedAt,
      receivedAt: requestTable.receivedAt,
      channel: requestTable.channel,
      dueAt: requestTable.dueAt,
      municipality: requestTable.municipality,
    })
    .from(requestTable)
    .where(and(overdueWhere(now, municipality), afterTimeCursor(requestTable.dueAt, requestTable.id, cursor, 'asc')))
    .orderBy(asc(requestTable.dueAt), asc(requestTable.id))
    .limit(limit);
}

export async function overdueAccessCount(on: Queryable, now: Date, municipality?: string): Promise<number> {
  return (await on.select({ n: count() }).from(requestTable).where(overdueWhere(now, municipality)))[0]!.n;
}

// The footage requests of one area's row in the half-yearly council report (003 §6.1).
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { cameraReplica, requestTable } from './schema.js';

/**
 * Requests of the municipality filed in [from, to) naming one of the area's public-order cameras, one
 * row per request (a request naming several of the area's cameras counts once). A covert camera's
 * requests are not counted for its area (they would reveal it).
 */
export function areaRequests(on: Queryable, a: { municipality: string; areaId: string; from: Date; to: Date }) {
  return on
    .selectDistinct({
      id: requestTable.id,
      kind: requestTable.kind,
      status: requestTable.status,
      decision: requestTable.decision,
    })
    .from(requestTable)
    .innerJoin(cameraReplica, sql`${cameraReplica.id} = any(${requestTable.cameraIds})`)
    .where(
      and(
        eq(requestTable.municipality, a.municipality),
        eq(cameraReplica.areaId, a.areaId),
        eq(cameraReplica.covert, false),
        gte(requestTable.filedAt, a.from),
        lt(requestTable.filedAt, a.to),
      ),
    );
}

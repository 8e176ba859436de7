// The public camera register (003 §5): exactly what the public may read, whoever asks (the policy's
// public rules), each camera with its area and the decision in force.
import { and, asc, count, eq, gt, isNull, lte, ne, or } from 'drizzle-orm';
import { accessibleWhere, defineAbilityFor, PUBLIC_ACTOR } from '@hub/auth';
import { decodeCursor, ID_CURSOR, pageSize, toPage, type HubContext } from '@hub/subgraph-kit';
import { areaColumns } from './areas.js';
import { cameraColumns } from './cameras.js';
import { areaTable, cameraTable, decisionTable } from './schema.js';

/** The register shows exactly what the public may read, whoever asks (the policy's public rules). */
const publicAbility = defineAbilityFor(PUBLIC_ACTOR);

/** A page of a municipality's register: cameras not decommissioned, keyset on id. */
export async function registerPage(
  ctx: HubContext,
  municipality: string,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, ID_CURSOR);
  const now = ctx.clock.now();
  const where = and(
    accessibleWhere(publicAbility, 'read', 'Camera', cameraColumns),
    eq(cameraTable.municipality, municipality),
    ne(cameraTable.status, 'DECOMMISSIONED'),
  );
  // the decision in force: published, within its period, not ended
  const inForce = and(
    eq(decisionTable.areaId, cameraTable.areaId),
    eq(decisionTable.published, true),
    lte(decisionTable.validFrom, now),
    gt(decisionTable.validUntil, now),
    or(isNull(decisionTable.endedAt), gt(decisionTable.endedAt, now)),
  );
  const rows = await ctx.db
    .select({ cam: cameraTable, area: areaTable, decision: decisionTable })
    .from(cameraTable)
    .leftJoin(
      areaTable,
      and(eq(areaTable.id, cameraTable.areaId), accessibleWhere(publicAbility, 'read', 'CameraArea', areaColumns)),
    )
    .leftJoin(decisionTable, inForce)
    .where(cursor ? and(where, gt(cameraTable.id, String(cursor[0]))) : where)
    .orderBy(asc(cameraTable.id))
    .limit(limit + 1);
  const page = toPage(
    rows,
    limit,
    0,
    (r) => [r.cam.id],
    ({ cam, area, decision }) => ({
      cameraId: cam.id,
      name: cam.name,
      kind: cam.kind,
      street: cam.street,
      location: { latitude: cam.latitude, longitude: cam.longitude },
      municipality: cam.municipality,
      areaName: area?.name ?? null,
      areaKind: area?.kind ?? null,
      legalBasis: decision?.legalBasis ?? null,
      designatedFrom: decision?.validFrom ?? null,
      designatedUntil: decision?.validUntil ?? null,
      watchSchedule: cam.watchSchedule ?? area?.watchSchedule ?? null,
    }),
  );
  return Object.assign(page, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(cameraTable).where(where))[0]!.n,
  });
}

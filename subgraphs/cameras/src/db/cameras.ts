// Reading and changing cameras: rows ↔ GraphQL objects and events, the policy's WHERE, pages, and
// one way to record a status change (the row, its history entry and both events, in the caller's transaction).
import { and, asc, count, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action, type Actor } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { Events } from '@hub/events';
import {
  decodeCursor,
  fieldFilter,
  ID_CURSOR,
  pageSize,
  referenceFilter,
  toPage,
  type HubContext,
  type Reference,
} from '@hub/subgraph-kit';
import { CAMERA_REGISTERED, CAMERA_STATUS_CHANGED, type CameraRegisteredPayload } from '../schema/topics.js';
import type { Camera, CameraFilter } from '../schema/types.js';
import { areaColumns } from './areas.js';
import { areaTable, cameraTable, municipalityTable, statusEventTable } from './schema.js';

export type CameraRow = typeof cameraTable.$inferSelect;

/** Policy condition fields → columns, for accessibleWhere. */
export const cameraColumns = {
  municipality: cameraTable.municipality,
  covert: cameraTable.covert,
  status: cameraTable.status,
  id: cameraTable.id,
};

export function cameraWhere(ability: Ability, action: Action = 'read'): SQL {
  return accessibleWhere(ability, action, 'Camera', cameraColumns);
}

export function toCamera(r: CameraRow): Camera {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    covert: r.covert,
    location: { latitude: r.latitude, longitude: r.longitude },
    street: r.street,
    municipality: r.municipality,
    status: r.status,
    statusChangedAt: r.statusChangedAt,
    statusReason: r.statusReason,
    privacyMasks: r.privacyMasks,
    watchSchedule: r.watchSchedule ?? null,
    installedAt: r.installedAt,
    operator: r.operator,
    areaId: r.areaId,
  };
}

/** The row as cameraRegistered announces it to the other subgraphs' replicas (packages/events contracts). */
export const registered = (r: CameraRow): CameraRegisteredPayload => ({
  id: r.id,
  municipality: r.municipality,
  areaId: r.areaId,
  kind: r.kind,
  latitude: r.latitude,
  longitude: r.longitude,
  covert: r.covert,
  operator: r.operator,
  status: r.status,
});

/** The camera a status-change event carries (JSON: times are ISO strings) back as a row. */
export const fromStatusPayload = (c: CameraRow): CameraRow => ({
  ...c,
  statusChangedAt: new Date(c.statusChangedAt),
  installedAt: new Date(c.installedAt),
});

/** Areas as a camera filter names them: only those the caller may read (selection.ts). */
const AREA_REFERENCE: Reference = { type: 'CameraArea', table: areaTable, id: areaTable.id, columns: areaColumns };

/** A filter's conditions in SQL. */
export function cameraFilters(ctx: HubContext, filter: CameraFilter | undefined): SQL[] {
  const f: SQL[] = [];
  if (filter?.municipality) f.push(eq(cameraTable.municipality, filter.municipality));
  // an area the caller may not see (a draft, for the public) selects nothing, as an unknown one does
  if (filter?.areaId) f.push(referenceFilter(ctx, cameraTable.areaId, filter.areaId, AREA_REFERENCE));
  if (filter?.kind) f.push(eq(cameraTable.kind, filter.kind));
  // filtering by status would reveal it to someone who may not read it
  if (filter?.status)
    f.push(fieldFilter(ctx, 'Camera', 'status', cameraColumns, eq(cameraTable.status, filter.status)));
  return f;
}

/** The cameras of an area, as a condition for cameraPage. */
export const inArea = (areaId: string) => eq(cameraTable.areaId, areaId);

/** Cameras by id, unfiltered: the federation reference loader's read. */
export const camerasByIds = (on: Queryable, ids: string[]) =>
  on.select().from(cameraTable).where(inArray(cameraTable.id, ids));

/** One camera page: the policy's WHERE, the caller's filter, keyset on id. */
export async function cameraPage(
  ctx: HubContext,
  filters: SQL[],
  first: number | null | undefined,
  after: string | null | undefined,
  on: Queryable = ctx.db,
) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, ID_CURSOR);
  const where = and(cameraWhere(ctx.ability), ...filters);
  const rows = await on
    .select()
    .from(cameraTable)
    .where(cursor ? and(where, gt(cameraTable.id, String(cursor[0]))) : where)
    .orderBy(asc(cameraTable.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, 0, (r) => [r.id], toCamera);
  // totalCount is resolved only when asked (graphql-js calls function properties)
  return Object.assign(page, {
    totalCount: async () => (await on.select({ n: count() }).from(cameraTable).where(where))[0]!.n,
  });
}

/** One camera the ability may act on, or undefined (missing and hidden alike); `lock` takes it FOR UPDATE. */
export async function findCamera(
  on: Queryable,
  ability: Ability,
  id: string,
  { action = 'read', lock = false }: { action?: Action; lock?: boolean } = {},
): Promise<CameraRow | undefined> {
  const query = on
    .select()
    .from(cameraTable)
    .where(and(eq(cameraTable.id, id), cameraWhere(ability, action)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** A camera's municipality, unfiltered (is the camera named in an input known, and where?). */
export async function cameraMunicipality(on: Queryable, id: string): Promise<string | undefined> {
  const [cam] = await on.select({ m: cameraTable.municipality }).from(cameraTable).where(eq(cameraTable.id, id));
  return cam?.m;
}

export async function findMunicipality(on: Queryable, code: string) {
  const [m] = await on.select().from(municipalityTable).where(eq(municipalityTable.code, code));
  return m;
}

/** An area's municipality, unfiltered (does an area named in an input lie in the given municipality?). */
export async function areaMunicipality(on: Queryable, areaId: string): Promise<string | undefined> {
  const [a] = await on.select({ m: areaTable.municipality }).from(areaTable).where(eq(areaTable.id, areaId));
  return a?.m;
}

/** Insert a new camera and announce it (cameraRegistered); undefined when the id is taken. */
export async function insertCamera(
  tx: Queryable,
  events: Events,
  row: typeof cameraTable.$inferInsert,
): Promise<CameraRow | undefined> {
  const [inserted] = await tx.insert(cameraTable).values(row).onConflictDoNothing().returning();
  if (inserted) await events.publish(tx, CAMERA_REGISTERED, registered(inserted));
  return inserted;
}

/** Set a locked camera's status, write its history entry and announce it (cameraRegistered, cameraStatusChanged). */
export async function changeStatus(
  tx: Queryable,
  events: Events,
  before: CameraRow,
  change: { status: string; reason: string | null; by: Pick<Actor, 'sub'>; at: Date },
): Promise<CameraRow> {
  const { status, reason, at } = change;
  const [updated] = await tx
    .update(cameraTable)
    .set({ status, statusChangedAt: at, statusReason: reason })
    .where(eq(cameraTable.id, before.id))
    .returning();
  await tx.insert(statusEventTable).values({
    cameraId: before.id,
    fromStatus: before.status,
    toStatus: status,
    reason,
    changedBy: change.by.sub,
    changedAt: at,
  });
  // the replicas learn the new status too: what the Camera policy conditions on (decommissioned)
  await events.publish(tx, CAMERA_REGISTERED, registered(updated!));
  await events.publish(tx, CAMERA_STATUS_CHANGED, {
    camera: updated,
    previousStatus: before.status,
    status,
    reason,
    changedAt: at.toISOString(),
  });
  return updated!;
}

import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, Args } from 'type-graphql';
import { accessibleWhere, subject, type Ability, type Action } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { positionCursor } from '@hub/events';
import {
  Can,
  badInput,
  conflict,
  decodeCursor,
  ID_CURSOR,
  notFound,
  pageSize,
  refused,
  toPage,
  type HubContext,
  PageArgs,
  fieldFilter,
  referenceFilter,
  type Reference,
} from '@hub/subgraph-kit';
import { areaTable, cameraTable, municipalityTable, statusEventTable } from '../db/schema.js';
import { CAMERA_REGISTERED, CAMERA_STATUS_CHANGED, resumableWatch, type CameraRegisteredPayload } from './topics.js';
import {
  CameraArea,
  Camera,
  CameraConnection,
  CameraFilter,
  CameraStatus,
  CameraStatusChange,
  RegisterCameraInput,
  WatchSchedule,
} from './types.js';
import { areaColumns, areaLoader } from './area-mapping.js';
import { statusChangeProblem } from '../domain/camera-status.js';
import { assertMayBeActive } from './belgium.js';

type CameraRow = typeof cameraTable.$inferSelect;

/** Areas as a camera filter names them: only those the caller may read (selection.ts). */
const AREA_REFERENCE: Reference = { type: 'CameraArea', table: areaTable, id: areaTable.id, columns: areaColumns };

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

/** Cameras by id for `_entities` and other subgraphs' references. */
export async function loadCameras(ids: string[], ctx: HubContext) {
  const rows = await ctx.db.select().from(cameraTable).where(inArray(cameraTable.id, ids));
  return rows.map(toCamera) as unknown as Array<Record<string, unknown>>;
}

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

@Resolver(() => Camera)
export class CameraResolver {
  @Query(() => CameraConnection, { description: 'Cameras the caller may see, by id, at most 100 per page.' })
  @Can('read', 'Camera')
  async cameras(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => CameraFilter, { nullable: true }) filter?: CameraFilter,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    const f: SQL[] = [];
    if (filter?.municipality) f.push(eq(cameraTable.municipality, filter.municipality));
    // an area the caller may not see (a draft, for the public) selects nothing, as an unknown one does
    if (filter?.areaId) f.push(referenceFilter(ctx, cameraTable.areaId, filter.areaId, AREA_REFERENCE));
    if (filter?.kind) f.push(eq(cameraTable.kind, filter.kind));
    // filtering by status would reveal it to someone who may not read it
    if (filter?.status)
      f.push(fieldFilter(ctx, 'Camera', 'status', cameraColumns, eq(cameraTable.status, filter.status)));
    return cameraPage(ctx, f, first, after);
  }

  @Query(() => Camera, { description: 'One camera; NOT_FOUND when it does not exist or the caller may not see it.' })
  @Can('read', 'Camera')
  async camera(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const [row] = await ctx.db
      .select()
      .from(cameraTable)
      .where(and(eq(cameraTable.id, id), cameraWhere(ctx.ability)));
    if (!row) throw notFound(`No camera ${id}`);
    return toCamera(row);
  }

  @FieldResolver(() => CameraArea, { nullable: true })
  async area(@Root() cam: Camera, @Ctx() ctx: HubContext) {
    return cam.areaId ? areaLoader(cam.areaId, ctx) : null;
  }

  @FieldResolver(() => WatchSchedule, { nullable: true })
  async watchSchedule(@Root() cam: Camera, @Ctx() ctx: HubContext) {
    if (cam.watchSchedule) return cam.watchSchedule;
    const area = cam.areaId ? await areaLoader(cam.areaId, ctx) : null;
    return (area as { watchSchedule?: unknown } | null)?.watchSchedule ?? null;
  }

  @Mutation(() => Camera, { description: 'Register a camera (police).' })
  @Can('create', 'Camera')
  async registerCamera(@Ctx() ctx: HubContext, @Arg('input', () => RegisterCameraInput) input: RegisterCameraInput) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      await assertMunicipality(tx, input.municipality);
      if (input.areaId) {
        const [area] = await tx.select().from(areaTable).where(eq(areaTable.id, input.areaId));
        if (!area) throw badInput(`Unknown area ${input.areaId}`);
        if (area.municipality !== input.municipality) throw badInput('The area belongs to another municipality');
      }
      for (const mask of input.privacyMasks) checkPolygon(mask.polygon);
      const row = {
        id: input.id ?? randomUUID(),
        name: input.name,
        kind: input.kind,
        covert: input.covert,
        latitude: input.location.latitude,
        longitude: input.location.longitude,
        street: input.street,
        municipality: input.municipality,
        areaId: input.areaId ?? null,
        status: input.status,
        statusChangedAt: now,
        statusReason: null,
        privacyMasks: input.privacyMasks.map((m) => ({ label: m.label, polygon: m.polygon })),
        watchSchedule: input.watchSchedule
          ? { ...input.watchSchedule, windows: input.watchSchedule.windows.map((w) => ({ ...w })) }
          : null,
        installedAt: now,
        operator: input.operator,
      };
      if (!ctx.ability.can('create', subject('Camera', row))) throw refused(ctx.actor, 'register this camera');
      if (row.status === 'ACTIVE') await assertMayBeActive(tx, row, now);
      const inserted = await tx.insert(cameraTable).values(row).onConflictDoNothing().returning();
      if (inserted.length === 0) throw conflict(`A camera with id ${row.id} already exists`);
      await ctx.events.publish(tx, CAMERA_REGISTERED, registered(inserted[0]!));
      return toCamera(inserted[0]!);
    });
  }

  @Mutation(() => Camera, { description: 'Change a camera status; announces cameraStatusChanged once committed.' })
  @Can('update', 'Camera')
  async setCameraStatus(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => CameraStatus) status: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    if (reason && reason.length > 1000) throw badInput('reason is at most 1000 characters');
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(cameraTable)
        .where(and(eq(cameraTable.id, id), cameraWhere(ctx.ability, 'update')))
        .for('update');
      if (!row) throw notFound(`No camera ${id}`);
      if (row.status === status) return toCamera(row); // idempotent: no change, no event
      const problem = statusChangeProblem(row.status, status);
      if (problem) throw conflict(problem);
      if (status === 'ACTIVE') await assertMayBeActive(tx, row, ctx.clock.now());
      const changedAt = ctx.clock.now();
      const [updated] = await tx
        .update(cameraTable)
        .set({ status, statusChangedAt: changedAt, statusReason: reason ?? null })
        .where(eq(cameraTable.id, id))
        .returning();
      await tx.insert(statusEventTable).values({
        cameraId: id,
        fromStatus: row.status,
        toStatus: status,
        reason: reason ?? null,
        changedBy: ctx.actor.sub,
        changedAt,
      });
      // the replicas learn the new status too: what the Camera policy conditions on (decommissioned)
      await ctx.events.publish(tx, CAMERA_REGISTERED, registered(updated!));
      await ctx.events.publish(tx, CAMERA_STATUS_CHANGED, {
        camera: updated,
        previousStatus: row.status,
        status,
        reason: reason ?? null,
        changedAt: changedAt.toISOString(),
      });
      return toCamera(updated!);
    });
  }

  @Query(() => String, {
    description:
      "The live-event position now. Read it with a dashboard's data and subscribe with `after` set to it: " +
      'changes committed after the read are replayed, none falls between the read and the subscription.',
  })
  @Can('read', 'Camera', 'status')
  async liveCursor(@Ctx() ctx: HubContext): Promise<string> {
    return positionCursor(await ctx.events.position());
  }

  @Subscription(() => CameraStatusChange, {
    subscribe: resumableWatch<StatusPayload, { municipality?: string; after?: string }>(
      CAMERA_STATUS_CHANGED,
      'Camera',
      (payload, args, context) => {
        const cam = payload.camera;
        if (args.municipality && cam.municipality !== args.municipality) return false;
        return context.ability.can(
          'read',
          subject('Camera', { municipality: cam.municipality, covert: cam.covert }),
          'status',
        );
      },
      'status',
    ),
    description:
      'Status changes of cameras whose status the caller may see; optionally one municipality. After a dropped ' +
      'connection, subscribe again with `after` (the `cursor` of the last change seen) to get the ones missed first.',
  })
  @Can('read', 'Camera', 'status')
  cameraStatusChanged(
    @Root() payload: StatusPayload & { cursor: string },
    @Arg('municipality', () => String, { nullable: true }) _municipality?: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor' }) _after?: string,
  ): CameraStatusChange {
    const row = payload.camera;
    return {
      camera: toCamera({
        ...row,
        statusChangedAt: new Date(row.statusChangedAt),
        installedAt: new Date(row.installedAt),
      }),
      previousStatus: payload.previousStatus,
      status: payload.status,
      reason: payload.reason,
      changedAt: new Date(payload.changedAt),
      cursor: payload.cursor,
    };
  }
}

type StatusPayload = {
  camera: CameraRow;
  previousStatus: string;
  status: string;
  reason: string | null;
  changedAt: string;
};

export async function assertMunicipality(on: Queryable, code: string) {
  const [m] = await on.select().from(municipalityTable).where(eq(municipalityTable.code, code));
  if (!m) throw badInput(`Unknown municipality ${code}`);
}

function checkPolygon(polygon: Array<[number, number]>) {
  if (polygon.length < 3) throw badInput('A privacy mask polygon needs at least 3 points');
  for (const p of polygon) {
    if (!Array.isArray(p) || p.length !== 2 || Math.abs(p[0]) > 90 || Math.abs(p[1]) > 180) {
      throw badInput('A privacy mask point must be [latitude, longitude] within range');
    }
  }
}

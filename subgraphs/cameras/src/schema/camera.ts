// Camera: queries, registration, status changes and the live status stream. Data access in
// db/cameras.ts; the reference loader in camera.reference.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { positionCursor } from '@hub/events';
import { Can, badInput, conflict, notFound, refused, type HubContext, PageArgs } from '@hub/subgraph-kit';
import {
  areaMunicipality,
  cameraFilters,
  cameraPage,
  changeStatus,
  findCamera,
  findMunicipality,
  fromStatusPayload,
  insertCamera,
  toCamera,
  type CameraRow,
} from '../db/cameras.js';
import { endSessions, ofCamera } from '../db/live-view.js';
import { statusChangeProblem } from '../domain/camera-status.js';
import { polygonProblem } from '../domain/privacy-mask.js';
import { areaLoader } from './area.reference.js';
import { assertMayBeActive } from './belgium.js';
import { CAMERA_STATUS_CHANGED, resumableWatch } from './topics.js';
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

@Resolver(() => Camera)
export class CameraResolver {
  @Query(() => CameraConnection, { description: 'Cameras the caller may see, by id, at most 100 per page.' })
  @Can('read', 'Camera')
  async cameras(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => CameraFilter, { nullable: true }) filter?: CameraFilter,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return cameraPage(ctx, cameraFilters(ctx, filter), first, after);
  }

  @Query(() => Camera, { description: 'One camera; NOT_FOUND when it does not exist or the caller may not see it.' })
  @Can('read', 'Camera')
  async camera(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const row = await findCamera(ctx.db, ctx.ability, id);
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
        const areaIn = await areaMunicipality(tx, input.areaId);
        if (!areaIn) throw badInput(`Unknown area ${input.areaId}`);
        if (areaIn !== input.municipality) throw badInput('The area belongs to another municipality');
      }
      for (const mask of input.privacyMasks) {
        const problem = polygonProblem(mask.polygon);
        if (problem) throw badInput(problem);
      }
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
      const inserted = await insertCamera(tx, ctx.events, row);
      if (!inserted) throw conflict(`A camera with id ${row.id} already exists`);
      return toCamera(inserted);
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
      const row = await findCamera(tx, ctx.ability, id, { action: 'update', lock: true });
      if (!row) throw notFound(`No camera ${id}`);
      if (row.status === status) return toCamera(row); // idempotent: no change, no event
      const problem = statusChangeProblem(row.status, status);
      if (problem) throw conflict(problem);
      if (status === 'ACTIVE') await assertMayBeActive(tx, row, ctx.clock.now());
      const updated = await changeStatus(tx, ctx.events, row, {
        status,
        reason: reason ?? null,
        by: ctx.actor,
        at: ctx.clock.now(),
      });
      // only an active camera is watched live (domain/live-view.ts): running sessions end with it
      if (status !== 'ACTIVE')
        await endSessions(tx, ofCamera(id), { at: ctx.clock.now(), by: ctx.actor.sub, reason: `camera ${status}` });
      return toCamera(updated);
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
      camera: toCamera(fromStatusPayload(row)),
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
  if (!(await findMunicipality(on, code))) throw badInput(`Unknown municipality ${code}`);
}

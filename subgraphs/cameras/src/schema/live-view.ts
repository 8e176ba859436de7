// Live-view sessions: the police open one to watch a camera live, with a purpose, under the watch rule
// or a third party's grant (domain/live-view.ts); close it; the police and the authority list them.
// The hub streams no video: a session is the viewing ticket a VMS would honour, and the record of it.
// Opening and closing are audited (@hub/audit), as footage reads are.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { auditLogOf, underGrants } from '@hub/audit';
import { subject } from '@hub/auth';
import {
  Can,
  badInput,
  conflict,
  notFound,
  refused,
  requireLogText,
  requirePurpose,
  type HubContext,
} from '@hub/subgraph-kit';
import { findCamera } from '../db/cameras.js';
import {
  closeSession,
  insertSession,
  liveViewFacts,
  lockSession,
  toSession,
  visibleSessions,
} from '../db/live-view.js';
import { watchEventTable } from '../db/schema.js';
import { toEvent } from '../db/watching.js';
import { liveViewSession, MAX_SESSION_MINUTES, sessionActive } from '../domain/live-view.js';
import { loadCameras } from './camera.reference.js';
import { Camera } from './types.js';
import { WatchEvent } from './watching.js';

/** The longest period one list may span. */
const MAX_LIST_DAYS = 366;
const DAY = 86_400_000;

@ObjectType({
  description: `Watching a camera live (police): opened with a purpose under the watch rule or an access grant, at most ${MAX_SESSION_MINUTES} minutes (003 §3.2, §3.3; 004).`,
})
export class LiveViewSession {
  @Field(() => ID) id!: string;
  @Field(() => Camera) camera!: Camera;
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'Case number or reason, as written to the audit log' }) purpose!: string;
  @Field(() => String, { description: 'Why it could be watched: the watch rule or the access grant' })
  basis!: string;
  @Field(() => ID, { nullable: true, description: "The access grant it runs under (a third party's camera, 004)" })
  grantId!: string | null;
  @Field(() => WatchEvent, { nullable: true, description: 'The event whose window it runs in (003 §3.3)' })
  watchEvent!: WatchEvent | null;
  @Field(() => String) openedBy!: string;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { description: 'It ends by itself then: never past the window, designation or grant' })
  expiresAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true }) closedBy!: string | null;
  @Field(() => String, { nullable: true }) closeReason!: string | null;
  @Field(() => Boolean, { description: 'Not closed and not expired, now' }) active!: boolean;
  cameraId!: string;
  watchEventId!: string | null;
}

@Resolver(() => LiveViewSession)
export class LiveViewSessionResolver {
  @FieldResolver(() => Camera)
  async camera(@Root() s: LiveViewSession, @Ctx() ctx: HubContext) {
    const [cam] = await loadCameras([s.cameraId], ctx);
    return cam;
  }

  @FieldResolver(() => WatchEvent, { nullable: true })
  async watchEvent(@Root() s: LiveViewSession, @Ctx() ctx: HubContext) {
    if (!s.watchEventId) return null;
    const [e] = await ctx.db.select().from(watchEventTable).where(eq(watchEventTable.id, s.watchEventId));
    return e ? toEvent(e) : null;
  }

  @Mutation(() => LiveViewSession, {
    description: `Watch a camera live (police; purpose mandatory; audited): an active camera in an area that may be watched now (003 §3.2, §3.3), a third party's only under a LIVE_VIEW grant (004). At most ${MAX_SESSION_MINUTES} minutes; open a new one to go on.`,
  })
  @Can('watch', 'Camera')
  async openLiveView(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('purpose', () => String, { description: 'Case number or reason (3-500 characters)' }) purpose: string,
  ) {
    const why = requirePurpose(purpose);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      // a camera the caller may not read is as unknown as a missing one; a declared private camera is
      // no Camera at all (registrations): NOT_FOUND too — the hub never opens one
      // locked: a status change (FOR UPDATE) ends what it finds running, so it waits for this one
      const cam = await findCamera(tx, ctx.ability, cameraId, { lock: true });
      if (!cam) throw notFound(`No camera ${cameraId}`);
      if (!ctx.ability.can('watch', subject('Camera', cam))) throw refused(ctx.actor, `watch camera ${cameraId}`);
      const answer = liveViewSession(await liveViewFacts(tx, cam, now), now);
      if (!answer.allowed) throw conflict(`Not watched live now: ${answer.reason}`);
      const row = await insertSession(tx, {
        id: randomUUID(),
        cameraId: cam.id,
        municipality: cam.municipality,
        purpose: why,
        basis: answer.basis,
        grantId: answer.grant?.id ?? null,
        watchEventId: answer.eventId,
        openedBy: ctx.actor.sub,
        openedAt: now,
        expiresAt: answer.expiresAt,
      });
      // last, just before commit: the audit append holds the chain lock until the transaction ends
      await auditLogOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'cameras.liveView.open',
        subjectType: 'Camera',
        subjectIds: [cam.id],
        purpose: underGrants(why, answer.grant ? [answer.grant] : []),
        at: now,
      });
      return toSession(row, now);
    });
  }

  @Mutation(() => LiveViewSession, { description: 'Stop watching: close a running session (police; audited).' })
  @Can('update', 'LiveViewSession')
  async closeLiveView(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, when not simply done (at most 500 characters)' })
    reason?: string | null,
  ) {
    const why = reason == null ? 'closed' : requireLogText('reason', reason, { max: 500 });
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await lockSession(tx, ctx.ability, id);
      if (!row) throw notFound(`No live-view session ${id}`);
      if (!sessionActive(row, now))
        throw conflict(row.closedAt ? 'The session is already closed' : 'The session has already expired');
      const closed = await closeSession(tx, id, { at: now, by: ctx.actor.sub, reason: why });
      await auditLogOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'cameras.liveView.close',
        subjectType: 'Camera',
        subjectIds: [row.cameraId],
        purpose: `${row.purpose} (session ${id}: ${why})`,
        at: now,
      });
      return toSession(closed, now);
    });
  }

  @Query(() => [LiveViewSession], {
    description:
      'Who watched live, when and why: sessions overlapping [from, to), optionally of one camera, by opening time (police; the authority supervises; at most 200).',
  })
  @Can('read', 'LiveViewSession')
  async liveViewSessions(
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('cameraId', () => ID, { nullable: true }) cameraId?: string | null,
  ) {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > MAX_LIST_DAYS * DAY)
      throw badInput(`a period spans at most ${MAX_LIST_DAYS} days`);
    const now = ctx.clock.now();
    const rows = await visibleSessions(ctx.db, ctx.ability, { cameraId, from, to });
    return rows.map((r) => toSession(r, now));
  }
}

import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription, Args } from 'type-graphql';
import { accessibleWhere, subject } from '@hub/auth';
import {
  Can,
  badInput,
  decodeCursor,
  TIME_CURSOR,
  pageSize,
  refused,
  toPage,
  type HubContext,
  afterTimeCursor,
  PageArgs,
} from '@hub/subgraph-kit';
import { cameraTable, signalTable } from '../db/schema.js';
import { assertMunicipality, cameraWhere, toCamera } from './camera.js';
import { SIGNAL_SHARED, resumableWatch } from './topics.js';
import { observedAtProblem } from '../domain/signal.js';
import { Camera, ShareSignalInput, Signal, SignalConnection } from './types.js';

type SignalRow = typeof signalTable.$inferSelect;
const signalColumns = { municipality: signalTable.municipality };

function toSignal(r: SignalRow): Signal {
  return {
    id: r.id,
    municipality: r.municipality,
    category: r.category,
    description: r.description,
    street: r.street,
    location: r.latitude != null && r.longitude != null ? { latitude: r.latitude, longitude: r.longitude } : null,
    camera: null,
    cameraId: r.cameraId,
    observedAt: new Date(r.observedAt),
    sharedAt: new Date(r.sharedAt),
    sharedBy: r.sharedBy,
  };
}

@Resolver(() => Signal)
export class SignalResolver {
  @Query(() => SignalConnection, { description: 'Signals shared with municipal control rooms, newest first.' })
  @Can('read', 'Signal')
  async signals(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, TIME_CURSOR);
    const where = and(
      accessibleWhere(ctx.ability, 'read', 'Signal', signalColumns),
      municipality ? eq(signalTable.municipality, municipality) : undefined,
    );
    const keyset: SQL | undefined = afterTimeCursor(signalTable.sharedAt, signalTable.id, cursor, 'desc');
    const rows = await ctx.db
      .select()
      .from(signalTable)
      .where(and(where, keyset))
      .orderBy(desc(signalTable.sharedAt), desc(signalTable.id))
      .limit(limit + 1);
    // shared_at has millisecond precision, so the ISO text is exact as a cursor
    const page = toPage(rows, limit, 0, (r) => [r.sharedAt.toISOString(), r.id], toSignal);
    return Object.assign(page, {
      totalCount: async () => (await ctx.db.select({ n: count() }).from(signalTable).where(where))[0]!.n,
    });
  }

  @FieldResolver(() => Camera, { nullable: true })
  async camera(@Root() s: Signal, @Ctx() ctx: HubContext) {
    if (!s.cameraId) return null;
    const [row] = await ctx.db
      .select()
      .from(cameraTable)
      .where(and(eq(cameraTable.id, s.cameraId), cameraWhere(ctx.ability)));
    return row ? toCamera(row) : null;
  }

  @Mutation(() => Signal, {
    description: "Share an observation with a municipality's control room (police, 003 §2.2).",
  })
  @Can('create', 'Signal')
  async shareSignal(@Ctx() ctx: HubContext, @Arg('input', () => ShareSignalInput) input: ShareSignalInput) {
    const now = ctx.clock.now();
    const timeProblem = observedAtProblem(input.observedAt, now);
    if (timeProblem) throw badInput(timeProblem);
    return ctx.db.transaction(async (tx) => {
      await assertMunicipality(tx, input.municipality);
      if (input.cameraId) {
        const [cam] = await tx
          .select({ m: cameraTable.municipality })
          .from(cameraTable)
          .where(eq(cameraTable.id, input.cameraId));
        if (!cam) throw badInput(`Unknown camera ${input.cameraId}`);
        if (cam.m !== input.municipality) throw badInput('The camera is in another municipality');
      }
      const row = {
        id: randomUUID(),
        municipality: input.municipality,
        category: input.category,
        description: input.description,
        street: input.street ?? null,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        cameraId: input.cameraId ?? null,
        observedAt: input.observedAt,
        sharedAt: now,
        sharedBy: ctx.actor.org ?? ctx.actor.sub,
      };
      if (!ctx.ability.can('create', subject('Signal', row))) throw refused(ctx.actor, 'share this signal');
      const [inserted] = await tx.insert(signalTable).values(row).returning();
      await ctx.events.publish(tx, SIGNAL_SHARED, inserted);
      return toSignal(inserted!);
    });
  }

  @Subscription(() => Signal, {
    subscribe: resumableWatch<SignalRow, { municipality?: string; after?: string }>(
      SIGNAL_SHARED,
      'Signal',
      (payload, args, context) =>
        (!args.municipality || payload.municipality === args.municipality) &&
        context.ability.can('read', subject('Signal', { municipality: payload.municipality })),
    ),
    description:
      'Signals as they are shared, for the control-room dashboard. After a dropped connection, subscribe again ' +
      'with `after` (the `cursor` of the last signal seen) to get the ones missed first.',
  })
  @Can('read', 'Signal')
  signalShared(
    @Root() payload: SignalRow & { cursor: string },
    @Arg('municipality', () => String, { nullable: true }) _municipality?: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor' }) _after?: string,
  ): Signal {
    return { ...toSignal(payload), cursor: payload.cursor };
  }
}

// Signals the police share with a municipal control room (003 §2.2): the list, sharing one, and the
// live stream for the control-room dashboard. Data access in db/signals.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, refused, type HubContext, PageArgs } from '@hub/subgraph-kit';
import { cameraMunicipality, findCamera, toCamera } from '../db/cameras.js';
import { insertSignal, signalPage, toSignal, type SignalRow } from '../db/signals.js';
import { observedAtProblem } from '../domain/signal.js';
import { assertMunicipality } from './camera.js';
import { SIGNAL_SHARED, resumableWatch } from './topics.js';
import { Camera, ShareSignalInput, Signal, SignalConnection } from './types.js';

@Resolver(() => Signal)
export class SignalResolver {
  @Query(() => SignalConnection, { description: 'Signals shared with municipal control rooms, newest first.' })
  @Can('read', 'Signal')
  async signals(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return signalPage(ctx, municipality, first, after);
  }

  @FieldResolver(() => Camera, { nullable: true })
  async camera(@Root() s: Signal, @Ctx() ctx: HubContext) {
    if (!s.cameraId) return null;
    const row = await findCamera(ctx.db, ctx.ability, s.cameraId);
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
        const cameraIn = await cameraMunicipality(tx, input.cameraId);
        if (!cameraIn) throw badInput(`Unknown camera ${input.cameraId}`);
        if (cameraIn !== input.municipality) throw badInput('The camera is in another municipality');
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
      return toSignal(await insertSignal(tx, ctx.events, row));
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

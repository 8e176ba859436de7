// Event-bound watching (003 §3.2, §3.3): events an area is watched around, and whether an area may
// be watched live at a moment (domain/watching.ts).
import { randomUUID } from 'node:crypto';
import { Length, Max, Min } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, conflict, notFound, refused, visibleRow, type HubContext } from '@hub/subgraph-kit';
import { areaWithDesignation, findArea } from '../db/areas.js';
import { decisionsOfArea } from '../db/decisions.js';
import { endSessions, ofEvent } from '../db/live-view.js';
import { cancelEvent, eventsOfArea, insertEvent, lockEvent, toEvent, visibleEvents } from '../db/watching.js';
import { decisionStatus } from '../domain/designation.js';
import { eventProblems, MAX_MARGIN_MINUTES, mayWatchLive } from '../domain/watching.js';
import { areaLoader } from './area.reference.js';
import { CameraArea } from './types.js';

const DAY = 86_400_000;

@ObjectType({ description: 'An event an area is watched live around (003 §3.3: matches at the stadium).' })
export class WatchEvent {
  @Field(() => ID) id!: string;
  @Field(() => CameraArea, { nullable: true }) area!: CameraArea | null;
  @Field(() => String) municipality!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Int) watchBeforeMinutes!: number;
  @Field(() => Int) watchAfterMinutes!: number;
  @Field(() => String) scheduledBy!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  areaId!: string;
}

@ObjectType({ description: 'Whether an area may be watched live at a moment, and why (003 §3.2, §3.3).' })
export class LiveWatchAnswer {
  @Field(() => CameraArea, { nullable: true }) area!: CameraArea | null;
  @Field(() => Date) at!: Date;
  @Field(() => Boolean) allowed!: boolean;
  @Field(() => String) reason!: string;
  @Field(() => WatchEvent, { nullable: true }) event!: WatchEvent | null;
  areaId!: string;
  municipality!: string;
}

@InputType()
export class ScheduleWatchEventInput {
  @Field(() => ID) @Length(1, 200) areaId!: string;
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Int, { defaultValue: 120, description: `Minutes watched before the start (0-${MAX_MARGIN_MINUTES})` })
  @Min(0)
  @Max(MAX_MARGIN_MINUTES)
  watchBeforeMinutes!: number;
  @Field(() => Int, { defaultValue: 60, description: `Minutes watched after the end (0-${MAX_MARGIN_MINUTES})` })
  @Min(0)
  @Max(MAX_MARGIN_MINUTES)
  watchAfterMinutes!: number;
}

@Resolver(() => WatchEvent)
export class WatchEventResolver {
  @FieldResolver(() => CameraArea, { nullable: true })
  async area(@Root() e: WatchEvent, @Ctx() ctx: HubContext) {
    return areaLoader(e.areaId, ctx);
  }

  @Query(() => [WatchEvent], { description: 'Events of an area overlapping a period, by start (at most 200).' })
  @Can('read', 'WatchEvent')
  async watchEvents(
    @Ctx() ctx: HubContext,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ) {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    return visibleEvents(ctx.db, ctx.ability, areaId, from, to);
  }

  @Mutation(() => WatchEvent, {
    description: 'Schedule an event an area is watched around (police; the municipality in its own areas).',
  })
  @Can('create', 'WatchEvent')
  async scheduleWatchEvent(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ScheduleWatchEventInput) input: ScheduleWatchEventInput,
  ) {
    const problems = eventProblems(input);
    if (problems.length) throw badInput(problems.join('; '));
    return ctx.db.transaction(async (tx) => {
      // an area the caller may not see is as unknown as a missing one (subgraph-kit selection.ts)
      const area = await visibleRow(
        ctx,
        'CameraArea',
        () => areaWithDesignation(tx, input.areaId),
        `camera area ${input.areaId}`,
      );
      if (!ctx.ability.can('create', subject('WatchEvent', { municipality: area.municipality })))
        throw refused(ctx.actor, `schedule watching in ${area.municipality}`);
      return insertEvent(tx, {
        id: randomUUID(),
        ...input,
        municipality: area.municipality,
        scheduledBy: ctx.actor.sub,
        createdAt: ctx.clock.now(),
      });
    });
  }

  @Mutation(() => WatchEvent, { description: 'Cancel a scheduled event: no watching around it.' })
  @Can('update', 'WatchEvent')
  async cancelWatchEvent(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return ctx.db.transaction(async (tx) => {
      const row = await lockEvent(tx, ctx.ability, id);
      if (!row) throw notFound(`No watch event ${id}`);
      if (!ctx.ability.can('update', subject('WatchEvent', row))) throw refused(ctx.actor, 'cancel this event');
      if (row.cancelledAt) throw conflict('the event is already cancelled');
      const now = ctx.clock.now();
      // watching in its window stops with it (003 §3.3; domain/live-view.ts)
      await endSessions(tx, ofEvent(id), { at: now, by: ctx.actor.sub, reason: 'watch event cancelled' });
      return cancelEvent(tx, id, now);
    });
  }

  @Query(() => LiveWatchAnswer, {
    description: 'May this area be watched live at `at` (default now)? (003 §3.2, §3.3)',
  })
  @Can('read', 'LiveWatchAnswer')
  async liveWatchAllowed(
    @Ctx() ctx: HubContext,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('at', () => Date, { nullable: true }) at?: Date,
  ) {
    const when = at ?? ctx.clock.now();
    const area = await findArea(ctx.db, areaId);
    if (!area || !ctx.ability.can('read', subject('LiveWatchAnswer', { municipality: area.municipality })))
      throw notFound(`No camera area ${areaId}`);
    const decisions = await decisionsOfArea(ctx.db, areaId);
    const designated = decisions.some((d) => decisionStatus(d, when) === 'ACTIVE');
    const events = await eventsOfArea(ctx.db, areaId, new Date(when.getTime() - DAY), new Date(when.getTime() + DAY));
    const answer = mayWatchLive(area, designated, events, when);
    const event = events.find((e) => e.id === answer.eventId);
    return {
      area: null,
      areaId,
      municipality: area.municipality,
      at: when,
      allowed: answer.allowed,
      reason: answer.reason,
      event: event ? toEvent(event) : null,
    };
  }
}

@Resolver(() => LiveWatchAnswer)
export class LiveWatchAnswerResolver {
  @FieldResolver(() => CameraArea, { nullable: true })
  async area(@Root() a: LiveWatchAnswer, @Ctx() ctx: HubContext) {
    return areaLoader(a.areaId, ctx);
  }
}

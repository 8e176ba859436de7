// DPIA register and pilots (003 §2.4, §5.2.4): the municipality records its own, the authority reads
// all; a pilot starts only under a current DPIA of its camera type (CONFLICT otherwise), a designation
// without one is flagged (`DesignationDecision.dpiaCurrent`) — why, in domain/dpia.ts.
import { randomUUID } from 'node:crypto';
import { IsIn, IsOptional, Length } from 'class-validator';
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
  Subscription,
  registerEnumType,
} from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, conflict, refused, type HubContext } from '@hub/subgraph-kit';
import { areaMunicipality } from '../db/cameras.js';
import {
  dpiasOf,
  findDpia,
  fromDuePayload,
  insertDpia,
  insertPilot,
  toDpia,
  visibleDpias,
  visiblePilots,
} from '../db/dpias.js';
import {
  coversDeployment,
  DPIA_CONTROLLERS,
  DPIA_OUTCOMES,
  dpiaInputProblems,
  dpiaNextDue,
  isCurrent,
  pilotDpiaProblem,
  pilotPeriodProblem,
} from '../domain/dpia.js';
import { areaLoader } from './area.reference.js';
import { assertMunicipality } from './camera.js';
import { DPIA_DUE, type DpiaDuePayload } from './topics.js';
import { CAMERA_KINDS, CameraArea, CameraKind, DesignationDecision } from './types.js';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
export const DpiaOutcome = asEnum(DPIA_OUTCOMES);
export const DpiaController = asEnum(DPIA_CONTROLLERS);
registerEnumType(DpiaOutcome, { name: 'DpiaOutcome' });
registerEnumType(DpiaController, {
  name: 'DpiaController',
  description: 'Mayor (the deployment) or police chief (the images, Wpg art. 4c): 003 §5.2.4',
});

const DAY = 86_400_000;

@ObjectType({
  description:
    'A data protection impact assessment (003 §5.2.4): before every pilot, re-assessed at least every three years.',
})
export class Dpia {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => CameraArea, {
    nullable: true,
    description: 'The area assessed; null = the municipality’s camera surveillance as a whole',
  })
  area!: CameraArea | null;
  @Field(() => CameraKind, { nullable: true, description: 'The camera type assessed; null = every type in use' })
  cameraKind!: string | null;
  @Field(() => DpiaController) controller!: string;
  @Field(() => Date) assessedAt!: Date;
  @Field(() => DpiaOutcome) outcome!: string;
  @Field(() => String) documentReference!: string;
  @Field(() => Date, { description: 'At most three years after the assessment (003 §5.2.4)' }) nextDueAt!: Date;
  @Field(() => Boolean, { description: 'In force now: assessed, not yet due, not NOT_ACCEPTABLE' }) current!: boolean;
  @Field(() => String) recordedBy!: string;
  @Field(() => Date) recordedAt!: Date;
  areaId!: string | null;
}

@ObjectType({ description: 'A pilot of camera technology (003 §2.4), started under a current DPIA.' })
export class Pilot {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String) name!: string;
  @Field(() => CameraKind) cameraKind!: string;
  @Field(() => String) purpose!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Dpia, { nullable: true }) dpia!: Dpia | null;
  @Field(() => String) startedBy!: string;
  @Field(() => Date) createdAt!: Date;
  dpiaId!: string;
}

@InputType()
export class RecordDpiaInput {
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 200) areaId?: string;
  @Field(() => CameraKind, { nullable: true }) @IsOptional() @IsIn(CAMERA_KINDS) cameraKind?: string;
  @Field(() => DpiaController) @IsIn(DPIA_CONTROLLERS) controller!: string;
  @Field(() => Date) assessedAt!: Date;
  @Field(() => DpiaOutcome) @IsIn(DPIA_OUTCOMES) outcome!: string;
  @Field(() => String) @Length(1, 200) documentReference!: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to (and may not exceed) three years after assessedAt' })
  @IsOptional()
  nextDueAt?: Date;
}

@InputType()
export class StartPilotInput {
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => CameraKind) @IsIn(CAMERA_KINDS) cameraKind!: string;
  @Field(() => String) @Length(1, 4000) purpose!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
}

@Resolver(() => Dpia)
export class DpiaResolver {
  @Query(() => [Dpia], {
    description: 'The DPIA register (municipality: its own; authority: all), next due first (at most 200).',
  })
  @Can('read', 'Dpia')
  async dpias(@Ctx() ctx: HubContext, @Arg('municipality', () => String, { nullable: true }) municipality?: string) {
    const rows = await visibleDpias(ctx.db, ctx.ability, { municipality });
    return rows.map((r) => toDpia(r, ctx.clock.now()));
  }

  @Query(() => [Dpia], {
    description: 'DPIAs in force that fall due within `withinDays` days (1-1096), soonest first.',
  })
  @Can('read', 'Dpia')
  async dpiasDue(
    @Ctx() ctx: HubContext,
    @Arg('withinDays', () => Int) withinDays: number,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
  ) {
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 1096)
      throw badInput('withinDays must be 1-1096');
    const now = ctx.clock.now();
    const rows = await visibleDpias(ctx.db, ctx.ability, {
      municipality,
      dueAfter: now,
      dueBy: new Date(now.getTime() + withinDays * DAY),
    });
    return rows.map((r) => toDpia(r, now));
  }

  @FieldResolver(() => CameraArea, { nullable: true })
  async area(@Root() d: Dpia, @Ctx() ctx: HubContext) {
    return d.areaId ? areaLoader(d.areaId, ctx) : null;
  }

  @Mutation(() => Dpia, { description: 'Record a DPIA (municipality for its own; police).' })
  @Can('create', 'Dpia')
  async recordDpia(@Ctx() ctx: HubContext, @Arg('input', () => RecordDpiaInput) input: RecordDpiaInput) {
    const now = ctx.clock.now();
    const problems = dpiaInputProblems(input, now);
    if (problems.length) throw badInput(problems.join('; '));
    return ctx.db.transaction(async (tx) => {
      await assertMunicipality(tx, input.municipality);
      if (!ctx.ability.can('create', subject('Dpia', { municipality: input.municipality })))
        throw refused(ctx.actor, `record DPIAs for ${input.municipality}`);
      if (input.areaId) {
        const areaIn = await areaMunicipality(tx, input.areaId);
        if (areaIn !== input.municipality) throw badInput(`No area ${input.areaId} in ${input.municipality}`);
      }
      const row = await insertDpia(tx, {
        id: randomUUID(),
        municipality: input.municipality,
        areaId: input.areaId ?? null,
        cameraKind: input.cameraKind ?? null,
        controller: input.controller,
        assessedAt: input.assessedAt,
        outcome: input.outcome,
        documentReference: input.documentReference,
        nextDueAt: dpiaNextDue(input.assessedAt, input.nextDueAt),
        recordedBy: ctx.actor.sub,
        recordedAt: now,
      });
      return toDpia(row, now);
    });
  }

  @Subscription(() => Dpia, {
    topics: ({ args, context }: { args: { municipality?: string | null }; context: HubContext }) => {
      if (args.municipality && !context.ability.can('read', subject('Dpia', { municipality: args.municipality }))) {
        throw refused(context.actor, `watch DPIAs of ${args.municipality}`);
      }
      return DPIA_DUE;
    },
    description: 'A DPIA falls due within 60 days (003 §5.2.4: re-assessed every three years).',
    filter: ({
      payload,
      args,
      context,
    }: {
      payload: DpiaDuePayload;
      args: { municipality?: string };
      context: HubContext;
    }) =>
      (!args.municipality || payload.dpia.municipality === args.municipality) &&
      context.ability.can('read', subject('Dpia', payload.dpia)),
  })
  @Can('read', 'Dpia')
  dpiaDue(
    @Root() p: DpiaDuePayload,
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) _municipality?: string,
  ): Dpia {
    return toDpia(fromDuePayload(p.dpia), ctx.clock.now());
  }
}

@Resolver(() => Pilot)
export class PilotResolver {
  @Query(() => [Pilot], { description: 'Pilots (municipality: its own; authority: all), newest first (at most 200).' })
  @Can('read', 'Pilot')
  async pilots(@Ctx() ctx: HubContext, @Arg('municipality', () => String, { nullable: true }) municipality?: string) {
    return visiblePilots(ctx.db, ctx.ability, municipality);
  }

  @FieldResolver(() => Dpia, { nullable: true })
  async dpia(@Root() p: Pilot, @Ctx() ctx: HubContext) {
    const r = await findDpia(ctx.db, ctx.ability, p.dpiaId);
    return r ? toDpia(r, ctx.clock.now()) : null;
  }

  @Mutation(() => Pilot, {
    description:
      'Start a pilot: refused (CONFLICT) without a current DPIA for its camera type at its start (003 §2.4).',
  })
  @Can('create', 'Pilot')
  async startPilot(@Ctx() ctx: HubContext, @Arg('input', () => StartPilotInput) input: StartPilotInput) {
    const period = pilotPeriodProblem(input);
    if (period) throw badInput(period);
    return ctx.db.transaction(async (tx) => {
      await assertMunicipality(tx, input.municipality);
      if (!ctx.ability.can('create', subject('Pilot', { municipality: input.municipality })))
        throw refused(ctx.actor, `start pilots in ${input.municipality}`);
      const dpias = await dpiasOf(tx, input.municipality);
      const problem = pilotDpiaProblem(dpias, input);
      if (problem) throw conflict(problem);
      const dpia = dpias.find((d) => d.cameraKind === input.cameraKind && isCurrent(d, input.startsAt))!;
      return insertPilot(tx, {
        id: randomUUID(),
        ...input,
        dpiaId: dpia.id,
        startedBy: ctx.actor.sub,
        createdAt: ctx.clock.now(),
      });
    });
  }
}

@Resolver(() => DesignationDecision)
export class DecisionDpiaResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether a current DPIA covers this designation (its area or the municipality’s surveillance as a whole) now; false is a flag, not a refusal (003 §5.2.4, see domain/dpia.ts).',
  })
  async dpiaCurrent(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    const now = ctx.clock.now();
    const at = d.validFrom.getTime() > now.getTime() ? d.validFrom : now;
    return (await dpiasOf(ctx.db, d.municipality)).some(
      (x) => coversDeployment(x, { municipality: d.municipality, areaId: d.areaId }) && isCurrent(x, at),
    );
  }
}

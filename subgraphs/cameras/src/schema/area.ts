import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import { accessibleWhere, subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
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
  visibleRow,
} from '@hub/subgraph-kit';
import { areaTable, cameraTable, decisionTable, evaluationTable } from '../db/schema.js';
import {
  backdatedProblem,
  checkDecision,
  checkEnd,
  decisionStatus,
  evaluationOverdue,
  nextEvaluationDue,
  publicationProblems,
  type AreaKind,
  type SubGoal,
} from '../domain/designation.js';
import { criteriaProblems } from '../domain/lifecycle.js';
import { areaColumns, areaLoader, areaWithDesignated, toArea, toDecision, toEvaluation } from './area-mapping.js';
import { assertMunicipality, cameraPage } from './camera.js';
import {
  CameraArea,
  CameraAreaConnection,
  CameraConnection,
  DesignateAreaInput,
  DesignationCriteriaInput,
  DecisionStatus,
  DesignationDecision,
  Evaluation,
  EvaluationInput,
} from './types.js';

export const decisionColumns = { municipality: decisionTable.municipality, published: decisionTable.published };
const evaluationColumns = { municipality: evaluationTable.municipality };
const MAX_DECISIONS = 50;

export async function areaKindOf(on: Queryable, areaId: string): Promise<AreaKind> {
  const [a] = await on.select({ kind: areaTable.kind }).from(areaTable).where(eq(areaTable.id, areaId));
  return (a?.kind ?? 'OTHER') as AreaKind;
}

export async function lastEvaluation(on: Queryable, decisionId: string): Promise<Date | null> {
  const [e] = await on
    .select({ at: evaluationTable.evaluatedAt })
    .from(evaluationTable)
    .where(eq(evaluationTable.decisionId, decisionId))
    .orderBy(desc(evaluationTable.evaluatedAt))
    .limit(1);
  return e?.at ?? null;
}

/** Load a decision the caller can see; FORBIDDEN if they can see but not `update` it. */
export async function decisionForChange(
  ctx: HubContext,
  on: Queryable,
  id: string,
  action: 'update' | 'create',
  what: string,
) {
  const [row] = await on
    .select()
    .from(decisionTable)
    .where(and(eq(decisionTable.id, id), accessibleWhere(ctx.ability, 'read', 'DesignationDecision', decisionColumns)))
    .for('update');
  if (!row) throw notFound(`No designation decision ${id}`);
  const target =
    action === 'update'
      ? subject('DesignationDecision', row)
      : subject('Evaluation', { municipality: row.municipality });
  if (!ctx.ability.can(action, target)) throw refused(ctx.actor, what);
  return row;
}

@Resolver(() => CameraArea)
export class CameraAreaResolver {
  @Query(() => CameraAreaConnection, { description: 'Camera areas (public register), optionally of one municipality.' })
  @Can('read', 'CameraArea')
  async cameraAreas(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ID_CURSOR);
    const where = and(
      accessibleWhere(ctx.ability, 'read', 'CameraArea', areaColumns),
      municipality ? eq(areaTable.municipality, municipality) : undefined,
    );
    const rows = await ctx.db
      .select(areaWithDesignated)
      .from(areaTable)
      .where(cursor ? and(where, gt(areaTable.id, String(cursor[0]))) : where)
      .orderBy(asc(areaTable.id))
      .limit(limit + 1);
    const page = toPage(rows, limit, 0, (r) => [r.id], toArea);
    return Object.assign(page, {
      totalCount: async () => (await ctx.db.select({ n: count() }).from(areaTable).where(where))[0]!.n,
    });
  }

  @FieldResolver(() => [DesignationDecision], {
    description: 'Decisions for this area the caller may see, newest first (at most 50).',
  })
  async decisions(@Root() area: CameraArea, @Ctx() ctx: HubContext) {
    const rows = await ctx.db
      .select()
      .from(decisionTable)
      .where(
        and(
          eq(decisionTable.areaId, area.id),
          accessibleWhere(ctx.ability, 'read', 'DesignationDecision', decisionColumns),
        ),
      )
      .orderBy(desc(decisionTable.validFrom))
      .limit(MAX_DECISIONS);
    return rows.map(toDecision);
  }

  @FieldResolver(() => DesignationDecision, { nullable: true, description: 'The decision in force now, if any.' })
  async currentDecision(@Root() area: CameraArea, @Ctx() ctx: HubContext) {
    const now = ctx.clock.now();
    const rows = await this.decisions(area, ctx);
    return rows.find((d) => decisionStatus(d, now) === 'ACTIVE') ?? null;
  }

  @FieldResolver(() => CameraConnection, { description: 'Cameras in this area the caller may see.' })
  async cameras(
    @Root() area: CameraArea,
    @Ctx() ctx: HubContext,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return cameraPage(ctx, [eq(cameraTable.areaId, area.id)], first, after);
  }

  @Mutation(() => DesignationDecision, {
    description:
      'Designate an area by decision of the mayor: an existing area (a new period = a new decision) or a new one (003 §3–§4).',
  })
  @Can('create', 'DesignationDecision')
  async designateArea(@Ctx() ctx: HubContext, @Arg('input', () => DesignateAreaInput) input: DesignateAreaInput) {
    if (!!input.areaId === !!input.newArea) throw badInput('Give exactly one of areaId or newArea');
    return ctx.db.transaction(async (tx) => {
      let areaId = input.areaId;
      let municipality: string;
      let kind: AreaKind;
      if (input.newArea) {
        const a = input.newArea;
        await assertMunicipality(tx, a.municipality);
        if (!ctx.ability.can('create', subject('CameraArea', { municipality: a.municipality }))) {
          throw refused(ctx.actor, `designate areas in ${a.municipality}`);
        }
        areaId = randomUUID();
        municipality = a.municipality;
        kind = a.kind as AreaKind;
        await tx.insert(areaTable).values({
          id: areaId,
          municipality,
          name: a.name,
          kind,
          description: a.description,
          watchSchedule: {
            description: a.watchSchedule.description,
            continuous: a.watchSchedule.continuous,
            windows: a.watchSchedule.windows.map((w) => ({ ...w })),
          },
        });
      } else {
        // another municipality's draft area is as unknown as a missing one (issue 13 §1)
        const area = await visibleRow(
          ctx,
          'CameraArea',
          async () => (await tx.select(areaWithDesignated).from(areaTable).where(eq(areaTable.id, areaId!)))[0],
          `camera area ${areaId}`,
        );
        municipality = area.municipality;
        kind = area.kind as AreaKind;
      }
      if (!ctx.ability.can('create', subject('DesignationDecision', { municipality }))) {
        throw refused(ctx.actor, `designate areas in ${municipality}`);
      }
      const others = await tx.select().from(decisionTable).where(eq(decisionTable.areaId, areaId!)).for('update');
      const problems = checkDecision(
        kind,
        { ...input, subGoals: input.subGoals as SubGoal[], publishedAt: ctx.clock.now() },
        others,
      );
      if (input.published) {
        const weighing = criteriaProblems({
          criteria: input.criteria,
          effectMeasurement: input.effectMeasurement,
          subGoals: input.subGoals,
        });
        problems.push(
          ...weighing.map((m) => ({
            code: 'BAD_USER_INPUT' as const,
            message: `${m}: file it unpublished (DRAFT) until then`,
          })),
        );
      }
      const first = problems.find((p) => p.code === 'BAD_USER_INPUT') ?? problems[0];
      if (first)
        throw first.code === 'CONFLICT'
          ? conflict(first.message)
          : badInput(
              problems
                .filter((p) => p.code === 'BAD_USER_INPUT')
                .map((p) => p.message)
                .join('; '),
            );
      const [row] = await tx
        .insert(decisionTable)
        .values({
          id: randomUUID(),
          areaId: areaId!,
          municipality,
          reference: input.reference,
          legalBasis: input.legalBasis,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          subGoals: [...new Set(input.subGoals)],
          signagePlaced: input.signagePlaced,
          residentsInformed: input.residentsInformed,
          published: input.published,
          decidedBy: ctx.actor.sub,
          criteria: input.criteria ? { ...input.criteria } : null,
          effectMeasurement: input.effectMeasurement ?? null,
        })
        .returning();
      return toDecision(row!);
    });
  }

  @Mutation(() => DesignationDecision, {
    description:
      'Publish a draft decision once signs are placed and the residents informed (003 §2.3, §4.3): it takes effect from validFrom.',
  })
  @Can('update', 'DesignationDecision')
  async publishDesignation(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('signagePlaced', () => Boolean) signagePlaced: boolean,
    @Arg('residentsInformed', () => Boolean) residentsInformed: boolean,
    @Arg('criteria', () => DesignationCriteriaInput, {
      nullable: true,
      description: 'The weighing, if not filed with the draft (003 §4.2)',
    })
    criteria?: DesignationCriteriaInput,
    @Arg('effectMeasurement', () => String, { nullable: true }) effectMeasurement?: string,
  ) {
    if (
      effectMeasurement !== undefined &&
      effectMeasurement !== null &&
      (effectMeasurement.length < 1 || effectMeasurement.length > 4000)
    ) {
      throw badInput('effectMeasurement is 1-4000 characters');
    }
    return ctx.db.transaction(async (tx) => {
      const row = await decisionForChange(ctx, tx, id, 'update', 'publish this designation');
      if (row.published) throw conflict('the decision is already published');
      const now = ctx.clock.now();
      const ended = checkEnd(row, now);
      if (ended) throw conflict(ended);
      // a draft whose period has begun cannot be published into the past: a new decision is needed
      const backdated = backdatedProblem(row.validFrom, now);
      if (backdated) throw conflict(`${backdated}; file a new decision`);
      const [area] = await tx.select({ kind: areaTable.kind }).from(areaTable).where(eq(areaTable.id, row.areaId));
      const weighing = {
        criteria: criteria ? { ...criteria } : row.criteria,
        effectMeasurement: effectMeasurement ?? row.effectMeasurement,
      };
      const problems = [
        ...publicationProblems(area!.kind as AreaKind, { signagePlaced, residentsInformed }),
        ...criteriaProblems({ ...weighing, subGoals: row.subGoals }),
      ];
      if (problems.length) throw badInput(problems.join('; '));
      const [updated] = await tx
        .update(decisionTable)
        .set({ published: true, signagePlaced, residentsInformed, ...weighing })
        .where(eq(decisionTable.id, id))
        .returning();
      return toDecision(updated!);
    });
  }

  @Mutation(() => DesignationDecision, {
    description: 'End a designation early (never lengthens it; continuing needs a new decision).',
  })
  @Can('update', 'DesignationDecision')
  async endDesignation(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 1000) throw badInput('reason is required (at most 1000 characters)');
    return ctx.db.transaction(async (tx) => {
      const row = await decisionForChange(ctx, tx, id, 'update', 'end this designation');
      const now = ctx.clock.now();
      const problem = checkEnd(row, now);
      if (problem) throw conflict(problem);
      const [updated] = await tx
        .update(decisionTable)
        .set({ endedAt: now, endReason: reason })
        .where(eq(decisionTable.id, id))
        .returning();
      return toDecision(updated!);
    });
  }

  @Mutation(() => Evaluation, { description: 'Record an evaluation of a designation (003 §3).' })
  @Can('create', 'Evaluation')
  async recordEvaluation(@Ctx() ctx: HubContext, @Arg('input', () => EvaluationInput) input: EvaluationInput) {
    const at = input.evaluatedAt ?? ctx.clock.now();
    if (at.getTime() > ctx.clock.now().getTime() + 5 * 60_000) throw badInput('evaluatedAt cannot be in the future');
    return ctx.db.transaction(async (tx) => {
      const d = await decisionForChange(ctx, tx, input.decisionId, 'create', 'evaluate this designation');
      if (at.getTime() < d.validFrom.getTime()) throw badInput('evaluatedAt is before the decision took effect');
      const [row] = await tx
        .insert(evaluationTable)
        .values({
          id: randomUUID(),
          decisionId: d.id,
          municipality: d.municipality,
          evaluatedAt: at,
          effective: input.effective,
          conclusion: input.conclusion,
          continueSurveillance: input.continueSurveillance,
          recordedBy: ctx.actor.sub,
        })
        .returning();
      return toEvaluation(row!);
    });
  }
}

@Resolver(() => DesignationDecision)
export class DesignationDecisionResolver {
  @FieldResolver(() => CameraArea)
  async area(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    // a decision the caller may read implies its area (published decision → designated area)
    return areaLoader(d.areaId, ctx);
  }

  @FieldResolver(() => DecisionStatus)
  status(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    return decisionStatus(d, ctx.clock.now());
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the next evaluation is due (yearly for city centre/stadium, 003 §3).',
  })
  async nextEvaluationDue(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    return nextEvaluationDue(await areaKindOf(ctx.db, d.areaId), d, await lastEvaluation(ctx.db, d.id));
  }

  @FieldResolver(() => Boolean)
  async evaluationOverdue(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    if (decisionStatus(d, ctx.clock.now()) !== 'ACTIVE') return false;
    return evaluationOverdue(
      await areaKindOf(ctx.db, d.areaId),
      d,
      await lastEvaluation(ctx.db, d.id),
      ctx.clock.now(),
    );
  }

  @FieldResolver(() => [Evaluation])
  async evaluations(@Root() d: DesignationDecision, @Ctx() ctx: HubContext) {
    const rows = await ctx.db
      .select()
      .from(evaluationTable)
      .where(
        and(
          eq(evaluationTable.decisionId, d.id),
          accessibleWhere(ctx.ability, 'read', 'Evaluation', evaluationColumns),
        ),
      )
      .orderBy(desc(evaluationTable.evaluatedAt))
      .limit(MAX_DECISIONS);
    return rows.map(toEvaluation);
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @FieldResolver(() => DesignationDecision, { nullable: true })
  async decision(@Root() e: Evaluation, @Ctx() ctx: HubContext) {
    const [d] = await ctx.db
      .select()
      .from(decisionTable)
      .where(
        and(
          eq(decisionTable.id, e.decisionId),
          accessibleWhere(ctx.ability, 'read', 'DesignationDecision', decisionColumns),
        ),
      );
    return d ? toDecision(d) : null;
  }
}

export const decisionLoader = async (ids: string[], ctx: HubContext) =>
  (await ctx.db.select().from(decisionTable).where(inArray(decisionTable.id, ids))).map(toDecision) as unknown as Array<
    Record<string, unknown>
  >;

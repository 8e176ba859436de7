// CameraArea, DesignationDecision and Evaluation: the public register of areas, designating an area
// by decision of the mayor, publishing, ending and evaluating decisions (003 §3–§4; the rules in
// domain/designation.ts and domain/lifecycle.ts). Data access in db/areas.ts and db/decisions.ts; the
// reference loaders in area.reference.ts and decision.reference.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { Can, badInput, conflict, notFound, refused, type HubContext, PageArgs, visibleRow } from '@hub/subgraph-kit';
import { areaKindOf, areaPage, areaWithDesignation, insertArea } from '../db/areas.js';
import { cameraPage, inArea } from '../db/cameras.js';
import { endSessions, inAreaOf } from '../db/live-view.js';
import {
  decisionsOfArea,
  evaluationsOf,
  findDecision,
  insertDecision,
  insertEvaluation,
  lastEvaluation,
  toDecision,
  updateDecision,
  visibleDecisionsOfArea,
} from '../db/decisions.js';
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
import { areaLoader } from './area.reference.js';
import { assertMunicipality } from './camera.js';
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

/** Load a decision the caller can see; FORBIDDEN if they can see but not `update` it. */
export async function decisionForChange(
  ctx: HubContext,
  on: Queryable,
  id: string,
  action: 'update' | 'create',
  what: string,
) {
  const row = await findDecision(on, ctx.ability, id, { lock: true });
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
    return areaPage(ctx, municipality, first, after);
  }

  @FieldResolver(() => [DesignationDecision], {
    description: 'Decisions for this area the caller may see, newest first (at most 50).',
  })
  async decisions(@Root() area: CameraArea, @Ctx() ctx: HubContext) {
    const rows = await visibleDecisionsOfArea(ctx.db, ctx.ability, area.id);
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
    return cameraPage(ctx, [inArea(area.id)], first, after);
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
        await insertArea(tx, {
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
        // another municipality's draft area is as unknown as a missing one (subgraph-kit selection.ts)
        const area = await visibleRow(
          ctx,
          'CameraArea',
          () => areaWithDesignation(tx, areaId!),
          `camera area ${areaId}`,
        );
        municipality = area.municipality;
        kind = area.kind as AreaKind;
      }
      if (!ctx.ability.can('create', subject('DesignationDecision', { municipality }))) {
        throw refused(ctx.actor, `designate areas in ${municipality}`);
      }
      const others = await decisionsOfArea(tx, areaId!, { lock: true });
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
      const row = await insertDecision(tx, {
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
      });
      return toDecision(row);
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
      const areaKind = await areaKindOf(tx, row.areaId);
      const weighing = {
        criteria: criteria ? { ...criteria } : row.criteria,
        effectMeasurement: effectMeasurement ?? row.effectMeasurement,
      };
      const problems = [
        ...publicationProblems(areaKind, { signagePlaced, residentsInformed }),
        ...criteriaProblems({ ...weighing, subGoals: row.subGoals }),
      ];
      if (problems.length) throw badInput(problems.join('; '));
      const updated = await updateDecision(tx, id, { published: true, signagePlaced, residentsInformed, ...weighing });
      return toDecision(updated);
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
      const ended = toDecision(await updateDecision(tx, id, { endedAt: now, endReason: reason }));
      // no designation in force, no watching (003 §4.3; domain/live-view.ts): running sessions end with it
      const decisions = await decisionsOfArea(tx, row.areaId);
      if (!decisions.some((d) => decisionStatus(d, now) === 'ACTIVE'))
        await endSessions(tx, inAreaOf(tx, row.areaId), { at: now, by: ctx.actor.sub, reason: 'designation ended' });
      return ended;
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
      return insertEvaluation(tx, {
        id: randomUUID(),
        decisionId: d.id,
        municipality: d.municipality,
        evaluatedAt: at,
        effective: input.effective,
        conclusion: input.conclusion,
        continueSurveillance: input.continueSurveillance,
        recordedBy: ctx.actor.sub,
      });
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
    return evaluationsOf(ctx.db, ctx.ability, d.id);
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @FieldResolver(() => DesignationDecision, { nullable: true })
  async decision(@Root() e: Evaluation, @Ctx() ctx: HubContext) {
    const d = await findDecision(ctx.db, ctx.ability, e.decisionId);
    return d ? toDecision(d) : null;
  }
}

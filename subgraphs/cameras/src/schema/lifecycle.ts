// Designation lifecycle for the municipality's dashboard (003 §2.3, §3, §4.3): which designations
// expire soon, milestones as they are reached, and the results told to the residents at the end.
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { subject } from '@hub/auth';
import { badInput, Can, conflict, refused, type HubContext } from '@hub/subgraph-kit';
import { decisionsExpiring, toDecision, updateDecision } from '../db/decisions.js';
import { resultsInformedProblem } from '../domain/lifecycle.js';
import { decisionForChange } from './area.js';
import { DESIGNATION_CHANGED, type DesignationChangedPayload } from './topics.js';
import { DesignationChange, DesignationDecision } from './types.js';

const DAY = 86_400_000;

/** Field that marks a dashboard reader: the evaluation planning is not in the published decision. */
const DASHBOARD_FIELD = 'nextEvaluationDue';

@Resolver()
export class DesignationLifecycleResolver {
  @Query(() => [DesignationDecision], {
    description:
      'Published designations in force whose period ends within `withinDays` days (1-366), soonest first (at most 200).',
  })
  @Can('read', 'DesignationDecision')
  async designationsExpiring(
    @Ctx() ctx: HubContext,
    @Arg('withinDays', () => Int) withinDays: number,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
  ) {
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 366) throw badInput('withinDays must be 1-366');
    const now = ctx.clock.now();
    const rows = await decisionsExpiring(
      ctx.db,
      ctx.ability,
      municipality,
      now,
      new Date(now.getTime() + withinDays * DAY),
    );
    return rows.map(toDecision);
  }

  @Mutation(() => DesignationDecision, {
    description:
      'Record that the residents of the area were informed of the results, once the deployment ended (003 §2.3, §4.3).',
  })
  @Can('update', 'DesignationDecision')
  async informResidentsOfResults(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('summary', () => String) summary: string,
  ) {
    if (!summary.trim() || summary.length > 4000) throw badInput('summary is required (at most 4000 characters)');
    return ctx.db.transaction(async (tx) => {
      const row = await decisionForChange(ctx, tx, id, 'update', 'record the results for this designation');
      const now = ctx.clock.now();
      const problem = resultsInformedProblem(row, now);
      if (problem) throw conflict(problem);
      return toDecision(await updateDecision(tx, id, { resultsInformedAt: now, resultsSummary: summary }));
    });
  }

  @Subscription(() => DesignationChange, {
    topics: ({ args, context }: { args: { municipality?: string | null }; context: HubContext }) => {
      const m = args.municipality;
      if (
        m &&
        !context.ability.can(
          'read',
          subject('DesignationDecision', { municipality: m, published: true }),
          DASHBOARD_FIELD,
        )
      ) {
        throw refused(context.actor, `watch designations in ${m}`);
      }
      return DESIGNATION_CHANGED;
    },
    description:
      'Milestones of designations the caller plans for (municipality: its own): published, expiring in 60/30 days, ended, evaluation due/overdue.',
    filter: ({
      payload,
      args,
      context,
    }: {
      payload: DesignationChangedPayload;
      args: { municipality?: string };
      context: HubContext;
    }) => {
      const d = payload.decision;
      if (args.municipality && d.municipality !== args.municipality) return false;
      return context.ability.can(
        'read',
        subject('DesignationDecision', { municipality: d.municipality, published: d.published }),
        DASHBOARD_FIELD,
      );
    },
  })
  @Can('read', 'DesignationDecision', DASHBOARD_FIELD)
  designationChanged(
    @Root() p: DesignationChangedPayload,
    @Arg('municipality', () => String, { nullable: true }) _municipality?: string,
  ): DesignationChange {
    const d = p.decision;
    const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
    return {
      kind: p.kind,
      at: new Date(p.at),
      noticedAt: new Date(p.noticedAt),
      decision: toDecision({
        ...d,
        validFrom: date(d.validFrom)!,
        validUntil: date(d.validUntil)!,
        createdAt: date(d.createdAt)!,
        endedAt: date(d.endedAt),
        resultsInformedAt: date(d.resultsInformedAt),
      }),
    };
  }
}

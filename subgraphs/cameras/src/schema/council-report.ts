// The half-yearly report to the municipal council (003 §6.1): per camera area, the designation in force
// and its period, sub-goals, watch hours, signals shared, evaluations and their conclusions. The footage,
// requests and ANPR subgraphs add their figures to each area's row (CouncilReportArea, key `id`).
// Covert cameras are never counted: a count would reveal one to the municipality (DESIGN §1).
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { Arg, Ctx, Directive, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, councilReportAreaId, halfYear, refused, type HubContext } from '@hub/subgraph-kit';
import {
  areaTable,
  cameraTable,
  decisionTable,
  evaluationTable,
  municipalityTable,
  signalTable,
  watchEventTable,
} from '../db/schema.js';
import { watchHours } from '../domain/watching.js';
import { AreaKind, SubGoal } from './types.js';

@ObjectType({ description: 'A designation decision of the area in force during the half-year.' })
export class CouncilReportDesignation {
  @Field(() => String) reference!: string;
  @Field(() => String) legalBasis!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validUntil!: Date;
  @Field(() => Date, { nullable: true, description: 'Ended early' }) endedAt!: Date | null;
  @Field(() => [SubGoal]) subGoals!: string[];
}

@ObjectType({ description: 'An evaluation recorded during the half-year, with its conclusion.' })
export class CouncilReportEvaluation {
  @Field(() => Date) evaluatedAt!: Date;
  @Field(() => String, { description: 'The decision evaluated' }) decisionReference!: string;
  @Field(() => Boolean) effective!: boolean;
  @Field(() => String) conclusion!: string;
  @Field(() => Boolean) continueSurveillance!: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: "One camera area's row in a council report; the footage, requests and ANPR subgraphs add their figures.",
})
export class CouncilReportArea {
  @Field(() => ID, { description: 'half:municipality:areaId' }) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String) half!: string;
  @Field(() => ID) areaId!: string;
  @Field(() => String) areaName!: string;
  @Field(() => AreaKind) areaKind!: string;
  @Field(() => [CouncilReportDesignation], {
    description: 'Published decisions in force at some time during the half-year',
  })
  designations!: CouncilReportDesignation[];
  @Field(() => [SubGoal]) subGoals!: string[];
  @Field(() => Float, {
    description:
      'Hours the area could be watched live: under a decision in force, within its watch times or around its events (003 §3)',
  })
  watchHours!: number;
  @Field(() => Int, {
    description: 'Signals shared with the municipal control room from the area’s cameras (003 §2.2)',
  })
  signalsShared!: number;
  @Field(() => [CouncilReportEvaluation]) evaluations!: CouncilReportEvaluation[];
}

@ObjectType({ description: 'The half-yearly report on camera surveillance to the municipal council (003 §6.1).' })
export class CouncilReport {
  @Field(() => String) municipality!: string;
  @Field(() => String) municipalityName!: string;
  @Field(() => String, { description: 'YYYY-H1 or YYYY-H2' }) half!: string;
  @Field(() => Date, { description: 'Start of the half-year (UTC)' }) from!: Date;
  @Field(() => Date, { description: 'End of the half-year, exclusive (UTC)' }) to!: Date;
  @Field(() => Date) generatedAt!: Date;
  @Field(() => Int, {
    description: 'All signals shared with the municipality in the half-year, with or without a camera',
  })
  signalsShared!: number;
  @Field(() => [CouncilReportArea], {
    description: 'Areas with a published decision in force during the half-year, by name',
  })
  areas!: CouncilReportArea[];
}

/** At most this many areas in one report (a city has tens). */
const MAX_AREAS = 500;

@Resolver()
export class CouncilReportResolver {
  @Query(() => CouncilReport, {
    description:
      'The half-yearly council report of a municipality (003 §6.1), e.g. half "2026-H2": the municipality its own, the authority all. Also as CSV and PDF at /reports/council.',
  })
  @Can('read', 'CouncilReport')
  async councilReport(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Arg('half', () => String) half: string,
  ): Promise<CouncilReport> {
    // the permission first: another municipality learns nothing, not even whether the code exists
    if (!ctx.ability.can('read', subject('CouncilReport', { municipality })))
      throw refused(ctx.actor, `read the council report of ${municipality}`);
    const period = halfYear(half);
    if (!period) throw badInput('half is YYYY-H1 or YYYY-H2 (2000-2100)');
    const now = ctx.clock.now();
    if (period.from.getTime() > now.getTime()) throw badInput('that half-year has not begun');
    const { from, to } = period;
    const [m] = await ctx.db.select().from(municipalityTable).where(eq(municipalityTable.code, municipality));
    if (!m) throw badInput(`Unknown municipality ${municipality}`);

    // published decisions in force at some time in [from, to)
    const decisions = await ctx.db
      .select()
      .from(decisionTable)
      .where(
        and(
          eq(decisionTable.municipality, municipality),
          eq(decisionTable.published, true),
          lt(decisionTable.validFrom, to),
          gt(decisionTable.validUntil, from),
          or(isNull(decisionTable.endedAt), gt(decisionTable.endedAt, from)),
        ),
      )
      .orderBy(asc(decisionTable.validFrom));
    const areaIds = [...new Set(decisions.map((d) => d.areaId))].slice(0, MAX_AREAS);
    const areas = areaIds.length
      ? await ctx.db
          .select()
          .from(areaTable)
          .where(inArray(areaTable.id, areaIds))
          .orderBy(asc(areaTable.name), asc(areaTable.id))
      : [];
    const decisionIds = decisions.map((d) => d.id);
    const evaluations = decisionIds.length
      ? await ctx.db
          .select()
          .from(evaluationTable)
          .where(
            and(
              inArray(evaluationTable.decisionId, decisionIds),
              gte(evaluationTable.evaluatedAt, from),
              lt(evaluationTable.evaluatedAt, to),
            ),
          )
          .orderBy(asc(evaluationTable.evaluatedAt))
      : [];
    const events = areaIds.length
      ? await ctx.db
          .select()
          .from(watchEventTable)
          .where(
            and(
              inArray(watchEventTable.areaId, areaIds),
              lt(watchEventTable.startsAt, to),
              gt(watchEventTable.endsAt, new Date(from.getTime() - 86_400_000)),
            ),
          )
      : [];
    // signals from the area's cameras; a covert camera's never (it would be revealed)
    const signalCounts = areaIds.length
      ? await ctx.db
          .select({ areaId: cameraTable.areaId, n: count() })
          .from(signalTable)
          .innerJoin(cameraTable, eq(cameraTable.id, signalTable.cameraId))
          .where(
            and(
              eq(signalTable.municipality, municipality),
              gte(signalTable.sharedAt, from),
              lt(signalTable.sharedAt, to),
              eq(cameraTable.covert, false),
              inArray(cameraTable.areaId, areaIds),
            ),
          )
          .groupBy(cameraTable.areaId)
      : [];
    const [total] = await ctx.db
      .select({ n: count() })
      .from(signalTable)
      .where(
        and(eq(signalTable.municipality, municipality), gte(signalTable.sharedAt, from), lt(signalTable.sharedAt, to)),
      );

    const reportAreas = areas.map((a): CouncilReportArea => {
      const own = decisions.filter((d) => d.areaId === a.id);
      const inForce = own.map((d) => ({
        from: d.validFrom,
        until: d.endedAt && d.endedAt < d.validUntil ? d.endedAt : d.validUntil,
      }));
      const ref = new Map(own.map((d) => [d.id, d.reference]));
      return {
        id: councilReportAreaId(half, municipality, a.id),
        municipality,
        half,
        areaId: a.id,
        areaName: a.name,
        areaKind: a.kind,
        designations: own.map((d) => ({
          reference: d.reference,
          legalBasis: d.legalBasis,
          validFrom: d.validFrom,
          validUntil: d.validUntil,
          endedAt: d.endedAt,
          subGoals: d.subGoals,
        })),
        subGoals: [...new Set(own.flatMap((d) => d.subGoals))],
        watchHours: watchHours(
          a,
          inForce,
          events.filter((e) => e.areaId === a.id),
          from,
          to,
        ),
        signalsShared: signalCounts.find((s) => s.areaId === a.id)?.n ?? 0,
        evaluations: evaluations
          .filter((e) => ref.has(e.decisionId))
          .map((e) => ({
            evaluatedAt: e.evaluatedAt,
            decisionReference: ref.get(e.decisionId)!,
            effective: e.effective,
            conclusion: e.conclusion,
            continueSurveillance: e.continueSurveillance,
          })),
      };
    });
    return {
      municipality,
      municipalityName: m.name,
      half,
      from,
      to,
      generatedAt: now,
      signalsShared: total?.n ?? 0,
      areas: reportAreas,
    };
  }
}

// The half-yearly report to the municipal council (003 §6.1): per camera area, the designation in force
// and its period, sub-goals, watch hours, signals shared, evaluations and their conclusions. The footage,
// requests and ANPR subgraphs add their figures to each area's row (CouncilReportArea, key `id`).
// Covert cameras are never counted: a count would reveal one to the municipality, which never sees them
// (packages/auth policy; the root README's actor table).
// The queries and the rows in db/council-report.ts.
import { Arg, Ctx, Directive, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, halfYear, refused, type HubContext } from '@hub/subgraph-kit';
import { findMunicipality } from '../db/cameras.js';
import { councilReportAreas } from '../db/council-report.js';
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
    const m = await findMunicipality(ctx.db, municipality);
    if (!m) throw badInput(`Unknown municipality ${municipality}`);
    const { areas, signalsShared } = await councilReportAreas(ctx.db, municipality, half, from, to);
    return {
      municipality,
      municipalityName: m.name,
      half,
      from,
      to,
      generatedAt: now,
      signalsShared,
      areas,
    };
  }
}

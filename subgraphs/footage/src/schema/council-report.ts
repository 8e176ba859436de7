// The footage figures of one area's row in the half-yearly council report (003 §6.1): recordings made,
// recordings secured for investigations, legal holds placed and deletions, from the monthly counters
// (covert cameras are never in them, domain/statistics.ts). The row is the cameras subgraph's.
import { and, eq, gte, lt, sum } from 'drizzle-orm';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@hub/subgraph-kit';
import { monthlyStatsTable } from '../db/schema.js';
import { monthOf } from '../db/stats.js';

@ObjectType({
  description: 'Footage of the area’s cameras in the half-year (counts only; covert cameras never counted).',
})
export class CouncilFootageFigures {
  @Field(() => Int, { description: 'Recordings made' }) recordings!: number;
  @Field(() => Int, { description: 'Recordings secured for an investigation or complaint (first hold on each)' })
  securedForInvestigations!: number;
  @Field(() => Int, { description: 'Legal holds placed on recordings' }) holdsPlaced!: number;
  @Field(() => Int, { description: 'Recordings deleted by the retention runs' }) deletions!: number;
}

@Directive('@key(fields: "id")')
@ObjectType('CouncilReportArea')
export class CouncilReportAreaRef {
  @Field(() => ID) id!: string;
  municipality!: string;
  areaId!: string;
  from!: Date;
  to!: Date;
}

@Resolver(() => CouncilReportAreaRef)
export class CouncilReportFootageResolver {
  @FieldResolver(() => CouncilFootageFigures)
  async footage(@Root() a: CouncilReportAreaRef, @Ctx() ctx: HubContext): Promise<CouncilFootageFigures> {
    const [r] = await ctx.db
      .select({
        recordings: sum(monthlyStatsTable.recordings),
        investigations: sum(monthlyStatsTable.investigations),
        holds: sum(monthlyStatsTable.holds),
        deletions: sum(monthlyStatsTable.deletions),
      })
      .from(monthlyStatsTable)
      .where(
        and(
          eq(monthlyStatsTable.municipality, a.municipality),
          eq(monthlyStatsTable.areaId, a.areaId),
          gte(monthlyStatsTable.month, monthOf(a.from)),
          lt(monthlyStatsTable.month, monthOf(a.to)),
        ),
      );
    return {
      recordings: Number(r?.recordings ?? 0),
      securedForInvestigations: Number(r?.investigations ?? 0),
      holdsPlaced: Number(r?.holds ?? 0),
      deletions: Number(r?.deletions ?? 0),
    };
  }
}

// The footage figures of one area's row in the half-yearly council report (003 §6.1): recordings made,
// recordings secured for investigations, legal holds placed and deletions, from the monthly counters
// (covert cameras are never in them, domain/statistics.ts). The row is the cameras subgraph's.
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@hub/subgraph-kit';
import { areaTotals } from '../db/stats.js';

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
    const t = await areaTotals(ctx.db, a);
    return {
      recordings: t.recordings,
      securedForInvestigations: t.investigations,
      holdsPlaced: t.holds,
      deletions: t.deletions,
    };
  }
}

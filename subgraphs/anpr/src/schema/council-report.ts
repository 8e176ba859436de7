// The ANPR passage count of one area's row in the half-yearly council report (003 §6.1), where the
// area has ANPR cameras: counts only, never a plate; a covert camera is never counted (it would be
// revealed to the municipality). The row is the cameras subgraph's.
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@hub/subgraph-kit';
import { passagesOf } from '../db/counts.js';
import { openAnprCamerasOfArea } from '../db/replica.js';

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
export class CouncilReportAnprResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Passages the area’s ANPR cameras counted in the half-year; null when the area has none',
  })
  async anprPassages(@Root() a: CouncilReportAreaRef, @Ctx() ctx: HubContext): Promise<number | null> {
    const cams = await openAnprCamerasOfArea(ctx.db, a.municipality, a.areaId);
    if (cams.length === 0) return null;
    return passagesOf(ctx.db, cams, a.from, a.to);
  }
}

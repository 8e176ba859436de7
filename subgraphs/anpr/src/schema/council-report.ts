// The ANPR passage count of one area's row in the half-yearly council report (003 §6.1), where the
// area has ANPR cameras: counts only, never a plate; a covert camera is never counted (it would be
// revealed to the municipality). The row is the cameras subgraph's.
import { and, eq, gte, inArray, lt, sum } from 'drizzle-orm';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@hub/subgraph-kit';
import { cameraReplica, countTable } from '../db/schema.js';

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
    const cams = await ctx.db
      .select({ id: cameraReplica.id })
      .from(cameraReplica)
      .where(
        and(
          eq(cameraReplica.municipality, a.municipality),
          eq(cameraReplica.areaId, a.areaId),
          eq(cameraReplica.covert, false),
          inArray(cameraReplica.kind, ['ANPR_FIXED', 'ANPR_MOBILE']),
        ),
      );
    if (cams.length === 0) return null;
    const [r] = await ctx.db
      .select({ n: sum(countTable.count) })
      .from(countTable)
      .where(
        and(
          inArray(
            countTable.cameraId,
            cams.map((c) => c.id),
          ),
          gte(countTable.hourStart, a.from),
          lt(countTable.hourStart, a.to),
        ),
      );
    return Number(r?.n ?? 0);
  }
}

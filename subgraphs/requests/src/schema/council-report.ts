// The footage requests of one area's row in the half-yearly council report (003 §6.1): requests filed
// in the half-year naming one of the area's cameras, by kind and outcome. A covert camera's requests
// are not counted for its area (they would reveal it). The row is the cameras subgraph's.
import {
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { HubContext } from '@hub/subgraph-kit';
import { areaRequests } from '../db/council-report.js';
import { COUNCIL_OUTCOMES, councilOutcome } from '../domain/council.js';
import type { RequestStatus } from '../domain/status.js';
import { RequestKind } from './types.js';

export const CouncilOutcome = Object.fromEntries(COUNCIL_OUTCOMES.map((o) => [o, o])) as {
  [K in (typeof COUNCIL_OUTCOMES)[number]]: K;
};
registerEnumType(CouncilOutcome, {
  name: 'FootageRequestOutcome',
  description: 'How a request ended, as the council report counts it',
});

@ObjectType({ description: 'Footage requests of one kind with one outcome, filed in the half-year.' })
export class CouncilRequestFigure {
  @Field(() => RequestKind) kind!: string;
  @Field(() => CouncilOutcome) outcome!: string;
  @Field(() => Int) count!: number;
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
export class CouncilReportRequestsResolver {
  @FieldResolver(() => [CouncilRequestFigure], {
    description: 'Requests filed in the half-year for the area’s cameras, by kind and outcome',
  })
  async footageRequests(@Root() a: CouncilReportAreaRef, @Ctx() ctx: HubContext): Promise<CouncilRequestFigure[]> {
    const rows = await areaRequests(ctx.db, a);
    const counts = new Map<string, CouncilRequestFigure>();
    for (const r of rows) {
      const outcome = councilOutcome(r.status as RequestStatus, r.decision);
      const key = `${r.kind}|${outcome}`;
      const f = counts.get(key) ?? { kind: r.kind, outcome, count: 0 };
      f.count++;
      counts.set(key, f);
    }
    return [...counts.values()].sort((x, y) => x.kind.localeCompare(y.kind) || x.outcome.localeCompare(y.outcome));
  }
}

// Log-ins per actor and period, for the authority (003 §5.2.3: log-ins are logged and checked
// periodically). Each log-in is an `auth.login` entry of the audit log (packages/audit
// recordLogin); this lists them per actor: first and last log-in and how many, over a bounded period.
// Who may: the one policy (packages/auth, subject LoginSummary), at the gateway and here.
import 'reflect-metadata';
import { Args, Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { MAX_LOGIN_PERIOD_DAYS } from '@hub/audit';
import { isActorKind } from '@hub/auth';
import {
  Can,
  Connection,
  ID_CURSOR,
  PageArgs,
  badInput,
  decodeCursor,
  encodeCursor,
  pageSize,
  type HubContext,
} from '@hub/subgraph-kit';
import { auditOf } from '../db/audit.js';

@ObjectType({ description: "One actor's log-ins in the period asked for" })
export class LoginSummary {
  @Field(() => String) actorKind!: string;
  @Field(() => String) actorSub!: string;
  @Field(() => [String], { description: 'The organisations it logged in under' }) orgs!: string[];
  @Field(() => Date, { description: 'Its first log-in in the period' }) firstAt!: Date;
  @Field(() => Date, { description: 'Its last log-in in the period' }) lastAt!: Date;
  @Field(() => Int, { description: 'Log-ins in the period (first uses of a token)' }) logins!: number;
}

@ObjectType()
export class LoginSummaryConnection extends Connection('LoginSummary', LoginSummary) {}

@Resolver()
export class LoginSummaryResolver {
  @Query(() => LoginSummaryConnection, {
    description: `Log-ins per actor in [from, to) (at most ${MAX_LOGIN_PERIOD_DAYS} days), by actor kind then subject; optionally of one actor kind (authority).`,
  })
  @Can('read', 'LoginSummary')
  async loginSummary(
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('actorKind', () => String, { nullable: true }) actorKind: string | null | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    if (actorKind != null && !isActorKind(actorKind)) throw badInput('actorKind must be an actor kind');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, [...ID_CURSOR, ...ID_CURSOR]);
    const page = await auditOf(ctx.database)
      .loginSummary(
        { from, to, actorKind },
        limit,
        cursor ? { actorKind: String(cursor[0]), actorSub: String(cursor[1]) } : undefined,
      )
      .catch((err: unknown) => {
        throw err instanceof RangeError ? badInput(err.message) : err;
      });
    const edges = page.actors.map((a) => ({ cursor: encodeCursor([a.actorKind, a.actorSub]), node: a }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}

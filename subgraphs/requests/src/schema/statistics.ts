import { Arg, Ctx, Query, Resolver, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import {
  Can,
  badInput,
  decodeCursor,
  TIME_CURSOR,
  pageSize,
  refused,
  toPage,
  type HubContext,
  PageArgs,
} from '@hub/subgraph-kit';
import { overdueAccessCount, overdueAccessRequests, requestCounts } from '../db/statistics.js';
import { daysOverdue } from '../domain/deadlines.js';
import { OverdueAccessRequest, OverdueAccessRequestConnection, RequestStatistics } from './types.js';

const MAX_PERIOD_MS = 5 * 366 * 24 * 3_600_000;

@Resolver()
export class RequestStatisticsResolver {
  @Query(() => [RequestStatistics], {
    description:
      'Requests per kind, status and month of filing for a municipality: counts, no contents (a municipality its own; authority, police any).',
  })
  @Can('read', 'RequestStatistics')
  async requestStatistics(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<RequestStatistics[]> {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw badInput('the period may span at most 5 years');
    if (!ctx.ability.can('read', subject('RequestStatistics', { municipality })))
      throw refused(ctx.actor, `read request statistics of ${municipality}`);
    const rows = await requestCounts(ctx.db, municipality, from, to);
    return rows.map((r) => ({ municipality, kind: r.kind, status: r.status, month: r.month, count: Number(r.count) }));
  }

  @Query(() => OverdueAccessRequestConnection, {
    description:
      'Access requests past their deadline and still unanswered, most overdue first; no personal details (authority, police).',
  })
  @Can('read', 'OverdueAccessRequest')
  async overdueAccessRequests(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, TIME_CURSOR);
    const now = ctx.clock.now();
    const rows = await overdueAccessRequests(ctx.db, now, municipality, cursor, limit + 1);
    const page = toPage(
      rows,
      limit,
      0,
      (r) => [r.dueAt.toISOString(), r.id],
      (r): OverdueAccessRequest => ({ ...r, daysOverdue: daysOverdue(r.dueAt, now) }),
    );
    return Object.assign(page, {
      totalCount: () => overdueAccessCount(ctx.db, now, municipality),
    });
  }
}

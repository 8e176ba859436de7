import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
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
  afterTimeCursor,
  PageArgs,
} from '@hub/subgraph-kit';
import { requestTable, cameraReplica } from '../db/schema.js';
import { daysOverdue } from '../domain/deadlines.js';
import { OPEN_STATUSES } from '../domain/status.js';
import { OverdueAccessRequest, OverdueAccessRequestConnection, RequestStatistics } from './types.js';

const MAX_PERIOD_MS = 5 * 366 * 24 * 3_600_000;

/**
 * The figures cover the public-order cameras only: a request naming a covert camera (an investigation
 * measure, never seen by a municipality) is not counted, or the municipality's and the supervisor's
 * figures would move because of it (issue 13 §1, counts; as footage statistics, footage
 * domain/statistics.ts). The same figure for every reader.
 */
const noCovertCamera = sql`not exists (select 1 from ${cameraReplica} c where c.id = any(${requestTable.cameraIds}) and c.covert)`;

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
    const month = sql<string>`to_char(${requestTable.filedAt} at time zone 'UTC', 'YYYY-MM')`;
    const rows = await ctx.db
      .select({ kind: requestTable.kind, status: requestTable.status, month, count: count() })
      .from(requestTable)
      .where(
        and(
          eq(requestTable.municipality, municipality),
          gte(requestTable.filedAt, from),
          lt(requestTable.filedAt, to),
          noCovertCamera,
        ),
      )
      .groupBy(requestTable.kind, requestTable.status, month)
      .orderBy(asc(month), asc(requestTable.kind), asc(requestTable.status));
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
    const where = and(
      eq(requestTable.kind, 'DATA_SUBJECT_ACCESS'),
      inArray(requestTable.status, [...OPEN_STATUSES]),
      lt(requestTable.dueAt, now),
      municipality ? eq(requestTable.municipality, municipality) : undefined,
    );
    const keyset = afterTimeCursor(requestTable.dueAt, requestTable.id, cursor, 'asc');
    // only what the authority may see: no requester, place, description or cameras leave the database
    const rows = await ctx.db
      .select({
        id: requestTable.id,
        filedAt: requestTable.filedAt,
        dueAt: requestTable.dueAt,
        municipality: requestTable.municipality,
      })
      .from(requestTable)
      .where(and(where, keyset))
      .orderBy(asc(requestTable.dueAt), asc(requestTable.id))
      .limit(limit + 1);
    const page = toPage(
      rows,
      limit,
      0,
      (r) => [r.dueAt.toISOString(), r.id],
      (r): OverdueAccessRequest => ({ ...r, daysOverdue: daysOverdue(r.dueAt, now) }),
    );
    return Object.assign(page, {
      totalCount: async () => (await ctx.db.select({ n: count() }).from(requestTable).where(where))[0]!.n,
    });
  }
}

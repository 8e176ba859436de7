// Reading and changing requests: rows ↔ GraphQL objects, the policy's WHERE, filters and pages, and
// one way to record a change (the row, its history entry and the event, all in the caller's transaction).
import { and, arrayContains, arrayOverlaps, asc, count, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action, type Actor } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { Events } from '@hub/events';
import { afterTimeCursor, decodeCursor, pageSize, TIME_CURSOR, toPage, type HubContext } from '@hub/subgraph-kit';
import { OPEN_STATUSES } from '../domain/status.js';
import type { FootageRequest, FootageRequestFilter } from '../schema/types.js';
import { FOOTAGE_REQUEST_CHANGED } from '../schema/topics.js';
import { cameraReplica, requestTable, transitionTable } from './schema.js';

export type RequestRow = typeof requestTable.$inferSelect;

/** Policy condition fields → columns, for accessibleWhere. */
export const requestColumns = {
  kind: requestTable.kind,
  requesterId: requestTable.requesterId,
  requesterKind: requestTable.requesterKind,
  municipality: requestTable.municipality,
};

export function requestWhere(ability: Ability, action: Action = 'read'): SQL {
  return accessibleWhere(ability, action, 'FootageRequest', requestColumns);
}

export function toRequest(r: RequestRow): FootageRequest {
  return {
    ...r,
    cameras: r.cameraIds.map((id) => ({ id })),
    holdsPlaced: r.holdStatus === 'PLACED' || r.holdStatus === 'RELEASE_PENDING' || r.holdStatus === 'RELEASED',
  };
}

/** A filter's conditions in SQL (overdue: open and past its due date at `now`). */
export function requestFilters(f: FootageRequestFilter, now: Date): Array<SQL | undefined> {
  return [
    f.kind ? eq(requestTable.kind, f.kind) : undefined,
    f.status ? eq(requestTable.status, f.status) : undefined,
    f.municipality ? eq(requestTable.municipality, f.municipality) : undefined,
    f.cameraId ? arrayContains(requestTable.cameraIds, [f.cameraId]) : undefined,
    f.overdue ? and(inArray(requestTable.status, [...OPEN_STATUSES]), lt(requestTable.dueAt, now)) : undefined,
  ];
}

/** The requests an actor filed: same kind of actor and same subject (a citizen and an officer may share a `sub`). */
export const filedBy = (actor: Pick<Actor, 'kind' | 'sub'>) =>
  and(eq(requestTable.requesterKind, actor.kind), eq(requestTable.requesterId, actor.sub))!;

/** A page of the requests the caller may read, newest first: keyset on (filed_at, id). */
export async function requestPage(
  ctx: HubContext,
  filters: Array<SQL | undefined>,
  first?: number | null,
  after?: string | null,
) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, TIME_CURSOR);
  const where = and(requestWhere(ctx.ability), ...filters);
  const keyset = afterTimeCursor(requestTable.filedAt, requestTable.id, cursor, 'desc');
  const rows = await ctx.db
    .select()
    .from(requestTable)
    .where(and(where, keyset))
    .orderBy(desc(requestTable.filedAt), desc(requestTable.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, 0, (r) => [r.filedAt.toISOString(), r.id], toRequest);
  return Object.assign(page, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(requestTable).where(where))[0]!.n,
  });
}

/** One request the ability may read, or undefined (missing and hidden alike). */
export async function findRequest(on: Queryable, ability: Ability, id: string): Promise<RequestRow | undefined> {
  const [row] = await on
    .select()
    .from(requestTable)
    .where(and(eq(requestTable.id, id), requestWhere(ability)));
  return row;
}

/** Lock a request the ability may review, or undefined (missing and hidden alike). */
export async function lockForReview(on: Queryable, ability: Ability, id: string): Promise<RequestRow | undefined> {
  const [row] = await on
    .select()
    .from(requestTable)
    .where(and(eq(requestTable.id, id), requestWhere(ability, 'review')))
    .for('update');
  return row;
}

/** Requests by id, unfiltered: the federation reference loader's read. */
export const requestsByIds = (on: Queryable, ids: string[]) =>
  on.select().from(requestTable).where(inArray(requestTable.id, ids));

/** The replica's cameras among these ids. */
export const camerasByIds = (on: Queryable, ids: string[]) =>
  on.select().from(cameraReplica).where(inArray(cameraReplica.id, ids));

/** A request's steps, oldest first. */
export const historyOf = (on: Queryable, requestId: string) =>
  on.select().from(transitionTable).where(eq(transitionTable.requestId, requestId)).orderBy(asc(transitionTable.seq));

export async function insertRequest(tx: Queryable, row: typeof requestTable.$inferInsert): Promise<RequestRow> {
  const [inserted] = await tx.insert(requestTable).values(row).returning();
  return inserted!;
}

const DATE_FIELDS = [
  'windowStart',
  'windowEnd',
  'filedAt',
  'receivedAt',
  'dueAt',
  'originalDueAt',
  'extendedUntil',
  'holdReleasedAt',
  'updatedAt',
] as const;

/** The row as an event carries it (JSON: times become ISO strings). */
export type RequestPayload = {
  [K in keyof RequestRow]: RequestRow[K] extends Date
    ? string
    : RequestRow[K] extends Date | null
      ? string | null
      : RequestRow[K];
};

/** Back from an event's payload to a row. */
export function fromPayload(p: RequestPayload): RequestRow {
  const row = { ...p } as unknown as Record<string, unknown>;
  for (const k of DATE_FIELDS) row[k] = p[k] == null ? null : new Date(p[k]);
  return row as unknown as RequestRow;
}

/** Any request whose legal hold (placed, not yet released) secures footage of these cameras in this window? */
export async function footageHeld(
  on: Queryable,
  cameraIds: string[],
  windowStart: Date,
  windowEnd: Date,
): Promise<boolean> {
  const rows = await on
    .select({ id: requestTable.id })
    .from(requestTable)
    .where(
      and(
        eq(requestTable.holdStatus, 'PLACED'),
        arrayOverlaps(requestTable.cameraIds, cameraIds),
        lte(requestTable.windowStart, windowEnd),
        gte(requestTable.windowEnd, windowStart),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export interface Change {
  action: string;
  from: string | null;
  actor: Pick<Actor, 'kind' | 'sub'>;
  reason?: string | null;
  at: Date;
}

/** Write the history entry of a change and announce the request's new state (footageRequestChanged). */
export async function recordChange(tx: Queryable, events: Events, row: RequestRow, change: Change): Promise<void> {
  await tx.insert(transitionTable).values({
    requestId: row.id,
    action: change.action,
    fromStatus: change.from,
    toStatus: row.status,
    actorKind: change.actor.kind,
    actorSub: change.actor.sub,
    reason: change.reason ?? null,
    at: change.at,
  });
  await events.publish(tx, FOOTAGE_REQUEST_CHANGED, row);
}

/** Update a locked row and record the change. */
export async function applyChange(
  tx: Queryable,
  events: Events,
  before: RequestRow,
  patch: Partial<RequestRow>,
  change: Omit<Change, 'from'>,
): Promise<RequestRow> {
  const [after] = await tx
    .update(requestTable)
    .set({ ...patch, updatedAt: change.at })
    .where(eq(requestTable.id, before.id))
    .returning();
  await recordChange(tx, events, after!, { ...change, from: before.status });
  return after!;
}

// Reading and changing requests: rows ↔ GraphQL objects, the policy's WHERE, and one way to record a
// change (the row, its history entry and the event, all in the caller's transaction).
import { and, arrayOverlaps, eq, gte, lte, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action, type Actor } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { Events } from '@hub/events';
import type { FootageRequest } from '../schema/types.js';
import { FOOTAGE_REQUEST_CHANGED } from '../schema/topics.js';
import { requestTable, transitionTable } from './schema.js';

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

const DATE_FIELDS = [
  'windowStart',
  'windowEnd',
  'filedAt',
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

// Legal holds asked for by the requests subgraph (durable consumer of its outbox events): approving a
// police or prosecutor footage request secures the recordings of its cameras in its window; closing
// it releases them. Placed and released like placeLegalHold / releaseLegalHold (rows locked,
// statistics, audited) and answered with an event the requests subgraph consumes. Idempotent: the
// hold id is derived from the request, so a replayed event places nothing twice.
import { and, asc, eq, getTableColumns, gte, inArray, lte } from 'drizzle-orm';
import type { AuditLog } from '@hub/audit';
import { abilityFor, type Actor, type ActorKind } from '@hub/auth';
import type { Tx } from '@hub/db';
import {
  HOLD_RELEASE_REQUESTED,
  HOLD_RELEASED,
  HOLD_REQUESTED,
  HOLDS_PLACED,
  type Events,
  type HoldReleaseRequestedPayload as HoldReleaseRequested,
  type HoldRequestedPayload as HoldRequested,
  type TopicEvent,
} from '@hub/events';
import { holdItemTable, holdTable, recordingTable } from './schema.js';
import { placeHold, releaseHold } from './holds.js';
import { grantsOf, recordingAccessColumns, recordingAccessWhere } from './grants.js';

export const REQUEST_HOLD_TOPICS = [HOLD_REQUESTED, HOLD_RELEASE_REQUESTED] as const;
type By = HoldRequested['requestedBy'];

/** One hold per request, so replays and retries find the one already placed. */
export const requestHoldId = (requestId: string) => `request-${requestId}`;

const actorOf = (by: By): Actor => ({ kind: by.kind as ActorKind, sub: by.sub, ...(by.org ? { org: by.org } : {}) });

export function requestHoldHandler(deps: { audit: AuditLog; events: Events }) {
  return async (tx: Tx, e: TopicEvent<(typeof REQUEST_HOLD_TOPICS)[number]>) => {
    if (e.topic === HOLD_REQUESTED) await placeRequestHold(tx, deps, e.payload);
    else await releaseRequestHold(tx, deps, e.payload);
  };
}

export async function placeRequestHold(
  tx: Tx,
  { audit, events }: { audit: AuditLog; events: Events },
  p: HoldRequested,
): Promise<void> {
  const holdId = requestHoldId(p.requestId);
  const [existing] = await tx.select().from(holdTable).where(eq(holdTable.id, holdId));
  if (existing) {
    const items = await tx
      .select({ id: holdItemTable.recordingId })
      .from(holdItemTable)
      .where(eq(holdItemTable.holdId, holdId));
    await events.publish(tx, HOLDS_PLACED, { requestId: p.requestId, holdId, recordingIds: items.map((i) => i.id) });
    return;
  }
  const at = new Date(p.at);
  const by = actorOf(p.requestedBy);
  // lock the rows: a retention batch running now either deleted them already or waits for us
  const found = await tx
    .select({ ...getTableColumns(recordingTable), ...recordingAccessColumns(at) })
    .from(recordingTable)
    .where(
      and(
        inArray(recordingTable.cameraId, p.cameraIds),
        gte(recordingTable.endedAt, new Date(p.windowStart)),
        lte(recordingTable.startedAt, new Date(p.windowEnd)),
        // only what the approver may secure when approving: a third party's footage under a grant (004)
        recordingAccessWhere(abilityFor(by), 'hold', at),
      ),
    )
    .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
    .for('update');
  if (found.length === 0) {
    await events.publish(tx, HOLDS_PLACED, { requestId: p.requestId, holdId: null, recordingIds: [] });
    return;
  }
  const ids = found.map((r) => r.id);
  await placeHold(
    tx,
    audit,
    {
      id: holdId,
      caseReference: p.caseReference,
      reason: p.reason,
      by,
      at,
      recordings: found,
      grants: await grantsOf(tx, found),
    },
    () => events.publish(tx, HOLDS_PLACED, { requestId: p.requestId, holdId, recordingIds: ids }),
  );
}

export async function releaseRequestHold(
  tx: Tx,
  { audit, events }: { audit: AuditLog; events: Events },
  p: HoldReleaseRequested,
): Promise<void> {
  const at = new Date(p.at);
  const [hold] = await tx.select().from(holdTable).where(eq(holdTable.id, p.holdId)).for('update');
  if (!hold) {
    await events.publish(tx, HOLD_RELEASED, { requestId: p.requestId, holdId: p.holdId, recordingIds: [], at: p.at });
    return;
  }
  const items = await tx
    .select({ id: holdItemTable.recordingId })
    .from(holdItemTable)
    .where(eq(holdItemTable.holdId, hold.id));
  const ids = items.map((i) => i.id);
  // released already (by hand, or a replay): nothing to change, the answer is the same
  const releasedAt = hold.releasedAt ?? at;
  await events.publish(tx, HOLD_RELEASED, {
    requestId: p.requestId,
    holdId: hold.id,
    recordingIds: ids,
    at: releasedAt.toISOString(),
  });
  if (hold.releasedAt) return;
  await releaseHold(tx, audit, hold, { by: actorOf(p.requestedBy), reason: p.reason, at });
}

// The footage subgraph's answers about legal holds (durable consumer): the request shows whether its
// footage is secured, which recordings the hold covers, and when it was released. Idempotent: a
// replayed answer changes nothing.
import { eq } from 'drizzle-orm';
import type { Tx } from '@hub/db';
import type { Events, TopicEvent } from '@hub/events';
import type { Clock } from '@hub/subgraph-kit';
import { nextStatus, type RequestStatus } from '../domain/status.js';
import { HOLDS_PLACED, HOLD_RELEASED, type HoldReleasedPayload, type HoldsPlacedPayload } from '../schema/topics.js';
import { applyChange } from './requests.js';
import { requestRecordingTable, requestTable } from './schema.js';

/** The actor recorded for changes the footage subgraph's answers cause. */
const FOOTAGE = { kind: 'police', sub: 'footage-subgraph' } as const;
const CHUNK = 5000;

export function holdAnswers({ events, clock }: { events: Events; clock: Clock }) {
  return async (tx: Tx, e: TopicEvent<typeof HOLDS_PLACED | typeof HOLD_RELEASED>) => {
    if (e.topic === HOLDS_PLACED) await holdsPlaced(tx, events, clock, e.payload);
    else await holdReleased(tx, events, clock, e.payload);
  };
}

async function holdsPlaced(tx: Tx, events: Events, clock: Clock, p: HoldsPlacedPayload) {
  const [row] = await tx.select().from(requestTable).where(eq(requestTable.id, p.requestId)).for('update');
  if (!row || row.holdStatus !== 'PENDING') return; // unknown, or answered already
  const at = clock.now();
  if (p.recordingIds.length === 0 || !p.holdId) {
    // Nothing to secure: the footage of those cameras in that window no longer exists (or never did).
    const expired = nextStatus(row.status as RequestStatus, 'EXPIRE');
    await applyChange(
      tx,
      events,
      row,
      {
        holdStatus: 'NOT_FOUND',
        ...(expired
          ? {
              status: expired,
              decisionReason: 'No footage of these cameras in this window exists any more: nothing could be secured',
            }
          : {}),
      },
      {
        action: expired ? 'EXPIRE' : 'HOLD_NOT_FOUND',
        actor: FOOTAGE,
        reason: 'the footage subgraph found no recordings to hold',
        at,
      },
    );
    return;
  }
  const ids = [...new Set(p.recordingIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .insert(requestRecordingTable)
      .values(ids.slice(i, i + CHUNK).map((recordingId) => ({ requestId: row.id, recordingId })))
      .onConflictDoNothing();
  }
  await applyChange(
    tx,
    events,
    row,
    { holdStatus: 'PLACED', holdId: p.holdId, recordingCount: ids.length },
    {
      action: 'HOLD_PLACED',
      actor: FOOTAGE,
      reason: `legal hold ${p.holdId} secures ${ids.length} recording(s)`,
      at,
    },
  );
}

async function holdReleased(tx: Tx, events: Events, clock: Clock, p: HoldReleasedPayload) {
  const [row] = await tx.select().from(requestTable).where(eq(requestTable.id, p.requestId)).for('update');
  if (!row || row.holdStatus === 'RELEASED') return;
  const at = p.at ? new Date(p.at) : clock.now();
  await applyChange(
    tx,
    events,
    row,
    { holdStatus: 'RELEASED', holdReleasedAt: at },
    {
      action: 'HOLD_RELEASED',
      actor: FOOTAGE,
      reason: `legal hold ${p.holdId} released: its recordings return to normal retention`,
      at,
    },
  );
}

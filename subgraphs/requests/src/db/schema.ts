// Tables of the requests subgraph, in its own Postgres schema `requests`. Cameras and recordings
// belong to other subgraphs: only their ids are kept here (the replica knows a camera's municipality).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { quotaUsageTable } from '@hub/subgraph-kit';

export const requests = pgSchema('requests');
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Replica of the cameras subgraph's cameras, fed by its cameraRegistered events. */
export const cameraReplica = requests.table('cameras', {
  id: text('id').primaryKey(),
  municipality: text('municipality').notNull(),
  areaId: text('area_id'),
  kind: text('kind').notNull(),
  covert: boolean('covert').notNull().default(false),
  /** What the Camera policy conditions on besides covert: a decommissioned camera is out of the public register. */
  status: text('status').notNull().default('ACTIVE'),
});

export const requestTable = requests.table(
  'footage_requests',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    reportNumber: text('report_number'),
    caseReference: text('case_reference'),
    cameraIds: text('camera_ids').array().notNull(),
    /** Of the cameras (one municipality per request): statistics and the municipality's counts. */
    municipality: text('municipality').notNull(),
    windowStart: ts('window_start').notNull(),
    windowEnd: ts('window_end').notNull(),
    place: text('place').notNull(),
    description: text('description').notNull(),
    requester: text('requester').notNull(),
    requesterId: text('requester_id').notNull(),
    /** The filer's actor kind: ownership is kind and subject, never the subject alone: another kind's equal `sub` is someone else. */
    requesterKind: text('requester_kind').notNull(),
    status: text('status').notNull(),
    filedAt: ts('filed_at').notNull(),
    /** HUB (filed through the hub), or LETTER, DESK, EMAIL: received outside it and registered (domain/intake.ts). */
    channel: text('channel').notNull().default('HUB'),
    /** When the controller received it (an access request's month runs from here): filed_at for a HUB request. */
    receivedAt: ts('received_at').notNull(),
    /** The deadline in force (after an extension: the extended one). */
    dueAt: ts('due_at').notNull(),
    /** The deadline at filing (an access request's first month ends here). */
    originalDueAt: ts('original_due_at').notNull(),
    flaggedLate: boolean('flagged_late').notNull().default(false),
    extendedUntil: ts('extended_until'),
    extensionReason: text('extension_reason'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    holdStatus: text('hold_status').notNull().default('NONE'),
    /** The footage subgraph's LegalHold securing this request's recordings. */
    holdId: text('hold_id'),
    recordingCount: integer('recording_count').notNull().default(0),
    holdReleasedAt: ts('hold_released_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // myRequests: keyset on (filed_at, id) per requester
    index('footage_requests_requester').on(t.requesterKind, t.requesterId, t.filedAt, t.id),
    // footageRequests: keyset on (filed_at, id)
    index('footage_requests_filed').on(t.filedAt, t.id),
    // requestStatistics per municipality and period
    index('footage_requests_municipality').on(t.municipality, t.filedAt),
    // overdueAccessRequests: open ones by due date
    index('footage_requests_open_due')
      .on(t.kind, t.dueAt)
      .where(sql`status in ('SUBMITTED', 'IN_REVIEW', 'APPROVED')`),
    // filter by camera, and "is this footage already held" at filing
    index('footage_requests_cameras').using('gin', t.cameraIds),
  ],
);

/** The recordings a request's legal hold secured (ids in the footage subgraph), as it reported them. */
export const requestRecordingTable = requests.table(
  'request_recordings',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requestTable.id),
    recordingId: text('recording_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.recordingId] })],
);

/** Every step of every request: who moved it where, when and why. */
export const transitionTable = requests.table(
  'transitions',
  {
    /** Order of the steps (two may share a millisecond). */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: text('request_id')
      .notNull()
      .references(() => requestTable.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorSub: text('actor_sub').notNull(),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('transitions_request').on(t.requestId, t.seq)],
);

/** Per-actor quota counters (subgraph-kit quota.ts): access requests per citizen per day. */
export const quotaUsage = quotaUsageTable(requests);

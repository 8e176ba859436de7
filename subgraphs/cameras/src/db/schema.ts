// Tables of the cameras subgraph, in its own Postgres schema `cameras`.
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const cameras = pgSchema('cameras');
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export type WatchScheduleJson = {
  description: string;
  continuous: boolean;
  windows: Array<{ days: string[]; from: string; to: string }>;
};
export type DesignationCriteriaJson = {
  societalNeed: string;
  proportionality: string;
  subsidiarity: string;
  measuresPackage: string;
};
export type PrivacyMaskJson = { label: string; polygon: Array<[number, number]> };

/** Municipalities known to the hub (CBS GMxxxx codes, Belgian NIS codes). */
export const municipalityTable = cameras.table('municipalities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
});

export const areaTable = cameras.table(
  'areas',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    watchSchedule: jsonb('watch_schedule').$type<WatchScheduleJson>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('areas_municipality').on(t.municipality, t.id)],
);

export const decisionTable = cameras.table(
  'decisions',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id')
      .notNull()
      .references(() => areaTable.id),
    municipality: text('municipality').notNull(),
    reference: text('reference').notNull(),
    legalBasis: text('legal_basis').notNull(),
    validFrom: ts('valid_from').notNull(),
    validUntil: ts('valid_until').notNull(),
    subGoals: text('sub_goals').array().notNull(),
    signagePlaced: boolean('signage_placed').notNull(),
    residentsInformed: boolean('residents_informed').notNull(),
    published: boolean('published').notNull(),
    decidedBy: text('decided_by').notNull(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The weighing the decision rests on (003 §4.2); required to publish. Null on decisions from before it was recorded. */
    criteria: jsonb('criteria').$type<DesignationCriteriaJson | null>(),
    /** How the effect will be measured (003 §4): required with PREVENTION. */
    effectMeasurement: text('effect_measurement'),
    /** When the residents were informed of the results, after the end (003 §2.3, §4.3). */
    resultsInformedAt: ts('results_informed_at'),
    resultsSummary: text('results_summary'),
  },
  (t) => [index('decisions_area').on(t.areaId, t.validFrom), index('decisions_municipality').on(t.municipality)],
);

export const evaluationTable = cameras.table(
  'evaluations',
  {
    id: text('id').primaryKey(),
    decisionId: text('decision_id')
      .notNull()
      .references(() => decisionTable.id),
    municipality: text('municipality').notNull(),
    evaluatedAt: ts('evaluated_at').notNull(),
    effective: boolean('effective').notNull(),
    conclusion: text('conclusion').notNull(),
    continueSurveillance: boolean('continue_surveillance').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('evaluations_decision').on(t.decisionId, t.evaluatedAt)],
);

export const cameraTable = cameras.table(
  'cameras',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    covert: boolean('covert').notNull().default(false),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    street: text('street').notNull(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    areaId: text('area_id').references(() => areaTable.id),
    status: text('status').notNull(),
    statusChangedAt: ts('status_changed_at').notNull().defaultNow(),
    statusReason: text('status_reason'),
    privacyMasks: jsonb('privacy_masks').$type<PrivacyMaskJson[]>().notNull().default([]),
    watchSchedule: jsonb('watch_schedule').$type<WatchScheduleJson | null>(),
    installedAt: ts('installed_at').notNull().defaultNow(),
    /** Who runs it: the police, the municipality (its enforcement officers' bodycams, 002) or a third party (004). */
    operator: text('operator').notNull().default('POLICE'),
  },
  (t) => [
    index('cameras_municipality').on(t.municipality, t.id),
    index('cameras_area').on(t.areaId, t.id),
    index('cameras_kind').on(t.kind, t.id),
  ],
);

/** History of status changes (who, when, why). */
export const statusEventTable = cameras.table(
  'status_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cameraId: text('camera_id')
      .notNull()
      .references(() => cameraTable.id),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    changedBy: text('changed_by').notNull(),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('status_events_camera').on(t.cameraId, t.changedAt)],
);

/** Observations the police share with a municipality's control room (003 §2.2). */
export const signalTable = cameras.table(
  'signals',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    category: text('category').notNull(),
    description: text('description').notNull(),
    street: text('street'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    cameraId: text('camera_id').references(() => cameraTable.id),
    observedAt: ts('observed_at').notNull(),
    sharedAt: ts('shared_at').notNull(),
    sharedBy: text('shared_by').notNull(),
  },
  (t) => [index('signals_municipality').on(t.municipality, t.sharedAt, t.id)],
);

/**
 * Milestones already announced (designationChanged, dpiaDue): one row per subject, kind and moment,
 * so a scheduler run on any replica announces each once, in the transaction that records it.
 */
export const noticeTable = cameras.table(
  'notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    municipality: text('municipality').notNull(),
    noticedAt: ts('noticed_at').notNull(),
  },
  (t) => [uniqueIndex('notices_once').on(t.subjectType, t.subjectId, t.kind, t.at)],
);

/** DPIA register (003 §2.4, §5.2.4): per municipality, optionally one area and/or one camera type. */
export const dpiaTable = cameras.table(
  'dpias',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    areaId: text('area_id').references(() => areaTable.id),
    cameraKind: text('camera_kind'),
    controller: text('controller').notNull(),
    assessedAt: ts('assessed_at').notNull(),
    outcome: text('outcome').notNull(),
    documentReference: text('document_reference').notNull(),
    nextDueAt: ts('next_due_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('dpias_municipality').on(t.municipality, t.nextDueAt), index('dpias_due').on(t.nextDueAt)],
);

/** Pilots of new camera technology (003 §2.4), each started only under a current DPIA. */
export const pilotTable = cameras.table(
  'pilots',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    name: text('name').notNull(),
    cameraKind: text('camera_kind').notNull(),
    purpose: text('purpose').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    dpiaId: text('dpia_id')
      .notNull()
      .references(() => dpiaTable.id),
    startedBy: text('started_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('pilots_municipality').on(t.municipality, t.startsAt)],
);

/** Who added, changed or removed which privacy mask of a camera, and when (001, 003 §5.2.2, §5.2.3). */
export const maskChangeTable = cameras.table(
  'privacy_mask_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cameraId: text('camera_id')
      .notNull()
      .references(() => cameraTable.id),
    municipality: text('municipality').notNull(),
    covert: boolean('covert').notNull(),
    action: text('action').notNull(),
    label: text('label').notNull(),
    before: jsonb('before').$type<PrivacyMaskJson | null>(),
    after: jsonb('after').$type<PrivacyMaskJson | null>(),
    reason: text('reason'),
    changedByKind: text('changed_by_kind').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('privacy_mask_changes_camera').on(t.cameraId, t.changedAt, t.id)],
);

/** Events an area is watched around (003 §3.3: the stadium only just before, during and after matches). */
export const watchEventTable = cameras.table(
  'watch_events',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id')
      .notNull()
      .references(() => areaTable.id),
    municipality: text('municipality').notNull(),
    name: text('name').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    watchBeforeMinutes: integer('watch_before_minutes').notNull(),
    watchAfterMinutes: integer('watch_after_minutes').notNull(),
    scheduledBy: text('scheduled_by').notNull(),
    createdAt: ts('created_at').notNull(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [index('watch_events_area').on(t.areaId, t.startsAt)],
);

export type ApprovedLocationJson = { label: string; latitude: number; longitude: number; radiusMeters: number };

/**
 * Belgium (004): the municipal council's prior approval of police cameras on the public domain, per new
 * location and per new camera type ("Camera's op nieuwe locaties of het gebruik van een nieuw type ...
 * moeten steeds worden goedgekeurd door de gemeenteraad").
 */
export const councilApprovalTable = cameras.table(
  'council_approvals',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality')
      .notNull()
      .references(() => municipalityTable.code),
    reference: text('reference').notNull(),
    decidedAt: ts('decided_at').notNull(),
    cameraKinds: text('camera_kinds').array().notNull(),
    locations: jsonb('locations').$type<ApprovedLocationJson[]>().notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    index('council_approvals_municipality').on(t.municipality, t.decidedAt),
    uniqueIndex('council_approvals_reference').on(t.municipality, t.reference),
  ],
);

/** Police access to a third party's fixed camera (004), with its scope and period. */
export const accessGrantTable = cameras.table(
  'camera_access_grants',
  {
    id: text('id').primaryKey(),
    cameraId: text('camera_id')
      .notNull()
      .references(() => cameraTable.id),
    municipality: text('municipality').notNull(),
    thirdParty: text('third_party').notNull(),
    scope: text('scope').array().notNull(),
    validFrom: ts('valid_from').notNull(),
    validUntil: ts('valid_until').notNull(),
    reference: text('reference').notNull(),
    grantedBy: text('granted_by').notNull(),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokeReason: text('revoke_reason'),
    /**
     * Its current state was published (accessGrantChanged, in the change's transaction). False only for
     * grants recorded before that event existed: the lifecycle scheduler announces them (db/grant-events.ts).
     */
    announced: boolean('announced').notNull().default(false),
  },
  (t) => [index('camera_access_grants_camera').on(t.cameraId, t.validFrom)],
);

/**
 * The act of watching a camera live (003 §3.2, §3.3; 004): a short session the police open with a
 * purpose, under the rule that allowed it (domain/live-view.ts). The hub streams no video.
 */
export const liveViewSessionTable = cameras.table(
  'live_view_sessions',
  {
    id: text('id').primaryKey(),
    cameraId: text('camera_id')
      .notNull()
      .references(() => cameraTable.id),
    municipality: text('municipality').notNull(),
    purpose: text('purpose').notNull(),
    /** Why it could be watched: the watch rule's reason or the grant. */
    basis: text('basis').notNull(),
    grantId: text('grant_id').references(() => accessGrantTable.id),
    watchEventId: text('watch_event_id').references(() => watchEventTable.id),
    openedBy: text('opened_by').notNull(),
    openedAt: ts('opened_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
  },
  (t) => [
    index('live_view_sessions_camera').on(t.cameraId, t.openedAt),
    index('live_view_sessions_opened').on(t.openedAt),
    index('live_view_sessions_grant').on(t.grantId),
    index('live_view_sessions_event').on(t.watchEventId),
  ],
);

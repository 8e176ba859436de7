// Tables of the footage subgraph, in its own Postgres schema `footage`. The hub keeps metadata;
// the video stays in the police's VMS / object store (storage_ref).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const footage = pgSchema('footage');
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Replica of the cameras subgraph's cameras (id, municipality, area, covert), fed by its cameraRegistered events. */
export const cameraReplica = footage.table('cameras', {
  id: text('id').primaryKey(),
  municipality: text('municipality').notNull(),
  areaId: text('area_id'),
  kind: text('kind').notNull(),
  covert: boolean('covert').notNull().default(false),
  /** POLICE, MUNICIPALITY (the enforcement officers' bodycams, 002) or THIRD_PARTY (004). */
  operator: text('operator').notNull().default('POLICE'),
});

/**
 * Replica of the cameras subgraph's grants of police access to third parties' cameras (004), fed by
 * its accessGrantChanged events: the footage of a THIRD_PARTY camera is served only under one
 * (domain/grants.ts).
 */
export const accessGrantReplica = footage.table(
  'access_grants',
  {
    id: text('id').primaryKey(),
    cameraId: text('camera_id').notNull(),
    municipality: text('municipality').notNull(),
    thirdParty: text('third_party').notNull(),
    /** LIVE_VIEW, RECORDINGS */
    scope: text('scope').array().notNull(),
    validFrom: ts('valid_from').notNull(),
    validUntil: ts('valid_until').notNull(),
    reference: text('reference').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('access_grants_camera').on(t.cameraId, t.validFrom)],
);

export const recordingTable = footage.table(
  'recordings',
  {
    id: text('id').primaryKey(),
    sourceSystem: text('source_system').notNull(),
    sourceId: text('source_id').notNull(),
    cameraId: text('camera_id').notNull(),
    municipality: text('municipality').notNull(),
    areaId: text('area_id'),
    /** From the camera at ingest: a covert camera's recordings stay out of the municipality's statistics. */
    covert: boolean('covert').notNull().default(false),
    kind: text('kind').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    storageRef: text('storage_ref').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    expiresAt: ts('expires_at').notNull(),
    ingestedAt: ts('ingested_at').notNull().defaultNow(),
    /** Waste-container footage marked as showing a violation: kept, the rest deleted within a day (000). */
    violation: boolean('violation').notNull().default(false),
    violationMarkedAt: ts('violation_marked_at'),
    violationMarkedBy: text('violation_marked_by'),
    /** Bodycam: spoken warnings the wearer gave before starting to record (002: always two). */
    spokenWarnings: integer('spoken_warnings'),
    /** Bodycam: why the wearer started recording (002: the pilot counts recordings per purpose). */
    bodycamPurpose: text('bodycam_purpose'),
  },
  (t) => [
    // replays of a source system's batch create nothing new
    uniqueIndex('recordings_source').on(t.sourceSystem, t.sourceId),
    // Camera.recordings(from, to, first, after): keyset on (started_at, id) per camera
    index('recordings_camera_time').on(t.cameraId, t.startedAt, t.id),
    // retention picks the oldest expired first
    index('recordings_expires').on(t.expiresAt),
    // the deletion proof reports the oldest unheld recording left
    index('recordings_ended').on(t.endedAt),
  ],
);

export const holdTable = footage.table(
  'legal_holds',
  {
    id: text('id').primaryKey(),
    caseReference: text('case_reference').notNull(),
    reason: text('reason').notNull(),
    placedBy: text('placed_by').notNull(),
    placedAt: ts('placed_at').notNull(),
    releasedAt: ts('released_at'),
    releasedBy: text('released_by'),
    releaseReason: text('release_reason'),
  },
  (t) => [index('legal_holds_case').on(t.caseReference)],
);

/** Which recordings a hold secures; a recording is held while any of its holds is unreleased. */
export const holdItemTable = footage.table(
  'hold_items',
  {
    holdId: text('hold_id')
      .notNull()
      .references(() => holdTable.id),
    recordingId: text('recording_id').notNull(),
    active: integer('active').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.holdId, t.recordingId] }),
    index('hold_items_active_recording')
      .on(t.recordingId)
      .where(sql`active = 1`),
  ],
);

/** One deletion proof per retention run (003 §5.2.2: the police check that automatic deletion works). */
export const retentionRunTable = footage.table(
  'retention_runs',
  {
    id: text('id').primaryKey(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    deletedCount: integer('deleted_count').notNull(),
    heldBackCount: integer('held_back_count').notNull(),
    deletedDigest: text('deleted_digest').notNull(),
    oldestUnheldAgeSeconds: bigint('oldest_unheld_age_seconds', { mode: 'number' }),
    batches: integer('batches').notNull(),
    triggeredBy: text('triggered_by').notNull(),
  },
  (t) => [index('retention_runs_started').on(t.startedAt)],
);

/** Monthly counters per area for the council report (003 §6.1): no row-level data. */
export const monthlyStatsTable = footage.table(
  'monthly_stats',
  {
    municipality: text('municipality').notNull(),
    areaId: text('area_id').notNull().default(''),
    month: date('month', { mode: 'string' }).notNull(),
    recordings: integer('recordings').notNull().default(0),
    deletions: integer('deletions').notNull().default(0),
    holds: integer('holds').notNull().default(0),
    investigations: integer('investigations').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.municipality, t.areaId, t.month] })],
);

/**
 * The bodycam pilot's figures (002: "aantal gemaakte opnames en met welk doel"): recordings of the
 * municipality's enforcement officers per month and purpose, kept as counts after the footage is gone.
 */
export const bodycamMonthlyTable = footage.table(
  'bodycam_monthly',
  {
    municipality: text('municipality').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    recordings: integer('recordings').notNull().default(0),
    withoutTwoWarnings: integer('without_two_warnings').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.municipality, t.month, t.purpose] })],
);

// Tables of the ANPR subgraph, in its own Postgres schema `anpr`. Plates are never stored in plain
// text: plate_hash (keyed HMAC) for lookups, plate_cipher (AES-256-GCM) for police display.
import { sql } from 'drizzle-orm';
import { DEFAULT_HIT_RETENTION_DAYS } from '../domain/read.js';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { quotaUsageTable } from '@hub/subgraph-kit';

export const anpr = pgSchema('anpr');
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Replica of the cameras subgraph's cameras, fed by its cameraRegistered events. */
export const cameraReplica = anpr.table('cameras', {
  id: text('id').primaryKey(),
  municipality: text('municipality').notNull(),
  areaId: text('area_id'),
  kind: text('kind').notNull(),
  covert: boolean('covert').notNull().default(false),
});

export const readTable = anpr.table(
  'reads',
  {
    id: text('id').notNull(),
    cameraId: text('camera_id').notNull(),
    sourceReadId: text('source_read_id').notNull(),
    observedAt: ts('observed_at').notNull(),
    plateHash: text('plate_hash').notNull(),
    plateCipher: text('plate_cipher').notNull(),
    country: text('country').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    direction: text('direction'),
    lane: smallint('lane'),
    imageRef: text('image_ref'),
    ingestedAt: ts('ingested_at').notNull(),
  },
  (t) => [
    // partitioned by day on observed_at (migration 0001, hand-written): keys include the partition key
    primaryKey({ columns: [t.id, t.observedAt] }),
    // a camera system's replayed batch creates nothing new
    uniqueIndex('reads_source').on(t.cameraId, t.sourceReadId, t.observedAt),
    // plate search: hash + time range
    index('reads_plate_time').on(t.plateHash, t.observedAt, t.id),
    // retention: oldest first. BRIN, not a btree: reads arrive roughly in time order, and a fourth
    // btree to maintain per read cost ingest more than the retention scan it serves gains
    index('reads_observed').using('brin', t.observedAt),
  ],
);

export const hotlistTable = anpr.table('hotlists', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  reason: text('reason').notNull(),
  legalBasis: text('legal_basis').notNull(),
  validUntil: ts('valid_until').notNull(),
  /** How long a hit of this list (and the read it keeps) lives after its observation (domain/read.ts). */
  hitRetentionDays: integer('hit_retention_days').notNull().default(DEFAULT_HIT_RETENTION_DAYS),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const hotlistEntryTable = anpr.table(
  'hotlist_entries',
  {
    id: text('id').primaryKey(),
    hotlistId: text('hotlist_id')
      .notNull()
      .references(() => hotlistTable.id),
    plateHash: text('plate_hash').notNull(),
    plateCipher: text('plate_cipher').notNull(),
    country: text('country').notNull(),
    reason: text('reason').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: ts('added_at').notNull(),
    removedAt: ts('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    index('hotlist_entries_active_plate')
      .on(t.plateHash)
      .where(sql`removed_at is null`),
    index('hotlist_entries_list').on(t.hotlistId),
    // one active entry per plate and country on a list: a second would make every passage two hits
    uniqueIndex('hotlist_entries_one_active')
      .on(t.hotlistId, t.plateHash, t.country)
      .where(sql`removed_at is null`),
  ],
);

export const hitTable = anpr.table(
  'hits',
  {
    id: text('id').primaryKey(),
    readId: text('read_id').notNull(),
    hotlistId: text('hotlist_id').notNull(),
    entryId: text('entry_id').notNull(),
    cameraId: text('camera_id').notNull(),
    observedAt: ts('observed_at').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('hits_read_entry').on(t.readId, t.entryId),
    index('hits_entry').on(t.entryId),
    index('hits_observed').on(t.observedAt),
  ],
);

/** Passages per camera per hour (UTC), kept past read retention: counts only, no plate. */
export const countTable = anpr.table(
  'hourly_counts',
  {
    cameraId: text('camera_id').notNull(),
    municipality: text('municipality').notNull(),
    hourStart: ts('hour_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cameraId, t.hourStart] })],
);

/** One deletion proof per retention run. */
export const retentionRunTable = anpr.table(
  'retention_runs',
  {
    id: text('id').primaryKey(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    cutoff: ts('cutoff').notNull(),
    deletedCount: integer('deleted_count').notNull(),
    keptWithHitCount: integer('kept_with_hit_count').notNull(),
    hitsDeletedCount: integer('hits_deleted_count').notNull().default(0),
    deletedDigest: text('deleted_digest').notNull(),
    batches: integer('batches').notNull(),
    droppedPartitions: integer('dropped_partitions').notNull().default(0),
    triggeredBy: text('triggered_by').notNull(),
  },
  (t) => [index('anpr_retention_runs_started').on(t.startedAt)],
);

/**
 * Reads waiting to be matched against the hotlists: one row per stored batch, written in the batch's
 * transaction and drained after commit by the matcher (db/match.ts). The ingest answer never waits for
 * matching, so its timing cannot tell a source system whether a plate is listed.
 */
export const matchQueueTable = anpr.table(
  'match_queue',
  {
    id: text('id').primaryKey(),
    /** The batch's new reads: [{ i: read id, c: camera id, h: plate hash, n: country, o: observed at }]. */
    reads: json('reads').$type<Array<{ i: string; c: string; h: string; n: string; o: string }>>().notNull(),
    /** When the batch was stored: entries and lists are judged as they were then. */
    ingestedAt: ts('ingested_at').notNull(),
  },
  (t) => [index('match_queue_ingested').on(t.ingestedAt)],
);

/** Per-actor quota counters (subgraph-kit quota.ts): plate searches per officer per day. */
export const quotaUsage = quotaUsageTable(anpr);

// Reading and writing recording metadata: rows ↔ GraphQL objects, the policy's attributes on every row
// (db/grants.ts), filters, the keyset page with its prepared hot path, and ingest's insert.
import { and, asc, count, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { subject, type Ability } from '@hub/auth';
import type { Db, Queryable } from '@hub/db';
import { afterTimeCursor, badInput, toPage, type decodeCursor } from '@hub/subgraph-kit';
import { warningsBeforeRecording } from '../domain/bodycam.js';
import { MAX_SPAN_MS } from '../domain/retention.js';
import type { Recording } from '../schema/types.js';
import { recordingAccessColumns, recordingAccessWhere } from './grants.js';
import { holdItemTable, recordingTable } from './schema.js';

export type RecordingRow = typeof recordingTable.$inferSelect;
export type NewRecording = typeof recordingTable.$inferInsert;
/** A recording row with the policy's attributes (db/grants.ts): its camera's operator and the grant it is used under. */
export type AccessRow = RecordingRow & { operator: string | null; accessGrant: string | null };

/** The recording's columns and the policy's attributes at `at` (a Date, or a placeholder in a prepared query). */
export const withAccess = (at: Parameters<typeof recordingAccessColumns>[0]) => ({
  ...getTableColumns(recordingTable),
  ...recordingAccessColumns(at),
});

export function toRecording(r: RecordingRow | AccessRow): Recording {
  return { ...r, camera: { id: r.cameraId }, warningsBeforeRecording: warningsBeforeRecording(r.spokenWarnings) };
}

/** A time window's conditions: recordings overlapping [from, to]; BAD_USER_INPUT when to is not after from. */
export function timeFilters(f: { from?: Date | null; to?: Date | null }): SQL[] {
  const out: SQL[] = [];
  if (f.from && f.to && f.to.getTime() <= f.from.getTime()) throw badInput('to must be after from');
  if (f.from) {
    out.push(gte(recordingTable.endedAt, f.from));
    // a recording spans at most MAX_SPAN_MS, so this bound lets the (camera, started_at) index
    // start near `from` instead of scanning the camera's whole history
    out.push(gte(recordingTable.startedAt, new Date(f.from.getTime() - MAX_SPAN_MS)));
  }
  if (f.to) out.push(lte(recordingTable.startedAt, f.to));
  return out;
}

/** The recordings of one camera, as a condition for recordingPage. */
export const ofCamera = (cameraId: string) => eq(recordingTable.cameraId, cameraId);
/** The recordings of one kind, as a condition for recordingPage. */
export const ofKind = (kind: string) => eq(recordingTable.kind, kind);
/** One recording, as a condition for recordingPage. */
export const withId = (id: string) => eq(recordingTable.id, id);

/**
 * The hot read — a camera's recordings in a window, first page (`camera(id) { recordings(from, to) }`) —
 * as one prepared query per database: drizzle builds its SQL once, not on every read (building it cost
 * more CPU than PostgreSQL's part of the read). The same WHERE as timeFilters + the camera.
 */
const preparedPages = new WeakMap<Db, ReturnType<typeof prepareCameraPage>>();
const prepareCameraPage = (db: Db) =>
  db
    .select(withAccess(sql.placeholder('at')))
    .from(recordingTable)
    .where(
      and(
        eq(recordingTable.cameraId, sql.placeholder('camera')),
        gte(recordingTable.endedAt, sql.placeholder('from')),
        gte(recordingTable.startedAt, sql.placeholder('since')),
        lte(recordingTable.startedAt, sql.placeholder('to')),
      ),
    )
    .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
    .limit(sql.placeholder('limit'))
    .prepare('footage_camera_page');

/**
 * A page of the recordings the ability may read at `now` among those `filters` select, keyset on
 * (started_at, id). The page size and cursor come checked (pageSize, decodeCursor with TIME_CURSOR).
 */
export async function recordingPage(
  db: Db,
  ability: Ability,
  now: Date,
  filters: SQL[],
  page: { limit: number; cursor: ReturnType<typeof decodeCursor> },
  /** the prepared hot path's values, when `filters` are exactly a camera and a from–to window */
  cameraWindow?: { camera: string; from: Date; to: Date },
) {
  const { limit, cursor } = page;
  // only the rows the policy lets this caller read now: a third party's camera's only under a grant (004)
  const where = and(...filters, recordingAccessWhere(ability, 'read', now));
  let rows: AccessRow[] | undefined;
  if (cameraWindow && !cursor) {
    let prepared = preparedPages.get(db);
    if (!prepared) preparedPages.set(db, (prepared = prepareCameraPage(db)));
    const { camera, from, to } = cameraWindow;
    // ISO text, as drizzle's timestamp columns send a Date (placeholders skip the column's encoder)
    rows = await prepared.execute({
      camera,
      from: from.toISOString(),
      since: new Date(from.getTime() - MAX_SPAN_MS).toISOString(),
      to: to.toISOString(),
      at: now.toISOString(),
      limit: limit + 1,
    });
    // the prepared query cannot carry the caller's policy: a page with a row it refuses is read again below
    if (!rows.every((r) => ability.can('read', subject('Recording', r)))) rows = undefined;
  }
  if (!rows) {
    const keyset = afterTimeCursor(recordingTable.startedAt, recordingTable.id, cursor, 'asc');
    rows = await db
      .select(withAccess(now))
      .from(recordingTable)
      .where(and(where, keyset))
      .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
      .limit(limit + 1);
  }
  // totalCount is resolved only when asked (graphql-js calls function properties)
  return Object.assign(
    toPage(rows, limit, 0, (r) => [r.startedAt.toISOString(), r.id], toRecording),
    { totalCount: async () => (await db.select({ n: count() }).from(recordingTable).where(where))[0]!.n },
  );
}

/** One recording with the policy's attributes at `now`, unfiltered (the caller checks the ability), or undefined. */
export async function findWithAccess(on: Queryable, id: string, now: Date): Promise<AccessRow | undefined> {
  const [found] = await on.select(withAccess(now)).from(recordingTable).where(eq(recordingTable.id, id));
  return found;
}

/** The recordings a hold secures that the ability may read at `now`, by id or by start, at most `limit`. */
export const heldRecordings = (
  on: Queryable,
  holdId: string,
  ability: Ability,
  now: Date,
  { limit, by }: { limit: number; by: 'id' | 'startedAt' },
) =>
  on
    .select(withAccess(now))
    .from(holdItemTable)
    .innerJoin(recordingTable, eq(recordingTable.id, holdItemTable.recordingId))
    .where(and(eq(holdItemTable.holdId, holdId), recordingAccessWhere(ability, 'read', now)))
    .orderBy(asc(by === 'id' ? recordingTable.id : recordingTable.startedAt))
    .limit(limit);

/** Recordings by id with the policy's attributes at `now`, locked FOR UPDATE (the caller checks the ability). */
export const lockWithAccess = (tx: Queryable, ids: string[], now: Date): Promise<AccessRow[]> =>
  tx.select(withAccess(now)).from(recordingTable).where(inArray(recordingTable.id, ids)).for('update');

/** Mark a recording as showing a waste violation, with its new expiry; the row as updated. */
export async function markViolation(
  tx: Queryable,
  id: string,
  mark: { by: string; at: Date; expiresAt: Date },
): Promise<RecordingRow> {
  const [updated] = await tx
    .update(recordingTable)
    .set({ violation: true, violationMarkedAt: mark.at, violationMarkedBy: mark.by, expiresAt: mark.expiresAt })
    .where(eq(recordingTable.id, id))
    .returning();
  return updated!;
}

/** Insert ingested recordings; a (sourceSystem, sourceId) already stored is skipped. The rows inserted. */
export async function insertRecordings(tx: Queryable, rows: NewRecording[]): Promise<RecordingRow[]> {
  if (!rows.length) return [];
  return tx
    .insert(recordingTable)
    .values(rows)
    .onConflictDoNothing({ target: [recordingTable.sourceSystem, recordingTable.sourceId] })
    .returning();
}

// Live-view sessions (domain/live-view.ts): the facts the rule needs, rows ↔ GraphQL objects, the
// policy's WHERE, and ending the sessions whose basis went away (a grant revoked, an event cancelled,
// a camera no longer active).
import { and, asc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { LiveViewFacts } from '../domain/live-view.js';
import { sessionActive } from '../domain/live-view.js';
import type { LiveViewSession } from '../schema/live-view.js';
import { findArea } from './areas.js';
import type { CameraRow } from './cameras.js';
import { accessGrantTable, cameraTable, decisionTable, liveViewSessionTable } from './schema.js';
import { eventsOfArea } from './watching.js';

export type SessionRow = typeof liveViewSessionTable.$inferSelect;

const sessionColumns = { municipality: liveViewSessionTable.municipality };
/** At most this many sessions in one list. */
const MAX_ROWS = 200;
const DAY = 86_400_000;

export const toSession = (r: SessionRow, now: Date): LiveViewSession => ({
  ...r,
  camera: { id: r.cameraId } as LiveViewSession['camera'],
  watchEvent: null,
  active: sessionActive(r, now),
});

/**
 * What the rule looks at for this camera around `at`: its area, decisions, events and grants. Decisions,
 * grants and events are locked FOR SHARE: an ended designation, a revocation or a cancellation (FOR
 * UPDATE) waits for the opening to commit and then ends its session, or commits first and refuses it.
 */
export async function liveViewFacts(on: Queryable, cam: CameraRow, at: Date): Promise<LiveViewFacts> {
  const area = cam.areaId ? await findArea(on, cam.areaId) : undefined;
  const grants = await on.select().from(accessGrantTable).where(eq(accessGrantTable.cameraId, cam.id)).for('share');
  return {
    camera: { status: cam.status, operator: cam.operator, areaId: cam.areaId, watchSchedule: cam.watchSchedule },
    area: area ? { kind: area.kind, watchSchedule: area.watchSchedule } : null,
    decisions: area ? await on.select().from(decisionTable).where(eq(decisionTable.areaId, area.id)).for('share') : [],
    // a session lasts minutes: the events around `at` are the ones that matter
    events: area
      ? await eventsOfArea(on, area.id, new Date(at.getTime() - DAY), new Date(at.getTime() + DAY)).for('share')
      : [],
    grants,
  };
}

export async function insertSession(tx: Queryable, row: typeof liveViewSessionTable.$inferInsert) {
  const [inserted] = await tx.insert(liveViewSessionTable).values(row).returning();
  return inserted!;
}

/** Lock a session the ability may act on, or undefined (missing and hidden alike). */
export async function lockSession(on: Queryable, ability: Ability, id: string): Promise<SessionRow | undefined> {
  const [row] = await on
    .select()
    .from(liveViewSessionTable)
    .where(and(eq(liveViewSessionTable.id, id), accessibleWhere(ability, 'update', 'LiveViewSession', sessionColumns)))
    .for('update');
  return row;
}

export async function closeSession(
  tx: Queryable,
  id: string,
  close: { at: Date; by: string; reason: string },
): Promise<SessionRow> {
  const [row] = await tx
    .update(liveViewSessionTable)
    .set({ closedAt: close.at, closedBy: close.by, closeReason: close.reason })
    .where(eq(liveViewSessionTable.id, id))
    .returning();
  return row!;
}

/** End every running session matching `which` (its basis went away); returns their ids. */
export async function endSessions(
  tx: Queryable,
  which: SQL,
  close: { at: Date; by: string; reason: string },
): Promise<string[]> {
  const rows = await tx
    .update(liveViewSessionTable)
    .set({ closedAt: close.at, closedBy: close.by, closeReason: close.reason })
    .where(and(which, isNull(liveViewSessionTable.closedAt), gt(liveViewSessionTable.expiresAt, close.at)))
    .returning({ id: liveViewSessionTable.id });
  return rows.map((r) => r.id);
}
export const ofGrant = (grantId: string) => eq(liveViewSessionTable.grantId, grantId);
export const ofEvent = (eventId: string) => eq(liveViewSessionTable.watchEventId, eventId);
export const ofCamera = (cameraId: string) => eq(liveViewSessionTable.cameraId, cameraId);
export const inAreaOf = (on: Queryable, areaId: string) =>
  inArray(
    liveViewSessionTable.cameraId,
    on.select({ id: cameraTable.id }).from(cameraTable).where(eq(cameraTable.areaId, areaId)),
  );

/** Sessions the ability may read that overlap [from, to), optionally of one camera, by opening time. */
export async function visibleSessions(
  on: Queryable,
  ability: Ability,
  filter: { cameraId?: string | null; from: Date; to: Date },
): Promise<SessionRow[]> {
  return on
    .select()
    .from(liveViewSessionTable)
    .where(
      and(
        accessibleWhere(ability, 'read', 'LiveViewSession', sessionColumns),
        filter.cameraId ? eq(liveViewSessionTable.cameraId, filter.cameraId) : undefined,
        lt(liveViewSessionTable.openedAt, filter.to),
        // a closed session ended when it was closed (never after it expired)
        or(
          gt(liveViewSessionTable.closedAt, filter.from),
          and(isNull(liveViewSessionTable.closedAt), gt(liveViewSessionTable.expiresAt, filter.from)),
        ),
      ),
    )
    .orderBy(asc(liveViewSessionTable.openedAt), asc(liveViewSessionTable.id))
    .limit(MAX_ROWS);
}

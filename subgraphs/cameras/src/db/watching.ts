// Reading and scheduling watch events (003 §3.3): rows ↔ GraphQL objects, the policy's WHERE.
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { WatchEvent } from '../schema/watching.js';
import { watchEventTable } from './schema.js';

export type EventRow = typeof watchEventTable.$inferSelect;

/** Policy condition fields → columns, for accessibleWhere. */
const eventColumns = { municipality: watchEventTable.municipality };
/** At most this many events in one list. */
const MAX_ROWS = 200;

export const toEvent = (r: EventRow): WatchEvent => ({ ...r, area: null });

/** The events of an area the ability may read overlapping [from, to), by start. */
export async function visibleEvents(
  on: Queryable,
  ability: Ability,
  areaId: string,
  from: Date,
  to: Date,
): Promise<WatchEvent[]> {
  const rows = await on
    .select()
    .from(watchEventTable)
    .where(
      and(
        eq(watchEventTable.areaId, areaId),
        accessibleWhere(ability, 'read', 'WatchEvent', eventColumns),
        lt(watchEventTable.startsAt, to),
        gt(watchEventTable.endsAt, from),
      ),
    )
    .orderBy(asc(watchEventTable.startsAt), asc(watchEventTable.id))
    .limit(MAX_ROWS);
  return rows.map(toEvent);
}

/** Every event of an area (cancelled too) starting before `to` and ending after `from`, unfiltered. */
export const eventsOfArea = (on: Queryable, areaId: string, from: Date, to: Date) =>
  on
    .select()
    .from(watchEventTable)
    .where(and(eq(watchEventTable.areaId, areaId), lt(watchEventTable.startsAt, to), gt(watchEventTable.endsAt, from)));

/** Lock an event the ability may read, or undefined (missing and hidden alike). */
export async function lockEvent(on: Queryable, ability: Ability, id: string): Promise<EventRow | undefined> {
  const [row] = await on
    .select()
    .from(watchEventTable)
    .where(and(eq(watchEventTable.id, id), accessibleWhere(ability, 'read', 'WatchEvent', eventColumns)))
    .for('update');
  return row;
}

export async function insertEvent(tx: Queryable, row: typeof watchEventTable.$inferInsert): Promise<WatchEvent> {
  const [inserted] = await tx.insert(watchEventTable).values(row).returning();
  return toEvent(inserted!);
}

export async function cancelEvent(tx: Queryable, id: string, at: Date): Promise<WatchEvent> {
  const [updated] = await tx
    .update(watchEventTable)
    .set({ cancelledAt: at })
    .where(eq(watchEventTable.id, id))
    .returning();
  return toEvent(updated!);
}

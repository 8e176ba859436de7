// Reading and recording DPIAs and pilots (003 §2.4, §5.2.4): rows ↔ GraphQL objects, the policy's WHERE.
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { isCurrent } from '../domain/dpia.js';
import type { Dpia, Pilot } from '../schema/dpia.js';
import { dpiaTable, pilotTable } from './schema.js';

export type DpiaRow = typeof dpiaTable.$inferSelect;
type PilotRow = typeof pilotTable.$inferSelect;

/** At most this many DPIAs or pilots in one list. */
const MAX_ROWS = 200;
/** Policy condition fields → columns, for accessibleWhere. */
const dpiaColumns = { municipality: dpiaTable.municipality };
const pilotColumns = { municipality: pilotTable.municipality };

export const toDpia = (r: DpiaRow, now: Date): Dpia => ({ ...r, area: null, current: isCurrent(r, now) });
export const toPilot = (r: PilotRow): Pilot => ({ ...r, dpia: null });

/** The DPIA a dpiaDue event carries (JSON: times are ISO strings) back as a row. */
export const fromDuePayload = (r: DpiaRow): DpiaRow => ({
  ...r,
  assessedAt: new Date(r.assessedAt),
  nextDueAt: new Date(r.nextDueAt),
  recordedAt: new Date(r.recordedAt),
});

/** The DPIAs of a municipality (all of them: the caller's permission was checked on the target). */
export async function dpiasOf(on: Queryable, municipality: string): Promise<DpiaRow[]> {
  return on.select().from(dpiaTable).where(eq(dpiaTable.municipality, municipality));
}

/**
 * The DPIAs the ability may read, optionally of one municipality and falling due in (`dueAfter`,
 * `dueBy`], next due first.
 */
export const visibleDpias = (
  on: Queryable,
  ability: Ability,
  { municipality, dueAfter, dueBy }: { municipality?: string; dueAfter?: Date; dueBy?: Date } = {},
) =>
  on
    .select()
    .from(dpiaTable)
    .where(
      and(
        accessibleWhere(ability, 'read', 'Dpia', dpiaColumns),
        municipality ? eq(dpiaTable.municipality, municipality) : undefined,
        dueAfter ? gt(dpiaTable.nextDueAt, dueAfter) : undefined,
        dueBy ? lte(dpiaTable.nextDueAt, dueBy) : undefined,
      ),
    )
    .orderBy(asc(dpiaTable.nextDueAt), asc(dpiaTable.id))
    .limit(MAX_ROWS);

/** One DPIA the ability may read, or undefined. */
export async function findDpia(on: Queryable, ability: Ability, id: string): Promise<DpiaRow | undefined> {
  const [r] = await on
    .select()
    .from(dpiaTable)
    .where(and(eq(dpiaTable.id, id), accessibleWhere(ability, 'read', 'Dpia', dpiaColumns)));
  return r;
}

export async function insertDpia(tx: Queryable, row: typeof dpiaTable.$inferInsert): Promise<DpiaRow> {
  const [inserted] = await tx.insert(dpiaTable).values(row).returning();
  return inserted!;
}

/** The pilots the ability may read, optionally of one municipality, by start. */
export async function visiblePilots(on: Queryable, ability: Ability, municipality?: string): Promise<Pilot[]> {
  const rows = await on
    .select()
    .from(pilotTable)
    .where(
      and(
        accessibleWhere(ability, 'read', 'Pilot', pilotColumns),
        municipality ? eq(pilotTable.municipality, municipality) : undefined,
      ),
    )
    .orderBy(asc(pilotTable.startsAt), asc(pilotTable.id))
    .limit(MAX_ROWS);
  return rows.map(toPilot);
}

export async function insertPilot(tx: Queryable, row: typeof pilotTable.$inferInsert): Promise<Pilot> {
  const [inserted] = await tx.insert(pilotTable).values(row).returning();
  return toPilot(inserted!);
}

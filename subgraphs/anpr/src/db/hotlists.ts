// Reading and changing hotlists and their entries: rows ↔ GraphQL objects, the lists' legal bases for
// the audit purpose, and each change as one statement in the caller's transaction. Audited by the
// resolvers (schema/hotlist.ts).
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import type { HotlistEntry } from '../schema/types.js';
import { hotlistEntryTable, hotlistTable } from './schema.js';

export type HotlistRow = typeof hotlistTable.$inferSelect;
export type HotlistEntryRow = typeof hotlistEntryTable.$inferSelect;

// `plate` is decrypted lazily by the field resolver, which only runs once the policy let the field through.
export function toEntry(e: HotlistEntryRow): HotlistEntry {
  const { plateHash: _hash, ...rest } = e;
  return rest as unknown as HotlistEntry;
}

/** Hotlists newest first, at most 500; expired ones only when asked. */
export const listHotlists = (on: Queryable, now: Date, includeExpired: boolean) =>
  on
    .select()
    .from(hotlistTable)
    .where(includeExpired ? undefined : gt(hotlistTable.validUntil, now))
    .orderBy(desc(hotlistTable.createdAt))
    .limit(500);

/** One hotlist, or undefined; `lock` takes it FOR UPDATE. */
export async function findHotlist(on: Queryable, id: string, { lock = false } = {}): Promise<HotlistRow | undefined> {
  const query = on.select().from(hotlistTable).where(eq(hotlistTable.id, id));
  const [h] = lock ? await query.for('update') : await query;
  return h;
}

/** Hotlists by id: the federation reference loader's read. */
export const hotlistsByIds = (on: Queryable, ids: string[]) =>
  on.select().from(hotlistTable).where(inArray(hotlistTable.id, ids));

/** The audit purpose of reading under each list: `hotlist <id> (<legal basis>)`, by list id. */
export async function listPurposes(on: Queryable, ids: string[]): Promise<(id: string) => string> {
  const lists = await on
    .select({ id: hotlistTable.id, legalBasis: hotlistTable.legalBasis })
    .from(hotlistTable)
    .where(inArray(hotlistTable.id, ids));
  const basis = new Map(lists.map((l) => [l.id, l.legalBasis]));
  return (id) => (basis.has(id) ? `hotlist ${id} (${basis.get(id)})` : `hotlist ${id}`);
}

export async function insertHotlist(tx: Queryable, row: typeof hotlistTable.$inferInsert): Promise<HotlistRow> {
  const [h] = await tx.insert(hotlistTable).values(row).returning();
  return h!;
}

/** Set a list's hit retention; undefined when there is no such list. */
export async function setHitRetention(
  tx: Queryable,
  id: string,
  hitRetentionDays: number,
): Promise<HotlistRow | undefined> {
  const [h] = await tx.update(hotlistTable).set({ hitRetentionDays }).where(eq(hotlistTable.id, id)).returning();
  return h;
}

/** The entries of these lists, active and removed, oldest first. */
export const entriesOfLists = (on: Queryable, hotlistIds: string[]) =>
  on
    .select()
    .from(hotlistEntryTable)
    .where(inArray(hotlistEntryTable.hotlistId, hotlistIds))
    .orderBy(asc(hotlistEntryTable.addedAt), asc(hotlistEntryTable.id));

/** Entries by id, unfiltered: the federation reference loader's read and a hit's entry. */
export const entriesByIds = (on: Queryable, ids: string[]) =>
  on.select().from(hotlistEntryTable).where(inArray(hotlistEntryTable.id, ids));

/** The active entry of this plate (hash and country) on this list, if any. */
export async function activeEntry(
  on: Queryable,
  hotlistId: string,
  plateHash: string,
  country: string,
): Promise<HotlistEntryRow | undefined> {
  const [active] = await on
    .select()
    .from(hotlistEntryTable)
    .where(
      and(
        eq(hotlistEntryTable.hotlistId, hotlistId),
        eq(hotlistEntryTable.plateHash, plateHash),
        eq(hotlistEntryTable.country, country),
        isNull(hotlistEntryTable.removedAt),
      ),
    );
  return active;
}

export async function insertEntry(tx: Queryable, row: typeof hotlistEntryTable.$inferInsert): Promise<HotlistEntryRow> {
  const [e] = await tx.insert(hotlistEntryTable).values(row).returning();
  return e!;
}

/** Mark an active entry removed; undefined when it is missing or was removed already (entryExists tells which). */
export async function removeEntry(
  tx: Queryable,
  id: string,
  by: string,
  at: Date,
): Promise<HotlistEntryRow | undefined> {
  const [e] = await tx
    .update(hotlistEntryTable)
    .set({ removedAt: at, removedBy: by })
    .where(and(eq(hotlistEntryTable.id, id), isNull(hotlistEntryTable.removedAt)))
    .returning();
  return e;
}

export async function entryExists(on: Queryable, id: string): Promise<boolean> {
  const [e] = await on.select({ id: hotlistEntryTable.id }).from(hotlistEntryTable).where(eq(hotlistEntryTable.id, id));
  return !!e;
}

// Reading and writing camera areas: rows ↔ GraphQL objects, the policy's WHERE with the derived
// attribute `designated` (a decision for the area was published), pages.
import { and, asc, count, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { decodeCursor, ID_CURSOR, pageSize, toPage, type HubContext } from '@hub/subgraph-kit';
import type { AreaKind } from '../domain/designation.js';
import type { CameraArea } from '../schema/types.js';
import { areaTable, decisionTable } from './schema.js';

export type AreaRow = typeof areaTable.$inferSelect;

export const toArea = (r: AreaRow & { designated?: boolean }): CameraArea => ({ ...r });

// qualified by hand: drizzle leaves columns unqualified in a one-table select, where "id" would be the decision's
const designated = () =>
  sql`exists (select 1 from ${decisionTable} d where d.area_id = ${areaTable}.id and d.published)`;

/** Policy condition fields of CameraArea → SQL; `designated`: a decision for the area was published. */
export const areaColumns = { municipality: areaTable.municipality, designated: designated() };

/** An area row with `designated`, so the per-row policy checks see what the SQL filter saw. */
export const areaWithDesignated = { ...getTableColumns(areaTable), designated: designated().mapWith(Boolean) };

/** Areas by id that the ability may read (with `designated`). */
export const areasByIds = (on: Queryable, ability: Ability, ids: string[]) =>
  on
    .select(areaWithDesignated)
    .from(areaTable)
    .where(and(inArray(areaTable.id, ids), accessibleWhere(ability, 'read', 'CameraArea', areaColumns)));

/** One area with `designated`, unfiltered: the caller checks it with visibleRow (hidden = missing). */
export async function areaWithDesignation(on: Queryable, id: string) {
  const [area] = await on.select(areaWithDesignated).from(areaTable).where(eq(areaTable.id, id));
  return area;
}

/** One area, unfiltered. */
export async function findArea(on: Queryable, id: string): Promise<AreaRow | undefined> {
  const [area] = await on.select().from(areaTable).where(eq(areaTable.id, id));
  return area;
}

/** The kind of an area (OTHER when unknown). */
export async function areaKindOf(on: Queryable, areaId: string): Promise<AreaKind> {
  const [a] = await on.select({ kind: areaTable.kind }).from(areaTable).where(eq(areaTable.id, areaId));
  return (a?.kind ?? 'OTHER') as AreaKind;
}

/** A page of the areas the caller may read, optionally of one municipality: keyset on id. */
export async function areaPage(
  ctx: HubContext,
  municipality: string | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, ID_CURSOR);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'CameraArea', areaColumns),
    municipality ? eq(areaTable.municipality, municipality) : undefined,
  );
  const rows = await ctx.db
    .select(areaWithDesignated)
    .from(areaTable)
    .where(cursor ? and(where, gt(areaTable.id, String(cursor[0]))) : where)
    .orderBy(asc(areaTable.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, 0, (r) => [r.id], toArea);
  return Object.assign(page, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(areaTable).where(where))[0]!.n,
  });
}

export async function insertArea(tx: Queryable, row: typeof areaTable.$inferInsert): Promise<void> {
  await tx.insert(areaTable).values(row);
}

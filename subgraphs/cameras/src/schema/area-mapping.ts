import { and, getTableColumns, inArray, sql } from 'drizzle-orm';
import { accessibleWhere } from '@hub/auth';
import { createBatchLoader, type HubContext } from '@hub/subgraph-kit';
import { areaTable, decisionTable, type evaluationTable } from '../db/schema.js';
import type { CameraArea, DesignationDecision, Evaluation } from './types.js';

export const toArea = (r: typeof areaTable.$inferSelect & { designated?: boolean }): CameraArea => ({ ...r });
export const toDecision = (r: typeof decisionTable.$inferSelect): DesignationDecision => ({ ...r });
export const toEvaluation = (r: typeof evaluationTable.$inferSelect): Evaluation => ({ ...r });

// qualified by hand: drizzle leaves columns unqualified in a one-table select, where "id" would be the decision's
const designated = () =>
  sql`exists (select 1 from ${decisionTable} d where d.area_id = ${areaTable}.id and d.published)`;

/** Policy condition fields of CameraArea → SQL; `designated`: a decision for the area was published. */
export const areaColumns = { municipality: areaTable.municipality, designated: designated() };

/** An area row with `designated`, so the per-row policy checks see what the SQL filter saw. */
export const areaWithDesignated = { ...getTableColumns(areaTable), designated: designated().mapWith(Boolean) };

/** Areas by id that the caller may read. */
export async function loadAreas(ids: string[], ctx: HubContext) {
  const rows = await ctx.db
    .select(areaWithDesignated)
    .from(areaTable)
    .where(and(inArray(areaTable.id, ids), accessibleWhere(ctx.ability, 'read', 'CameraArea', areaColumns)));
  return rows as unknown as Array<Record<string, unknown>>;
}

/** loadAreas batched per request: a page of cameras or decisions asks once for all their areas. */
export const areaLoader = createBatchLoader(loadAreas);

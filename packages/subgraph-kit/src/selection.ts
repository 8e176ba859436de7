// Selection before policy: an argument that selects rows (an id, a filter, a reference
// to another row) must answer for a row the caller may not see exactly as for a row that does not
// exist. Every lookup and filter goes through one of these, so the policy narrows the rows first and
// the caller's selection works only on what remains.
import { and, eq, inArray, type Column, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { accessibleWhere, subject, type ConditionColumn, type SubjectType } from '@hub/auth';
import type { HubContext } from './context.js';
import { notFound, refused } from './errors.js';

/**
 * A filter on `field` of `type`: refused when the caller may read that field on no row at all (the
 * refusal depends on the caller, never on the rows), else applied only over the rows on which the
 * field is granted, so rows whose field is hidden neither match nor fail to match.
 */
export function fieldFilter(
  ctx: HubContext,
  type: SubjectType,
  field: string,
  columns: Record<string, ConditionColumn>,
  condition: SQL,
): SQL {
  if (!ctx.ability.can('read', type, field)) throw refused(ctx.actor, `filter ${type} by ${field}`);
  return and(condition, accessibleWhere(ctx.ability, 'read', type, columns, field)) as SQL;
}

/** Another subject's rows as a filter names them: the table, its id column and its policy columns. */
export interface Reference {
  type: SubjectType;
  table: PgTable;
  id: PgColumn;
  columns: Record<string, ConditionColumn>;
}

/**
 * `column = value` where `value` names a row of another subject (cameras of an area): only when the
 * caller may read that row. A hidden area filters like an unknown one: nothing matches.
 */
export function referenceFilter(ctx: HubContext, column: Column, value: string, ref: Reference): SQL {
  const visible = ctx.db
    .select({ id: ref.id })
    .from(ref.table)
    .where(and(eq(ref.id, value), accessibleWhere(ctx.ability, 'read', ref.type, ref.columns)));
  return and(eq(column, value), inArray(column, visible)) as SQL;
}

/**
 * One row by id for the caller: NOT_FOUND both when it does not exist and when the caller may not
 * read it, so a later FORBIDDEN (may read, may not change) is only ever said about a row the caller
 * could see anyway. `load` may lock the row (`for update`).
 */
export async function visibleRow<T extends Record<string, unknown>>(
  ctx: HubContext,
  type: SubjectType,
  load: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const row = await load();
  if (!row || !ctx.ability.can('read', subject(type, row))) throw notFound(`No ${what}`);
  return row;
}

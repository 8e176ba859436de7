// The policy as a drizzle WHERE condition, so a list query returns exactly the rows CASL would
// allow one by one. CASL v7 has no rulesToQuery; we walk rulesToAST ourselves (STACK-NOTES).
import { rulesToCondition } from '@casl/ability/extra';
import { and, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Column } from 'drizzle-orm';
import type { Ability, Action, SubjectType } from './policy.js';

type Ast = { operator: string; field?: string; value: unknown };

/**
 * Rows of `type` the ability may perform `action` on, as SQL over `columns` (condition field → column).
 * No matching rule → FALSE (zero rows); an unconditional rule → TRUE.
 * Negations count NULL as "not matching", as CASL's own check does (SQL NOT would drop the row).
 */
export function accessibleWhere(
  ability: Ability,
  action: Action,
  type: SubjectType,
  columns: Record<string, Column | SQL>,
  /** Only rows on which this field is granted (e.g. filtering by a restricted column). */
  field?: string,
): SQL {
  const ast = rulesToCondition(
    ability.rulesFor(action, type, field),
    (rule) => (rule.inverted ? { operator: 'not', value: [rule.ast as Ast] } : (rule.ast as Ast)),
    { and: (value: Ast[]) => ({ operator: 'and', value }), or: (value: Ast[]) => ({ operator: 'or', value }), empty: () => ({ operator: 'and', value: [] }) },
  ) as Ast | null;
  if (!ast) return sql`false`;
  return translate(ast, columns);
}

function translate(node: Ast, columns: Record<string, Column | SQL>): SQL {
  switch (node.operator) {
    case 'and': {
      const parts = (node.value as Ast[]).map((n) => translate(n, columns));
      return parts.length === 0 ? sql`true` : (and(...parts) as SQL);
    }
    case 'or': {
      const parts = (node.value as Ast[]).map((n) => translate(n, columns));
      return parts.length === 0 ? sql`false` : (or(...parts) as SQL);
    }
    case 'not': {
      const inner = (node.value as Ast[]).map((n) => translate(n, columns));
      return sql`not coalesce((${and(...inner)}), false)`;
    }
  }
  const col = columns[node.field ?? ''];
  if (!col) throw new Error(`policy condition on unmapped field ${type(node)}`);
  const v = node.value;
  switch (node.operator) {
    case 'eq':
      return v === null ? isNull(col) : sql`${col} = ${v}`;
    case 'ne':
      return v === null ? isNotNull(col) : sql`${col} is distinct from ${v}`;
    case 'in':
      return (v as unknown[]).length === 0 ? sql`false` : inArray(col as Column, v as unknown[]);
    case 'nin':
      return (v as unknown[]).length === 0 ? sql`true` : sql`not coalesce(${inArray(col as Column, v as unknown[])}, false)`;
    case 'lt':
      return sql`${col} < ${v}`;
    case 'lte':
      return sql`${col} <= ${v}`;
    case 'gt':
      return sql`${col} > ${v}`;
    case 'gte':
      return sql`${col} >= ${v}`;
    case 'exists':
      return v ? isNotNull(col) : isNull(col);
    default:
      throw new Error(`policy operator ${node.operator} has no SQL translation`);
  }
}

function type(node: Ast): string {
  return JSON.stringify(node.field);
}

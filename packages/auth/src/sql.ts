// The policy as a drizzle WHERE condition, so a list query returns exactly the rows CASL would
// allow one by one. CASL v7 has no rulesToQuery; we walk rulesToAST ourselves (STACK-NOTES).
import { rulesToCondition } from '@casl/ability/extra';
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Column } from 'drizzle-orm';
import type { Ability, Action, SubjectType } from './policy.js';

type Ast = { operator: string; field?: string; value: unknown };
/** A condition field's column, or an SQL expression for an attribute derived from other rows (e.g. `designated`). */
export type ConditionColumn = Column | SQL;

/**
 * Rows of `type` the ability may perform `action` on, as SQL over `columns` (condition field → column).
 * No matching rule → FALSE (zero rows); an unconditional rule → TRUE.
 * Negations count NULL as "not matching", as CASL's own check does (SQL NOT would drop the row).
 */
export function accessibleWhere(
  ability: Ability,
  action: Action,
  type: SubjectType,
  columns: Record<string, ConditionColumn>,
  /** Only rows on which this field is granted (e.g. filtering by a restricted column). */
  field?: string,
): SQL {
  const ast = rulesToCondition(
    ability.rulesFor(action, type, field),
    (rule) => (rule.inverted ? { operator: 'not', value: [rule.ast as Ast] } : (rule.ast as Ast)),
    {
      and: (value: Ast[]) => ({ operator: 'and', value }),
      or: (value: Ast[]) => ({ operator: 'or', value }),
      empty: () => ({ operator: 'and', value: [] }),
    },
  ) as Ast | null;
  if (!ast) return sql`false`;
  return translate(ast, columns);
}

function translate(node: Ast, columns: Record<string, ConditionColumn>): SQL {
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
  // an SQL expression goes through the same operators (they take both; the overloads just don't union)
  const col = columns[node.field ?? ''] as Column | undefined;
  if (!col) throw new Error(`policy condition on unmapped field ${type(node)}`);
  const v = node.value;
  switch (node.operator) {
    // drizzle operators bind values through the column's type (a Date on postgres.js, say)
    case 'eq':
      return v === null ? isNull(col) : eq(col, v);
    case 'ne':
      return v === null ? isNotNull(col) : (or(ne(col, v), isNull(col)) as SQL);
    // CASL matches a NULL field against a null in the list; SQL IN never does
    case 'in': {
      const values = (v as unknown[]).filter((x) => x !== null);
      const withNull = values.length < (v as unknown[]).length;
      const parts = [...(values.length ? [inArray(col, values)] : []), ...(withNull ? [isNull(col)] : [])];
      return parts.length === 0 ? sql`false` : (or(...parts) as SQL);
    }
    case 'nin': {
      const values = (v as unknown[]).filter((x) => x !== null);
      const withNull = values.length < (v as unknown[]).length;
      const parts = [
        ...(values.length ? [sql`not coalesce(${inArray(col, values)}, false)`] : []),
        ...(withNull ? [isNotNull(col)] : []),
      ];
      return parts.length === 0 ? sql`true` : (and(...parts) as SQL);
    }
    case 'lt':
      return lt(col, v);
    case 'lte':
      return lte(col, v);
    case 'gt':
      return gt(col, v);
    case 'gte':
      return gte(col, v);
    case 'exists':
      // a mapped column always exists on the row (CASL counts a NULL field as existing)
      return v ? sql`true` : sql`false`;
    default:
      throw new Error(`policy operator ${node.operator} has no SQL translation`);
  }
}

function type(node: Ast): string {
  return JSON.stringify(node.field);
}

// Reading and changing designation decisions and their evaluations: rows ↔ GraphQL objects, the
// policy's WHERE, the decisions in force and expiring.
import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { accessibleWhere, type Ability } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { DesignationDecision, Evaluation } from '../schema/types.js';
import { decisionTable, evaluationTable } from './schema.js';

export type DecisionRow = typeof decisionTable.$inferSelect;

/** At most this many decisions of one area, and evaluations of one decision, are listed. */
const MAX_DECISIONS = 50;
/** At most this many expiring decisions are listed. */
const MAX_EXPIRING = 200;

export const toDecision = (r: DecisionRow): DesignationDecision => ({ ...r });
export const toEvaluation = (r: typeof evaluationTable.$inferSelect): Evaluation => ({ ...r });

/** Policy condition fields → columns, for accessibleWhere. */
const decisionColumns = { municipality: decisionTable.municipality, published: decisionTable.published };
const evaluationColumns = { municipality: evaluationTable.municipality };

const decisionWhere = (ability: Ability) => accessibleWhere(ability, 'read', 'DesignationDecision', decisionColumns);

/** Decisions by id, unfiltered: the federation reference loader's read. */
export const decisionsByIds = (on: Queryable, ids: string[]) =>
  on.select().from(decisionTable).where(inArray(decisionTable.id, ids));

/** One decision the ability may read, or undefined (missing and hidden alike); `lock` takes it FOR UPDATE. */
export async function findDecision(
  on: Queryable,
  ability: Ability,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<DecisionRow | undefined> {
  const query = on
    .select()
    .from(decisionTable)
    .where(and(eq(decisionTable.id, id), decisionWhere(ability)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The decisions of an area the ability may read, newest first. */
export const visibleDecisionsOfArea = (on: Queryable, ability: Ability, areaId: string) =>
  on
    .select()
    .from(decisionTable)
    .where(and(eq(decisionTable.areaId, areaId), decisionWhere(ability)))
    .orderBy(desc(decisionTable.validFrom))
    .limit(MAX_DECISIONS);

/** Every decision of an area, unfiltered; `lock` takes them FOR UPDATE (a new decision is checked against them). */
export async function decisionsOfArea(
  on: Queryable,
  areaId: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<DecisionRow[]> {
  const query = on.select().from(decisionTable).where(eq(decisionTable.areaId, areaId));
  return lock ? await query.for('update') : await query;
}

/** Published decisions the ability may read, in force at `now` and ending before `until`, soonest first. */
export const decisionsExpiring = (
  on: Queryable,
  ability: Ability,
  municipality: string | undefined,
  now: Date,
  until: Date,
) =>
  on
    .select()
    .from(decisionTable)
    .where(
      and(
        decisionWhere(ability),
        municipality ? eq(decisionTable.municipality, municipality) : undefined,
        eq(decisionTable.published, true),
        or(isNull(decisionTable.endedAt), gt(decisionTable.endedAt, now)),
        gt(decisionTable.validUntil, now),
        lte(decisionTable.validUntil, until),
      ),
    )
    .orderBy(asc(decisionTable.validUntil), asc(decisionTable.id))
    .limit(MAX_EXPIRING);

export async function insertDecision(tx: Queryable, row: typeof decisionTable.$inferInsert): Promise<DecisionRow> {
  const [inserted] = await tx.insert(decisionTable).values(row).returning();
  return inserted!;
}

/** Update a (locked) decision. */
export async function updateDecision(tx: Queryable, id: string, patch: Partial<DecisionRow>): Promise<DecisionRow> {
  const [updated] = await tx.update(decisionTable).set(patch).where(eq(decisionTable.id, id)).returning();
  return updated!;
}

/** The time of a decision's last evaluation, if any. */
export async function lastEvaluation(on: Queryable, decisionId: string): Promise<Date | null> {
  const [e] = await on
    .select({ at: evaluationTable.evaluatedAt })
    .from(evaluationTable)
    .where(eq(evaluationTable.decisionId, decisionId))
    .orderBy(desc(evaluationTable.evaluatedAt))
    .limit(1);
  return e?.at ?? null;
}

/** A decision's evaluations the ability may read, newest first. */
export async function evaluationsOf(on: Queryable, ability: Ability, decisionId: string): Promise<Evaluation[]> {
  const rows = await on
    .select()
    .from(evaluationTable)
    .where(
      and(
        eq(evaluationTable.decisionId, decisionId),
        accessibleWhere(ability, 'read', 'Evaluation', evaluationColumns),
      ),
    )
    .orderBy(desc(evaluationTable.evaluatedAt))
    .limit(MAX_DECISIONS);
  return rows.map(toEvaluation);
}

export async function insertEvaluation(tx: Queryable, row: typeof evaluationTable.$inferInsert): Promise<Evaluation> {
  const [inserted] = await tx.insert(evaluationTable).values(row).returning();
  return toEvaluation(inserted!);
}

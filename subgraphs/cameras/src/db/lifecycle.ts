// The lifecycle scheduler: finds the milestones designations have reached (domain/lifecycle.ts) and
// announces each once on designationChanged, recorded in `notices` in the same transaction as the
// event (events only for committed data; a second replica's run inserts nothing and announces nothing).
import { and, desc, eq, notExists, sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { areaTable, decisionTable, evaluationTable, noticeTable } from './schema.js';
import { reachedMilestones, type ChangeKind } from '../domain/lifecycle.js';
import type { AreaKind } from '../domain/designation.js';

export const DESIGNATION_CHANGED = 'cameras.designationChanged';
export type DesignationChangedPayload = { kind: ChangeKind; decision: typeof decisionTable.$inferSelect; at: string; noticedAt: string };

/** One pass over the designations not yet announced as ENDED; returns how many milestones it announced. */
export async function scanDesignations(database: Database, events: Events, now: Date): Promise<number> {
  const open = await database.db
    .select({ d: decisionTable, kind: areaTable.kind })
    .from(decisionTable)
    .innerJoin(areaTable, eq(areaTable.id, decisionTable.areaId))
    .where(
      and(
        eq(decisionTable.published, true),
        notExists(
          database.db
            .select({ one: sql`1` })
            .from(noticeTable)
            .where(and(eq(noticeTable.subjectType, 'DesignationDecision'), eq(noticeTable.subjectId, decisionTable.id), eq(noticeTable.kind, 'ENDED'))),
        ),
      ),
    );
  let announced = 0;
  for (const { d, kind } of open) {
    const [last] = await database.db
      .select({ at: evaluationTable.evaluatedAt })
      .from(evaluationTable)
      .where(eq(evaluationTable.decisionId, d.id))
      .orderBy(desc(evaluationTable.evaluatedAt))
      .limit(1);
    const reached = reachedMilestones(kind as AreaKind, d, last?.at ?? null, now);
    if (reached.length === 0) continue;
    await database.db.transaction(async (tx) => {
      for (const m of reached) {
        const inserted = await tx
          .insert(noticeTable)
          .values({ subjectType: 'DesignationDecision', subjectId: d.id, kind: m.kind, at: m.at, municipality: d.municipality, noticedAt: now })
          .onConflictDoNothing()
          .returning({ id: noticeTable.id });
        if (inserted.length === 0) continue;
        announced++;
        const payload: DesignationChangedPayload = { kind: m.kind, decision: d, at: m.at.toISOString(), noticedAt: now.toISOString() };
        await events.publish(tx, DESIGNATION_CHANGED, payload);
      }
    });
  }
  return announced;
}


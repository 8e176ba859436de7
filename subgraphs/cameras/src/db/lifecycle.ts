// The lifecycle scheduler: finds the milestones designations have reached (domain/lifecycle.ts) and
// announces each once on designationChanged, recorded in `notices` in the same transaction as the
// event (events only for committed data; a second replica's run inserts nothing and announces nothing).
import { and, eq, gt, inArray, lte, max, ne, notExists, sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { areaTable, decisionTable, dpiaTable, evaluationTable, noticeTable } from './schema.js';
import { reachedMilestones } from '../domain/lifecycle.js';
import type { AreaKind } from '../domain/designation.js';
import {
  DESIGNATION_CHANGED,
  DPIA_DUE,
  type DesignationChangedPayload,
  type DpiaDuePayload,
} from '../schema/topics.js';

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
            .where(
              and(
                eq(noticeTable.subjectType, 'DesignationDecision'),
                eq(noticeTable.subjectId, decisionTable.id),
                eq(noticeTable.kind, 'ENDED'),
              ),
            ),
        ),
      ),
    );
  if (open.length === 0) return 0;
  // what was announced already and the last evaluations, in two queries: most runs find nothing new
  const ids = open.map((o) => o.d.id);
  const noticed = new Set(
    (
      await database.db
        .select({ id: noticeTable.subjectId, kind: noticeTable.kind, at: noticeTable.at })
        .from(noticeTable)
        .where(and(eq(noticeTable.subjectType, 'DesignationDecision'), inArray(noticeTable.subjectId, ids)))
    ).map((n) => `${n.id}|${n.kind}|${n.at.getTime()}`),
  );
  const lastEval = new Map(
    (
      await database.db
        .select({ id: evaluationTable.decisionId, at: max(evaluationTable.evaluatedAt) })
        .from(evaluationTable)
        .where(inArray(evaluationTable.decisionId, ids))
        .groupBy(evaluationTable.decisionId)
    ).map((e) => [e.id, e.at]),
  );
  let announced = 0;
  for (const { d, kind } of open) {
    const reached = reachedMilestones(kind as AreaKind, d, lastEval.get(d.id) ?? null, now).filter(
      (m) => !noticed.has(`${d.id}|${m.kind}|${m.at.getTime()}`),
    );
    if (reached.length === 0) continue;
    await database.db.transaction(async (tx) => {
      for (const m of reached) {
        const inserted = await tx
          .insert(noticeTable)
          .values({
            subjectType: 'DesignationDecision',
            subjectId: d.id,
            kind: m.kind,
            at: m.at,
            municipality: d.municipality,
            noticedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: noticeTable.id });
        if (inserted.length === 0) continue;
        announced++;
        const payload: DesignationChangedPayload = {
          kind: m.kind,
          decision: d,
          at: m.at.toISOString(),
          noticedAt: now.toISOString(),
        };
        await events.publish(tx, DESIGNATION_CHANGED, payload);
      }
    });
  }
  return announced;
}

/** "Elke drie jaar ... herijking van de DPIA" (003 §5.2.4): announced when due within 60 days. */
export const DPIA_NOTICE_DAYS = 60;

/** Announce each DPIA once when it falls due within 60 days. */
export async function scanDpias(database: Database, events: Events, now: Date): Promise<number> {
  const due = await database.db
    .select()
    .from(dpiaTable)
    .where(
      and(
        gt(dpiaTable.nextDueAt, now),
        lte(dpiaTable.nextDueAt, new Date(now.getTime() + DPIA_NOTICE_DAYS * 86_400_000)),
        ne(dpiaTable.outcome, 'NOT_ACCEPTABLE'),
      ),
    );
  if (due.length === 0) return 0;
  const noticed = new Set(
    (
      await database.db
        .select({ id: noticeTable.subjectId, at: noticeTable.at })
        .from(noticeTable)
        .where(
          and(
            eq(noticeTable.subjectType, 'Dpia'),
            inArray(
              noticeTable.subjectId,
              due.map((d) => d.id),
            ),
          ),
        )
    ).map((n) => `${n.id}|${n.at.getTime()}`),
  );
  let announced = 0;
  for (const d of due.filter((x) => !noticed.has(`${x.id}|${x.nextDueAt.getTime()}`))) {
    await database.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(noticeTable)
        .values({
          subjectType: 'Dpia',
          subjectId: d.id,
          kind: 'DUE_WITHIN_60_DAYS',
          at: d.nextDueAt,
          municipality: d.municipality,
          noticedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: noticeTable.id });
      if (inserted.length === 0) return;
      announced++;
      await events.publish(tx, DPIA_DUE, { dpia: d } satisfies DpiaDuePayload);
    });
  }
  return announced;
}

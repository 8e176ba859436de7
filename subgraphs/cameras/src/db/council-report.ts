// The council report's figures (003 §6.1) from this subgraph's tables: per area with a published
// decision in force during the half-year, its decisions, sub-goals, watch hours (domain/watching.ts),
// signals shared and evaluations. A covert camera's signals are never counted: the municipality never
// sees a covert camera (packages/auth policy; the root README's actor table).
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import { councilReportAreaId } from '@hub/subgraph-kit';
import { watchHours } from '../domain/watching.js';
import type { CouncilReportArea } from '../schema/council-report.js';
import { areaTable, cameraTable, decisionTable, evaluationTable, signalTable, watchEventTable } from './schema.js';

/** At most this many areas in one report (a city has tens). */
const MAX_AREAS = 500;

/** The rows of a municipality's report for the half-year [from, to), by area name, and all its signals. */
export async function councilReportAreas(
  on: Queryable,
  municipality: string,
  half: string,
  from: Date,
  to: Date,
): Promise<{ areas: CouncilReportArea[]; signalsShared: number }> {
  // published decisions in force at some time in [from, to)
  const decisions = await on
    .select()
    .from(decisionTable)
    .where(
      and(
        eq(decisionTable.municipality, municipality),
        eq(decisionTable.published, true),
        lt(decisionTable.validFrom, to),
        gt(decisionTable.validUntil, from),
        or(isNull(decisionTable.endedAt), gt(decisionTable.endedAt, from)),
      ),
    )
    .orderBy(asc(decisionTable.validFrom));
  const areaIds = [...new Set(decisions.map((d) => d.areaId))].slice(0, MAX_AREAS);
  const areas = areaIds.length
    ? await on
        .select()
        .from(areaTable)
        .where(inArray(areaTable.id, areaIds))
        .orderBy(asc(areaTable.name), asc(areaTable.id))
    : [];
  const decisionIds = decisions.map((d) => d.id);
  const evaluations = decisionIds.length
    ? await on
        .select()
        .from(evaluationTable)
        .where(
          and(
            inArray(evaluationTable.decisionId, decisionIds),
            gte(evaluationTable.evaluatedAt, from),
            lt(evaluationTable.evaluatedAt, to),
          ),
        )
        .orderBy(asc(evaluationTable.evaluatedAt))
    : [];
  const events = areaIds.length
    ? await on
        .select()
        .from(watchEventTable)
        .where(
          and(
            inArray(watchEventTable.areaId, areaIds),
            lt(watchEventTable.startsAt, to),
            gt(watchEventTable.endsAt, new Date(from.getTime() - 86_400_000)),
          ),
        )
    : [];
  // signals from the area's cameras; a covert camera's never (it would be revealed)
  const signalCounts = areaIds.length
    ? await on
        .select({ areaId: cameraTable.areaId, n: count() })
        .from(signalTable)
        .innerJoin(cameraTable, eq(cameraTable.id, signalTable.cameraId))
        .where(
          and(
            eq(signalTable.municipality, municipality),
            gte(signalTable.sharedAt, from),
            lt(signalTable.sharedAt, to),
            eq(cameraTable.covert, false),
            inArray(cameraTable.areaId, areaIds),
          ),
        )
        .groupBy(cameraTable.areaId)
    : [];
  const [total] = await on
    .select({ n: count() })
    .from(signalTable)
    .where(
      and(eq(signalTable.municipality, municipality), gte(signalTable.sharedAt, from), lt(signalTable.sharedAt, to)),
    );

  const rows = areas.map((a): CouncilReportArea => {
    const own = decisions.filter((d) => d.areaId === a.id);
    const inForce = own.map((d) => ({
      from: d.validFrom,
      until: d.endedAt && d.endedAt < d.validUntil ? d.endedAt : d.validUntil,
    }));
    const ref = new Map(own.map((d) => [d.id, d.reference]));
    return {
      id: councilReportAreaId(half, municipality, a.id),
      municipality,
      half,
      areaId: a.id,
      areaName: a.name,
      areaKind: a.kind,
      designations: own.map((d) => ({
        reference: d.reference,
        legalBasis: d.legalBasis,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        endedAt: d.endedAt,
        subGoals: d.subGoals,
      })),
      subGoals: [...new Set(own.flatMap((d) => d.subGoals))],
      watchHours: watchHours(
        a,
        inForce,
        events.filter((e) => e.areaId === a.id),
        from,
        to,
      ),
      signalsShared: signalCounts.find((s) => s.areaId === a.id)?.n ?? 0,
      evaluations: evaluations
        .filter((e) => ref.has(e.decisionId))
        .map((e) => ({
          evaluatedAt: e.evaluatedAt,
          decisionReference: ref.get(e.decisionId)!,
          effective: e.effective,
          conclusion: e.conclusion,
          continueSurveillance: e.continueSurveillance,
        })),
    };
  });
  return { areas: rows, signalsShared: total?.n ?? 0 };
}

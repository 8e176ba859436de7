// The life of a designation after it is filed (003 §2.3, §4, §4.2, §4.3): the weighing it rests on,
// how its effect is measured, the warnings a municipality's dashboard gets, and telling the residents
// the results at the end. Pure rules: time passed in, so tests move the clock.
import { nextEvaluationDue, type AreaKind, type SubGoal } from './designation.js';

const DAY = 86_400_000;

/**
 * The weighing every designation rests on (003 §4.2 "Europese richtlijnen zijn doorslaggevend":
 * maatschappelijke behoefte, proportionaliteit, subsidiariteit; "aanvullende criteria": maatregelen
 * pakket). "Zonder deze afweging gebruiken we de camera niet" (003 §4.2).
 */
export interface DesignationCriteria {
  societalNeed: string;
  proportionality: string;
  subsidiarity: string;
  measuresPackage: string;
}

/**
 * What must be on record before a decision is published: the four criteria (003 §4.2), and where
 * prevention is a sub-goal, how its effect will be measured — "In de gebieden waar preventie het
 * primaire doel is, zal bij de start van de inzet worden beschreven op welke wijze de effecten van
 * de camera-inzet worden gemeten" (003 §4, intro).
 */
export function criteriaProblems(d: {
  criteria: DesignationCriteria | null | undefined;
  effectMeasurement: string | null | undefined;
  subGoals: readonly string[];
}): string[] {
  const out: string[] = [];
  const c = d.criteria;
  const missing = (['societalNeed', 'proportionality', 'subsidiarity', 'measuresPackage'] as const).filter(
    (k) => !c?.[k]?.trim(),
  );
  if (missing.length)
    out.push(`a decision is published only with the weighing on record (003 §4.2): ${missing.join(', ')} missing`);
  if (d.subGoals.includes('PREVENTION' satisfies SubGoal) && !d.effectMeasurement?.trim()) {
    out.push('with PREVENTION as a sub-goal, how the effect will be measured is described at the start (003 §4)');
  }
  return out;
}

/**
 * Residents are told the results once the deployment is over: "bij beëindiging van het
 * cameratoezicht worden geïnformeerd over de resultaten" (003 §2.3), "Na afloop van de inzet worden
 * bewoners ... over de resultaten geïnformeerd" (003 §4.3). Before the end there are no results yet.
 */
export function resultsInformedProblem(
  d: { validUntil: Date; endedAt: Date | null; resultsInformedAt: Date | null; published: boolean },
  at: Date,
): string | null {
  if (!d.published) return 'a draft was never in force: there are no results to share';
  if (d.resultsInformedAt) return 'the residents were already informed of the results';
  const end = d.endedAt ?? d.validUntil;
  if (at.getTime() < end.getTime())
    return 'the residents are informed of the results after the deployment ends (003 §4.3)';
  return null;
}

export const CHANGE_KINDS = [
  'PUBLISHED',
  'EXPIRING_60_DAYS',
  'EXPIRING_30_DAYS',
  'ENDED',
  'EVALUATION_DUE',
  'EVALUATION_OVERDUE',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** How far ahead an evaluation is announced as due: a month, so it can be planned. */
export const EVALUATION_NOTICE_DAYS = 30;

export interface LifecycleDecision {
  published: boolean;
  validFrom: Date;
  validUntil: Date;
  endedAt: Date | null;
}

/**
 * The milestones a decision has reached at `now`, each with the moment it is about (its key: a
 * milestone is announced once per decision, kind and moment). Expiry warnings at 60 and 30 days
 * (the municipality needs time for a new decision, since a period is continued
 * only by a new decision, 003 §3.2); ended (early or at the end of the period); evaluation due
 * within a month and overdue (003 §3: yearly, or at the end of the period).
 */
export function reachedMilestones(
  kind: AreaKind,
  d: LifecycleDecision,
  lastEvaluation: Date | null,
  now: Date,
): Array<{ kind: ChangeKind; at: Date }> {
  if (!d.published) return [];
  const t = now.getTime();
  const out: Array<{ kind: ChangeKind; at: Date }> = [{ kind: 'PUBLISHED', at: d.validFrom }];
  const end = d.endedAt && d.endedAt.getTime() < d.validUntil.getTime() ? d.endedAt : d.validUntil;
  if (t >= end.getTime()) return [...out, { kind: 'ENDED', at: end }];
  // a period shorter than the warning (a short-term deployment of days) gets no expiry warning
  const length = d.validUntil.getTime() - d.validFrom.getTime();
  for (const [k, days] of [
    ['EXPIRING_60_DAYS', 60],
    ['EXPIRING_30_DAYS', 30],
  ] as const) {
    if (length > days * DAY && t >= d.validUntil.getTime() - days * DAY) out.push({ kind: k, at: d.validUntil });
  }
  if (t < d.validFrom.getTime()) return out;
  const due = nextEvaluationDue(kind, d, lastEvaluation);
  if (due) {
    if (t >= due.getTime() - EVALUATION_NOTICE_DAYS * DAY) out.push({ kind: 'EVALUATION_DUE', at: due });
    if (t > due.getTime()) out.push({ kind: 'EVALUATION_OVERDUE', at: due });
  }
  return out;
}

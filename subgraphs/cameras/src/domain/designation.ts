// Designation of camera areas by decision of the mayor (aanwijzingsbesluit), 003 §3–§4.
// Pure rules: no database, time passed in, so tests can move the clock.

export const AREA_KINDS = ['CITY_CENTRE', 'STADIUM', 'NEIGHBOURHOOD', 'SHORT_TERM', 'BUSINESS_PARK', 'OTHER'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const SUB_GOALS = ['PREVENTION', 'INTERVENTION', 'FEELING_OF_SAFETY', 'INVESTIGATION'] as const;
export type SubGoal = (typeof SUB_GOALS)[number];
export type DecisionStatus = 'DRAFT' | 'SCHEDULED' | 'ACTIVE' | 'EXPIRED' | 'ENDED';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Period = { months?: number; years?: number; days?: number };
export interface PeriodRule {
  /** Longest period one decision may cover. */
  max: Period;
  /** Evaluation cadence within the period; null → evaluate at the end of the period. */
  evaluateEvery: Period | null;
  /** How a period continues: only by a new decision, never by stretching this one. */
  renewal: 'NEW_DECISION';
  source: string;
}

export const PERIOD_RULES: Record<AreaKind, PeriodRule> = {
  // "voor de duur van vier jaar aangewezen … evaluatie op cameraniveau vindt jaarlijks plaats" (003 §3.1)
  CITY_CENTRE: { max: { years: 4 }, evaluateEvery: { years: 1 }, renewal: 'NEW_DECISION', source: '003 §3.1' },
  // Galgenwaard: "net als de binnenstad aangewezen voor vier jaar … elk jaar een evaluatie" (003 §3.3)
  STADIUM: { max: { years: 4 }, evaluateEvery: { years: 1 }, renewal: 'NEW_DECISION', source: '003 §3.3' },
  // Neighbourhoods: "aangewezen voor een periode van een half jaar"; continuing needs a new decision (003 §3.2)
  NEIGHBOURHOOD: { max: { months: 6 }, evaluateEvery: null, renewal: 'NEW_DECISION', source: '003 §3.2' },
  // Short-term: "altijd kort (enkele uren tot enkele dagen) en zal na elke inzet worden geëvalueerd" (003 §3.4);
  // "a few days" is taken as at most 7.
  SHORT_TERM: { max: { days: 7 }, evaluateEvery: null, renewal: 'NEW_DECISION', source: '003 §3.4' },
  // Not set by the seeds: treated like the long-running areas (4 years, yearly evaluation), the strictest long rule.
  BUSINESS_PARK: {
    max: { years: 4 },
    evaluateEvery: { years: 1 },
    renewal: 'NEW_DECISION',
    source: 'assumption, see README',
  },
  OTHER: { max: { years: 4 }, evaluateEvery: { years: 1 }, renewal: 'NEW_DECISION', source: 'assumption, see README' },
};

export function addPeriod(d: Date, p: Period): Date {
  const r = new Date(d.getTime());
  if (p.years) r.setUTCFullYear(r.getUTCFullYear() + p.years);
  if (p.months) r.setUTCMonth(r.getUTCMonth() + p.months);
  if (p.days) r.setTime(r.getTime() + p.days * DAY);
  return r;
}

export interface DecisionInput {
  legalBasis: string;
  validFrom: Date;
  validUntil: Date;
  subGoals: SubGoal[];
  /** Filed as published (in force from validFrom): then the publication requirements apply. */
  published?: boolean;
  /** When it is published (now, when filed as published): the period may not start much before. */
  publishedAt?: Date;
  signagePlaced?: boolean;
  residentsInformed?: boolean;
}

/**
 * What must be done before a decision is published and so takes effect (003 §2.3, §4.3): signs
 * placed in the area, and the residents informed by a neighbourhood letter that names the right to
 * object. A short-term deployment against sudden disorder (hours to days, 003 §3.4) cannot wait for
 * a letter: signs only.
 */
export function publicationProblems(
  kind: AreaKind,
  d: { signagePlaced?: boolean; residentsInformed?: boolean },
): string[] {
  const out: string[] = [];
  if (!d.signagePlaced) out.push('a decision is published only once signs are placed in the area (003 §4.3)');
  if (!d.residentsInformed && kind !== 'SHORT_TERM')
    out.push('a decision is published only once the residents are informed (003 §2.3, §4.3)');
  return out;
}

/**
 * A decision takes effect no earlier than its publication: "een besluit treedt niet in werking
 * voordat het is bekendgemaakt" (Awb art. 3:40; 003 §4.3 publication). A period dated from the start
 * of the (local) day it is published is fine; an earlier start would designate an area retroactively.
 */
export function backdatedProblem(validFrom: Date, publishedAt: Date): string | null {
  return validFrom.getTime() < startOfLocalDay(publishedAt).getTime()
    ? 'a decision takes effect only once published (Awb art. 3:40): validFrom may not lie before the day of publication'
    : null;
}

/** Midnight of `at`'s day where the decisions are taken (Europe/Amsterdam; Brussels keeps the same time). */
export function startOfLocalDay(at: Date, timeZone = 'Europe/Amsterdam'): Date {
  const part = (type: string) =>
    Number(
      LOCAL_PARTS(timeZone)
        .formatToParts(at)
        .find((p) => p.type === type)!.value,
    );
  const [y, m, d, h, min, sec] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offset = Date.UTC(y, m - 1, d, h % 24, min, sec) - Math.floor(at.getTime() / 1000) * 1000;
  return new Date(Date.UTC(y, m - 1, d) - offset);
}
const formats = new Map<string, Intl.DateTimeFormat>();
const LOCAL_PARTS = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
};

export interface ExistingDecision {
  id: string;
  validFrom: Date;
  validUntil: Date;
  endedAt: Date | null;
}

export type RuleViolation = { code: 'BAD_USER_INPUT' | 'CONFLICT'; message: string };

/** Everything wrong with a proposed decision for an area of `kind`, given the area's other decisions. */
export function checkDecision(kind: AreaKind, input: DecisionInput, others: ExistingDecision[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const rule = PERIOD_RULES[kind];
  if (!(input.validUntil.getTime() > input.validFrom.getTime())) {
    out.push({ code: 'BAD_USER_INPUT', message: 'validUntil must be after validFrom' });
  } else if (input.validUntil.getTime() > addPeriod(input.validFrom, rule.max).getTime()) {
    out.push({
      code: 'BAD_USER_INPUT',
      message: `a ${kind} designation may last at most ${describe(rule.max)} (${rule.source})`,
    });
  }
  out.push(...checkSubGoals(input.subGoals).map((message) => ({ code: 'BAD_USER_INPUT' as const, message })));
  if (!input.legalBasis.trim()) out.push({ code: 'BAD_USER_INPUT', message: 'legalBasis is required' });
  if (input.published)
    out.push(
      ...publicationProblems(kind, input).map((message) => ({
        code: 'BAD_USER_INPUT' as const,
        message: `${message}: file it unpublished (DRAFT) until then`,
      })),
    );
  const backdated = input.published && input.publishedAt ? backdatedProblem(input.validFrom, input.publishedAt) : null;
  if (backdated) out.push({ code: 'BAD_USER_INPUT', message: backdated });
  // Renewal is a new decision that follows the previous one, never an overlap with it (003 §3.2).
  const clash = others.find((o) => overlaps(input, { from: o.validFrom, until: o.endedAt ?? o.validUntil }));
  if (clash) out.push({ code: 'CONFLICT', message: `the area already has decision ${clash.id} in this period` });
  return out;
}

/** Sub-goals: feeling of safety and investigation are never reasons on their own (003 §4). */
export function checkSubGoals(goals: SubGoal[]): string[] {
  if (goals.length === 0) return ['at least one sub-goal is required'];
  if (!goals.includes('PREVENTION') && !goals.includes('INTERVENTION')) {
    return [
      'FEELING_OF_SAFETY and INVESTIGATION cannot be the only sub-goals; add PREVENTION or INTERVENTION (003 §4)',
    ];
  }
  return [];
}

function overlaps(a: { validFrom: Date; validUntil: Date }, b: { from: Date; until: Date }): boolean {
  return a.validFrom.getTime() < b.until.getTime() && b.from.getTime() < a.validUntil.getTime();
}

/** A decision is in force once published (bekendmaking), within its period, until ended. */
export function decisionStatus(
  d: { published: boolean; validFrom: Date; validUntil: Date; endedAt: Date | null },
  now: Date,
): DecisionStatus {
  if (d.endedAt && d.endedAt.getTime() <= now.getTime()) return 'ENDED';
  if (now.getTime() >= d.validUntil.getTime()) return 'EXPIRED';
  if (!d.published) return 'DRAFT';
  if (now.getTime() < d.validFrom.getTime()) return 'SCHEDULED';
  return 'ACTIVE';
}

/**
 * When the next evaluation is due: yearly after the start or the last evaluation for long areas,
 * at the end of the period for neighbourhoods and short-term deployments (003 §3).
 */
export function nextEvaluationDue(
  kind: AreaKind,
  d: { validFrom: Date; validUntil: Date },
  lastEvaluation: Date | null,
): Date | null {
  const rule = PERIOD_RULES[kind];
  const evaluatedInPeriod = lastEvaluation !== null && lastEvaluation.getTime() >= d.validFrom.getTime();
  if (!rule.evaluateEvery) return evaluatedInPeriod ? null : d.validUntil;
  const due = addPeriod(
    lastEvaluation && lastEvaluation > d.validFrom ? lastEvaluation : d.validFrom,
    rule.evaluateEvery,
  );
  return due.getTime() < d.validUntil.getTime() ? due : d.validUntil;
}

export function evaluationOverdue(
  kind: AreaKind,
  d: { validFrom: Date; validUntil: Date },
  lastEvaluation: Date | null,
  now: Date,
): boolean {
  const due = nextEvaluationDue(kind, d, lastEvaluation);
  return due !== null && now.getTime() > due.getTime();
}

/** End a decision early; ending never lengthens a period. */
export function checkEnd(d: { validFrom: Date; validUntil: Date; endedAt: Date | null }, at: Date): string | null {
  if (d.endedAt) return 'the decision has already ended';
  if (at.getTime() >= d.validUntil.getTime()) return 'the decision has already expired';
  return null;
}

function describe(p: Period): string {
  if (p.years) return `${p.years} years`;
  if (p.months) return `${p.months} months`;
  return `${p.days} days`;
}

// DPIA register (003 §2.4, §5.2.4). Pure rules: time passed in.
//
// Refuse or flag? Decided from the text:
// - A pilot (new technology, small-scale experiment) without a current DPIA is REFUSED (CONFLICT):
//   "Voorafgaand aan elke pilot stellen we een Data Protection Impact Assessment (DPIA) vast, dit is
//   wettelijk verplicht" (003 §2.4), and "Indien er sprake is van gebruik van nieuwe technologie wordt
//   de DPIA opnieuw uitgevoerd" (003 §5.2.4): beforehand, for that technology, without exception.
// - Designating or extending an area, and a short-term deployment, without a current DPIA is FLAGGED
//   (the decision shows `dpiaCurrent: false`, the authority and the municipality see it), not refused:
//   the mayor's DPIA is "gericht op de inzet van cameratoezicht" as a whole, not per decision
//   (003 §5.2.4); its three-yearly renewal is a "herijking" of an unchanged processing, not a new
//   permission; and a short-term deployment against sudden disorder (hours to days, 003 §3.4; the
//   Politiewet, 003 §5.3) cannot wait for an assessment. Refusing would stop public-order measures the
//   mayor is obliged to take (Gemeentewet art. 172) over a paperwork lapse the supervisor can see.

const YEAR_MS = 365.25 * 86_400_000;

/** "Ook als de gegevensverwerking zelf niet verandert is er elke drie jaar sprake van herijking van de DPIA" (003 §5.2.4). */
export const DPIA_RENEWAL_YEARS = 3;
export const DPIA_OUTCOMES = ['ACCEPTABLE', 'ACCEPTABLE_WITH_MEASURES', 'NOT_ACCEPTABLE'] as const;
export type DpiaOutcome = (typeof DPIA_OUTCOMES)[number];
/** Both controllers assess their part: the mayor the deployment, the police chief the images (Wpg art. 4c; 003 §5.2.4). */
export const DPIA_CONTROLLERS = ['MAYOR', 'POLICE_CHIEF'] as const;

export interface DpiaRow {
  municipality: string;
  areaId: string | null;
  cameraKind: string | null;
  assessedAt: Date;
  nextDueAt: Date;
  outcome: string;
}

/** Next due date: at most three years after the assessment; an earlier date may be set. */
export function dpiaNextDue(assessedAt: Date, requested?: Date | null): Date {
  const max = new Date(assessedAt);
  max.setUTCFullYear(max.getUTCFullYear() + DPIA_RENEWAL_YEARS);
  return requested && requested.getTime() < max.getTime() ? requested : max;
}

export function dpiaInputProblems(d: { assessedAt: Date; nextDueAt?: Date | null }, now: Date): string[] {
  const out: string[] = [];
  if (d.assessedAt.getTime() > now.getTime() + 5 * 60_000) out.push('assessedAt cannot be in the future');
  if (now.getTime() - d.assessedAt.getTime() > DPIA_RENEWAL_YEARS * YEAR_MS)
    out.push('an assessment older than three years is no longer current (003 §5.2.4)');
  if (d.nextDueAt && d.nextDueAt.getTime() <= d.assessedAt.getTime()) out.push('nextDueAt must be after assessedAt');
  return out;
}

/** A DPIA in force at `at`: assessed by then, not yet due again, and not concluding the risks are unacceptable. */
export function isCurrent(d: DpiaRow, at: Date): boolean {
  return (
    d.outcome !== 'NOT_ACCEPTABLE' && d.assessedAt.getTime() <= at.getTime() && at.getTime() < d.nextDueAt.getTime()
  );
}

/**
 * A DPIA covers a deployment when it is of the same municipality and either names the area or the
 * camera type, or is the municipality's general assessment of its camera surveillance (neither named).
 */
export function coversDeployment(
  d: DpiaRow,
  target: { municipality: string; areaId?: string | null; cameraKind?: string | null },
): boolean {
  if (d.municipality !== target.municipality) return false;
  if (d.areaId && d.areaId !== target.areaId) return false;
  if (d.cameraKind && target.cameraKind && d.cameraKind !== target.cameraKind) return false;
  return true;
}

/** A pilot needs a DPIA of its own technology (the camera type), assessed before it starts (003 §2.4, §5.2.4). */
export function pilotDpiaProblem(
  dpias: DpiaRow[],
  pilot: { municipality: string; cameraKind: string; startsAt: Date },
): string | null {
  const ok = dpias.some(
    (d) => d.municipality === pilot.municipality && d.cameraKind === pilot.cameraKind && isCurrent(d, pilot.startsAt),
  );
  return ok
    ? null
    : `a pilot with ${pilot.cameraKind} cameras needs a current DPIA for that camera type, assessed before it starts (003 §2.4: "voorafgaand aan elke pilot ... wettelijk verplicht")`;
}

export function pilotPeriodProblem(p: { startsAt: Date; endsAt: Date }): string | null {
  if (p.endsAt.getTime() <= p.startsAt.getTime()) return 'endsAt must be after startsAt';
  return null;
}

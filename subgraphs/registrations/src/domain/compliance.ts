// Compliance of a private camera declaration: what the data-protection authority acts on.
// Pure rules, time passed in.

export type Country = 'NL' | 'BE';
export const COMPLIANCE_FLAGS = [
  'RETENTION_TOO_LONG',
  'PUBLIC_SPACE_WITHOUT_SIGNAGE',
  'CONFIRMATION_OVERDUE',
  'DECLARED_AFTER_FIRST_USE',
] as const;
export type ComplianceFlag = (typeof COMPLIANCE_FLAGS)[number];

/**
 * Longest lawful retention of private camera footage, in days.
 * BE: the camera law (under which 004 has owners declare their cameras, at aangiftecamera.be) allows
 * keeping footage at most one month → 30 days.
 * NL: the data-protection authority's norm is 28 days — the complaint in the field is that one in
 * three private owners keeps footage longer than 28 days. The authority supervises private
 * cameras filming public space (001; 003 appendix, "De controlerende en handhavende bevoegdheid ...
 * ligt bij de Autoriteit Persoonsgegevens").
 */
export const MAX_RETENTION_DAYS: Record<Country, number> = { NL: 28, BE: 30 };

/** Belgian declarations are made before first use and confirmed yearly (004; the Belgian camera law). */
export const CONFIRMATION_INTERVAL_DAYS = 365;
const DAY = 24 * 3_600_000;

/** A declaration confirmed before this moment has lapsed (the SQL filters' side of effectiveStatus). */
export function lapsedBefore(now: Date): Date {
  return new Date(now.getTime() - CONFIRMATION_INTERVAL_DAYS * DAY);
}

export function confirmationDue(confirmedAt: Date): Date {
  return new Date(confirmedAt.getTime() + CONFIRMATION_INTERVAL_DAYS * DAY);
}

/** ACTIVE and DEREGISTERED are stored; an active declaration not confirmed in time has LAPSED. */
export function effectiveStatus(
  r: { status: string; confirmedAt: Date },
  now: Date,
): 'ACTIVE' | 'DEREGISTERED' | 'LAPSED' {
  if (r.status === 'DEREGISTERED') return 'DEREGISTERED';
  return now.getTime() > confirmationDue(r.confirmedAt).getTime() ? 'LAPSED' : 'ACTIVE';
}

/**
 * A deregistration is final: the camera is no longer in use, so its declaration is not changed or
 * confirmed back to life. A camera taken into use again is declared again (before first use, camera
 * law, 004). Null when the change may go ahead, else why not (a state conflict, not bad input).
 */
export function changeRefusal(r: { status: string }, change: 'change' | 'confirm'): string | null {
  if (r.status !== 'DEREGISTERED') return null;
  return `A deregistered camera cannot be ${change === 'change' ? 'changed' : 'confirmed'}; register it again`;
}

// Date of first use. 004: "Gebruik je een eigen camerabewakingssysteem ...? ... [de camerawet]
// bepaalt dat je het gebruik van deze camera's voortaan moet meedelen aan de politiediensten via
// aangiftecamera.be" — the use is declared to the police, so a Belgian declaration states when the
// camera is (or was) first used, and a declaration made after that moment was made too late (declare
// before use). Decision: `firstUseAt` is REQUIRED for a camera in a Belgian municipality (the country
// comes from the municipality, as for MAX_RETENTION_DAYS) — on registering, and on a change that moves
// a declaration into Belgium — and optional in the Netherlands, whose register is voluntary (001, 003:
// no declaration duty, so no "too late" either): only a Belgian declaration is flagged. Declarations
// from before the field existed carry none and are not flagged: nothing says when they were first used.
/** Earliest date of first use we take in: anything earlier is a typing error, not a camera. */
export const FIRST_USE_MIN = new Date('1900-01-01T00:00:00Z');
/**
 * How far ahead a planned first use may lie: one confirmation interval. A declaration is confirmed
 * yearly; one for a camera not used within that year would lapse before the camera is used.
 */
export const FIRST_USE_MAX_AHEAD_DAYS = CONFIRMATION_INTERVAL_DAYS;

/** Why a date of first use cannot be taken in (BAD_USER_INPUT), or null. */
export function firstUseProblem(firstUseAt: Date | null | undefined, country: string, now: Date): string | null {
  if (firstUseAt == null)
    return country === 'BE'
      ? 'firstUseAt is required for a camera in Belgium: its use is declared to the police (004)'
      : null;
  if (Number.isNaN(firstUseAt.getTime())) return 'firstUseAt must be a date';
  if (firstUseAt.getTime() < FIRST_USE_MIN.getTime()) return 'firstUseAt must not be before 1900';
  if (firstUseAt.getTime() > now.getTime() + FIRST_USE_MAX_AHEAD_DAYS * DAY)
    return `firstUseAt may lie at most ${FIRST_USE_MAX_AHEAD_DAYS} days ahead: declare the camera when its use is near`;
  return null;
}

/**
 * A planned date of first use may be moved while it lies ahead; once it has passed it is a fact of the
 * declaration (and of its DECLARED_AFTER_FIRST_USE flag) and stays as declared. Null when the change may
 * go ahead, else why not (a state conflict, not bad input).
 */
export function firstUseChangeRefusal(stored: Date | null, next: Date | null | undefined, now: Date): string | null {
  if (next == null || stored == null) return null; // unchanged, or stated for the first time
  if (next.getTime() === stored.getTime()) return null;
  if (stored.getTime() > now.getTime()) return null;
  return 'The date of first use has passed: it stays as declared';
}

/**
 * A Belgian declaration made after the camera was first used (004: declare before use). One declared
 * ahead of its first use is fine, before that moment and after it.
 */
export const declaredAfterFirstUse = (r: { country: string; firstUseAt: Date | null; registeredAt: Date }): boolean =>
  r.country === 'BE' && r.firstUseAt != null && r.firstUseAt.getTime() < r.registeredAt.getTime();

export function complianceFlags(
  r: {
    country: string;
    retentionDays: number;
    filmsPublicSpace: boolean;
    signage: boolean;
    status: string;
    confirmedAt: Date;
    registeredAt: Date;
    firstUseAt: Date | null;
  },
  now: Date,
): ComplianceFlag[] {
  if (r.status === 'DEREGISTERED') return [];
  const flags: ComplianceFlag[] = [];
  if (r.retentionDays > (MAX_RETENTION_DAYS[r.country as Country] ?? MAX_RETENTION_DAYS.NL))
    flags.push('RETENTION_TOO_LONG');
  if (r.filmsPublicSpace && !r.signage) flags.push('PUBLIC_SPACE_WITHOUT_SIGNAGE');
  if (effectiveStatus(r, now) === 'LAPSED') flags.push('CONFIRMATION_OVERDUE');
  if (declaredAfterFirstUse(r)) flags.push('DECLARED_AFTER_FIRST_USE');
  return flags;
}

// Compliance of a private camera declaration: what the data-protection authority acts on.
// Pure rules, time passed in.

export type Country = 'NL' | 'BE';
export const COMPLIANCE_FLAGS = ['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE', 'CONFIRMATION_OVERDUE'] as const;
export type ComplianceFlag = (typeof COMPLIANCE_FLAGS)[number];

/**
 * Longest lawful retention of private camera footage, in days.
 * BE: declarations under the camera law (004: aangiftecamera.be) allow at most one month → 30 days.
 * NL: the data-protection authority's norm is 28 days — the complaint in the field is that one in
 * three private owners keeps footage longer than 28 days (issue 5, DESIGN §3 private cameras).
 */
export const MAX_RETENTION_DAYS: Record<Country, number> = { NL: 28, BE: 30 };

/** Belgian declarations are made before first use and confirmed yearly (camera law, issue 5). */
export const CONFIRMATION_INTERVAL_DAYS = 365;
const DAY = 24 * 3_600_000;

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
 * law, issue 5). Null when the change may go ahead, else why not (a state conflict, not bad input).
 */
export function changeRefusal(r: { status: string }, change: 'change' | 'confirm'): string | null {
  if (r.status !== 'DEREGISTERED') return null;
  return `A deregistered camera cannot be ${change === 'change' ? 'changed' : 'confirmed'}; register it again`;
}

export function complianceFlags(
  r: {
    country: string;
    retentionDays: number;
    filmsPublicSpace: boolean;
    signage: boolean;
    status: string;
    confirmedAt: Date;
  },
  now: Date,
): ComplianceFlag[] {
  if (r.status === 'DEREGISTERED') return [];
  const flags: ComplianceFlag[] = [];
  if (r.retentionDays > (MAX_RETENTION_DAYS[r.country as Country] ?? MAX_RETENTION_DAYS.NL))
    flags.push('RETENTION_TOO_LONG');
  if (r.filmsPublicSpace && !r.signage) flags.push('PUBLIC_SPACE_WITHOUT_SIGNAGE');
  if (effectiveStatus(r, now) === 'LAPSED') flags.push('CONFIRMATION_OVERDUE');
  return flags;
}

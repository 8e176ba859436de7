// A declaration taken over from an earlier register (the police keep the declarations, 004) keeps
// the date it was made, so its yearly confirmation falls due as it would have (compliance.ts). Pure.

/** A sanity bound on how far back a declaration taken over may date (ten years). */
export const TAKEOVER_MAX_AGE_DAYS = 3650;
const DAY = 24 * 3_600_000;

/** Why `declaredAt` cannot be the date of a declaration taken over now, or null. */
export function declaredAtProblem(declaredAt: Date, now: Date): string | null {
  if (Number.isNaN(declaredAt.getTime())) return 'declaredAt must be a valid time';
  if (declaredAt.getTime() > now.getTime()) return 'declaredAt cannot be in the future';
  if (now.getTime() - declaredAt.getTime() > TAKEOVER_MAX_AGE_DAYS * DAY)
    return `declaredAt may lie at most ${TAKEOVER_MAX_AGE_DAYS} days back`;
  return null;
}

// Signals police operators share with the municipal control room (003 §2.2: "dagelijks gedeeld").
// Pure rule, time passed in.

/** Clock skew accepted on observation times from police systems. */
export const SIGNAL_SKEW_MS = 5 * 60_000;
/**
 * Oldest observation worth sharing. Signals are shared daily; an observation older than the footage
 * retention (28 days, 000/001/003) can no longer be checked against anything, so it is a typo, not a signal.
 */
export const SIGNAL_MAX_AGE_DAYS = 28;

/** Why an observation time is refused, or null. */
export function observedAtProblem(observedAt: Date, now: Date): string | null {
  const t = observedAt.getTime();
  if (t > now.getTime() + SIGNAL_SKEW_MS) return 'observedAt cannot be in the future';
  if (t < now.getTime() - SIGNAL_MAX_AGE_DAYS * 86_400_000)
    return `observedAt is more than ${SIGNAL_MAX_AGE_DAYS} days ago: share observations daily`;
  return null;
}

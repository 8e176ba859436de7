// What anyone may know of automatic deletion (the public transparency page): the police
// check periodically that the 28-day automatic deletion works (003 §5.2.2); the public sees whether
// it does — a count and a date — never a proof's digest, ids or per-run counts. Pure, time passed in.

/**
 * A recording the last retention run should have deleted and did not: it had expired when that
 * run started, it is still stored, and no legal hold keeps it (neither now, nor one released only
 * after the run started: the run rightly kept it then). Recordings that expired after the run wait
 * for the next one (the scheduler runs every 15 minutes): not a failure, so the public figure does
 * not flicker between runs. With no run at all, everything expired by now was missed.
 */
export function missedByLastRun(
  r: { expiresAt: Date; held: boolean; lastHoldReleasedAt: Date | null },
  lastRunStartedAt: Date | null,
  now: Date,
): boolean {
  const cutoff = violationCutoff(lastRunStartedAt, now);
  if (r.held || (r.lastHoldReleasedAt && r.lastHoldReleasedAt.getTime() > cutoff.getTime())) return false;
  return r.expiresAt.getTime() <= cutoff.getTime();
}

/** The moment up to which every unheld expired recording must be gone: the last run's start. */
export const violationCutoff = (lastRunStartedAt: Date | null, now: Date): Date => lastRunStartedAt ?? now;

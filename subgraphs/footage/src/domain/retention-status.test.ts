import { describe, expect, it } from 'vitest';
import { missedByLastRun, violationCutoff } from './retention-status.js';

const DAY = 24 * 3_600_000;
const run = new Date('2026-11-23T12:00:00Z');
const now = new Date(run.getTime() + 10 * 60_000);
const unheld = { held: false, lastHoldReleasedAt: null };
const before = new Date(run.getTime() - DAY);

describe('the public retention figure: recordings the last run missed (003 §5.2.2)', () => {
  it('a recording expired at or before the last run and not held is a violation', () => {
    expect(missedByLastRun({ expiresAt: before, ...unheld }, run, now)).toBe(true);
    expect(missedByLastRun({ expiresAt: run, ...unheld }, run, now)).toBe(true);
  });
  it('one that expired after the last run waits for the next run: not (yet) a violation', () => {
    expect(missedByLastRun({ expiresAt: new Date(run.getTime() + 1), ...unheld }, run, now)).toBe(false);
  });
  it('one a legal hold keeps, or kept when the run started (released since), is no violation', () => {
    expect(missedByLastRun({ expiresAt: before, held: true, lastHoldReleasedAt: null }, run, now)).toBe(false);
    const releasedSince = new Date(run.getTime() + 60_000);
    expect(missedByLastRun({ expiresAt: before, held: false, lastHoldReleasedAt: releasedSince }, run, now)).toBe(
      false,
    );
    // released before the run: the run should have deleted it
    const releasedBefore = new Date(run.getTime() - 60_000);
    expect(missedByLastRun({ expiresAt: before, held: false, lastHoldReleasedAt: releasedBefore }, run, now)).toBe(
      true,
    );
  });
  it('with no run at all, everything expired by now was missed', () => {
    expect(violationCutoff(null, now)).toEqual(now);
    expect(missedByLastRun({ expiresAt: new Date(now.getTime() - 1), ...unheld }, null, now)).toBe(true);
    expect(missedByLastRun({ expiresAt: new Date(now.getTime() + 1), ...unheld }, null, now)).toBe(false);
  });
});

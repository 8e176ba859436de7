import { describe, expect, it } from 'vitest';
import { observedAtProblem } from './signal.js';

describe('signal observation time (003 §2.2)', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('accepts now, a little clock skew ahead, and up to 28 days back', () => {
    expect(observedAtProblem(now, now)).toBeNull();
    expect(observedAtProblem(new Date('2026-11-24T12:04:00Z'), now)).toBeNull();
    expect(observedAtProblem(new Date('2026-10-27T12:00:00Z'), now)).toBeNull();
  });
  it('refuses the future beyond skew and anything older than 28 days', () => {
    expect(observedAtProblem(new Date('2026-11-24T12:06:00Z'), now)).toMatch(/future/);
    expect(observedAtProblem(new Date('2026-10-27T11:59:59Z'), now)).toMatch(/28 days/);
    expect(observedAtProblem(new Date('1900-01-01T00:00:00Z'), now)).toMatch(/28 days/);
  });
});

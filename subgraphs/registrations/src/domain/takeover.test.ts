import { describe, expect, it } from 'vitest';
import { complianceFlags } from './compliance.js';
import { TAKEOVER_MAX_AGE_DAYS, declaredAtProblem } from './takeover.js';

const DAY = 24 * 3_600_000;
const now = new Date('2026-12-03T12:00:00Z');

describe('a declaration taken over from an earlier register keeps its date (004)', () => {
  it('any past date within ten years; never the future', () => {
    expect(declaredAtProblem(new Date(now.getTime() - 400 * DAY), now)).toBeNull();
    expect(declaredAtProblem(now, now)).toBeNull();
    expect(declaredAtProblem(new Date(now.getTime() + 1000), now)).toMatch(/future/);
    expect(declaredAtProblem(new Date(now.getTime() - (TAKEOVER_MAX_AGE_DAYS + 1) * DAY), now)).toMatch(/at most/);
    expect(declaredAtProblem(new Date(Number.NaN), now)).toMatch(/valid/);
  });
  it('one made more than a year ago and never confirmed since has lapsed', () => {
    const r = { country: 'BE', retentionDays: 30, filmsPublicSpace: true, signage: true, status: 'ACTIVE' };
    const declared = (days: number) => {
      const at = new Date(now.getTime() - days * DAY);
      return { ...r, registeredAt: at, confirmedAt: at, firstUseAt: at };
    };
    expect(complianceFlags(declared(400), now)).toEqual(['CONFIRMATION_OVERDUE']);
    expect(complianceFlags(declared(300), now)).toEqual([]);
  });
});

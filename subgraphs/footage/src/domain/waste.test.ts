import { describe, expect, it } from 'vitest';
import {
  LEGAL_MAX_DAYS,
  WASTE_UNMARKED_HOURS,
  expiresAt,
  retentionPolicy,
  rowProblem,
  violationMarkProblem,
} from './retention.js';

const end = new Date('2026-12-01T10:00:00Z');
const policy = retentionPolicy(undefined);

describe('waste-container footage (000): kept only when it shows a violation', () => {
  it('unmarked expires 24 h after its end, marked after the 28-day maximum', () => {
    expect(WASTE_UNMARKED_HOURS).toBe(24);
    expect(expiresAt('WASTE_CONTAINER', end, policy)).toEqual(new Date('2026-12-02T10:00:00Z'));
    expect(expiresAt('WASTE_CONTAINER', end, policy, true)).toEqual(new Date('2026-12-29T10:00:00Z'));
    expect(LEGAL_MAX_DAYS.WASTE_CONTAINER).toBe(28);
    expect(expiresAt('PUBLIC_ORDER', end, policy, true)).toEqual(expiresAt('PUBLIC_ORDER', end, policy));
  });
  it('marking: only waste-container footage, only within its period', () => {
    const r = { kind: 'WASTE_CONTAINER', violation: false, expiresAt: new Date('2026-12-02T10:00:00Z') };
    expect(violationMarkProblem(r, new Date('2026-12-02T09:59:00Z'))).toBeNull();
    expect(violationMarkProblem(r, new Date('2026-12-02T10:00:00Z'))).toMatch(/24-hour/);
    expect(violationMarkProblem({ ...r, kind: 'PUBLIC_ORDER' }, new Date('2026-12-01T11:00:00Z'))).toMatch(
      /only waste-container/,
    );
  });
  it('ingest refuses a violation mark on other kinds and unmarked footage older than a day', () => {
    const row = {
      sourceId: 's',
      cameraId: 'c',
      kind: 'WASTE_CONTAINER' as const,
      startedAt: new Date(end.getTime() - 60_000),
      endedAt: end,
      storageRef: 's3://a/b',
      sha256: 'ab'.repeat(32),
      sizeBytes: 1,
    };
    expect(rowProblem(row, new Date('2026-12-02T11:00:00Z'), policy)).toMatch(/24-hour/);
    expect(rowProblem({ ...row, violation: true }, new Date('2026-12-02T11:00:00Z'), policy)).toBeNull();
    expect(rowProblem({ ...row, kind: 'BODYCAM', violation: true }, new Date('2026-12-01T11:00:00Z'), policy)).toMatch(
      /only waste-container/,
    );
  });
});

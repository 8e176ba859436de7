import { describe, expect, it } from 'vitest';
import { recordingGrant } from './grants.js';

const d = (s: string) => new Date(`2026-${s}Z`);
const grant = (o: Partial<Parameters<typeof recordingGrant>[0][number]> = {}) => ({
  id: 'g-1',
  scope: ['RECORDINGS'],
  validFrom: d('03-01T00:00:00'),
  validUntil: d('04-01T00:00:00'),
  revokedAt: null,
  ...o,
});
const rec = { startedAt: d('03-10T12:00:00'), endedAt: d('03-10T13:00:00') };

describe("a third party's recording is used only under a grant (004)", () => {
  it('not yet valid, valid, expired (moved clock)', () => {
    expect(recordingGrant([grant()], rec, d('02-28T23:59:59'))).toBeNull();
    expect(recordingGrant([grant()], rec, d('03-10T14:00:00'))?.id).toBe('g-1');
    expect(recordingGrant([grant()], rec, d('03-31T23:59:59'))?.id).toBe('g-1');
    expect(recordingGrant([grant()], rec, d('04-01T00:00:00'))).toBeNull();
  });

  it('a revoked grant covers nothing, also what was recorded while it ran', () => {
    expect(recordingGrant([grant({ revokedAt: d('03-20T00:00:00') })], rec, d('03-25T00:00:00'))).toBeNull();
  });

  it('needs the RECORDINGS scope: watching live is not obtaining recordings', () => {
    expect(recordingGrant([grant({ scope: ['LIVE_VIEW'] })], rec, d('03-15T00:00:00'))).toBeNull();
    expect(recordingGrant([grant({ scope: ['LIVE_VIEW', 'RECORDINGS'] })], rec, d('03-15T00:00:00'))?.id).toBe('g-1');
  });

  it("the recording lies within the grant's period, start and end (decision in grants.ts)", () => {
    const at = d('03-15T00:00:00');
    expect(recordingGrant([grant({ validFrom: d('03-10T12:30:00') })], rec, at)).toBeNull();
    expect(recordingGrant([grant({ validFrom: d('03-10T12:00:00') })], rec, at)?.id).toBe('g-1');
    const before = { startedAt: d('02-27T10:00:00'), endedAt: d('02-27T11:00:00') };
    expect(recordingGrant([grant()], before, at)).toBeNull();
    // an earlier grant that covered it but has ended does not carry it into a later one
    const earlier = grant({ id: 'g-0', validFrom: d('02-01T00:00:00'), validUntil: d('03-01T00:00:00') });
    expect(recordingGrant([earlier, grant()], before, at)).toBeNull();
  });

  it('of several covering grants the latest-starting one is named', () => {
    const at = d('03-15T00:00:00');
    const older = grant({ id: 'g-old', validFrom: d('01-01T00:00:00') });
    expect(recordingGrant([older, grant()], rec, at)?.id).toBe('g-1');
  });
});

import { describe, expect, it } from 'vitest';
import {
  approvalCoverage,
  approvalProblems,
  grantActive,
  grantProblems,
  needsCouncilApproval,
  policeAccess,
  type Approval,
} from './belgium.js';

const groenplaats = { latitude: 51.2194, longitude: 4.4012 };
const police = (kind: string, at = groenplaats) => ({ kind, operator: 'POLICE', country: 'BE', ...at });
const approval = (over: Partial<Approval>): Approval => ({
  id: 'a',
  reference: 'GR 1',
  decidedAt: new Date('2026-01-10T00:00:00Z'),
  cameraKinds: [],
  locations: [],
  ...over,
});
const types = approval({ id: 't', cameraKinds: ['FIXED', 'BODYCAM'] });
const place = approval({ id: 'l', locations: [{ label: 'Groenplaats', ...groenplaats, radiusMeters: 100 }] });
const after = new Date('2026-02-01T00:00:00Z');

describe('council approval of police cameras (004)', () => {
  it('applies to Belgian police cameras on the public domain only', () => {
    expect(needsCouncilApproval(police('FIXED'))).toBe(true);
    expect(needsCouncilApproval({ ...police('FIXED'), country: 'NL' })).toBe(false);
    expect(needsCouncilApproval({ ...police('FIXED'), operator: 'THIRD_PARTY' })).toBe(false);
    expect(needsCouncilApproval(police('BUILDING'))).toBe(false);
  });

  it('a fixed camera needs its type and its location approved', () => {
    expect(approvalCoverage(police('FIXED'), [], after)).toMatchObject({
      covered: false,
      reason: expect.stringMatching(/type FIXED/),
    });
    expect(approvalCoverage(police('FIXED'), [types], after)).toMatchObject({
      covered: false,
      reason: expect.stringMatching(/location/),
    });
    expect(approvalCoverage(police('FIXED'), [types, place], after)).toMatchObject({
      covered: true,
      type: types,
      location: place,
    });
    // 400 m away: a new location
    expect(
      approvalCoverage(police('FIXED', { latitude: 51.223, longitude: 4.4012 }), [types, place], after),
    ).toMatchObject({ covered: false });
  });

  it('a type used on the whole territory needs only the type (bodycams, combis)', () => {
    expect(approvalCoverage(police('BODYCAM', { latitude: 51.25, longitude: 4.45 }), [types], after)).toMatchObject({
      covered: true,
      location: null,
    });
    expect(approvalCoverage(police('MOBILE_VEHICLE'), [types, place], after)).toMatchObject({ covered: false });
  });

  it('counts only decisions taken by then (moved clock)', () => {
    const before = new Date('2026-01-09T23:59:59Z');
    expect(approvalCoverage(police('FIXED'), [types, place], before)).toMatchObject({ covered: false });
    expect(approvalCoverage(police('FIXED'), [types, place], new Date('2026-01-10T00:00:00Z'))).toMatchObject({
      covered: true,
    });
  });

  it('an approval is recorded once decided, with types or locations of a bounded radius', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(approvalProblems({ reference: 'GR 1', decidedAt: now, cameraKinds: ['FIXED'], locations: [] }, now)).toEqual(
      [],
    );
    expect(
      approvalProblems(
        { reference: 'GR 1', decidedAt: new Date(now.getTime() + 1), cameraKinds: ['FIXED'], locations: [] },
        now,
      ),
    ).toEqual([expect.stringMatching(/future/)]);
    expect(approvalProblems({ reference: ' ', decidedAt: now, cameraKinds: [], locations: [] }, now)).toHaveLength(2);
    expect(
      approvalProblems(
        {
          reference: 'x',
          decidedAt: now,
          cameraKinds: [],
          locations: [{ label: 'x', ...groenplaats, radiusMeters: 5000 }],
        },
        now,
      ),
    ).toEqual([expect.stringMatching(/radius/)]);
  });
});

describe("police access to third parties' cameras (004)", () => {
  const g = {
    scope: ['LIVE_VIEW'],
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: new Date('2027-01-01T00:00:00Z'),
    revokedAt: null,
  };

  it('a grant holds within its period and scope, until revoked (moved clock)', () => {
    expect(policeAccess([g], 'LIVE_VIEW', new Date('2025-12-31T23:59:59Z'))).toBe(false);
    expect(policeAccess([g], 'LIVE_VIEW', new Date('2026-06-01T00:00:00Z'))).toBe(true);
    expect(policeAccess([g], 'RECORDINGS', new Date('2026-06-01T00:00:00Z'))).toBe(false);
    expect(policeAccess([g], 'LIVE_VIEW', new Date('2027-01-01T00:00:00Z'))).toBe(false);
    expect(grantActive({ ...g, revokedAt: new Date('2026-03-01T00:00:00Z') }, new Date('2026-06-01T00:00:00Z'))).toBe(
      false,
    );
  });

  it("is for a third party's camera, ends, and at most after five years", () => {
    const input = { ...g, thirdParty: 'De Lijn', reference: 'protocol 12' };
    expect(grantProblems(input, { operator: 'THIRD_PARTY' })).toEqual([]);
    expect(grantProblems(input, { operator: 'POLICE' })).toEqual([expect.stringMatching(/third party/)]);
    expect(
      grantProblems({ ...input, validUntil: new Date('2031-01-01T00:00:01Z') }, { operator: 'THIRD_PARTY' }),
    ).toEqual([expect.stringMatching(/5 years/)]);
    expect(grantProblems({ ...input, scope: [] }, { operator: 'THIRD_PARTY' })).toEqual([
      expect.stringMatching(/scope/),
    ]);
  });
});

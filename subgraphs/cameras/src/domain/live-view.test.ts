import { describe, expect, it } from 'vitest';
import { liveViewSession, MAX_SESSION_MINUTES, sessionActive, type LiveViewFacts } from './live-view.js';

const d = (iso: string) => new Date(iso);
const MIN = 60_000;
const designation = { published: true, validFrom: d('2023-01-01'), validUntil: d('2027-01-01'), endedAt: null };
const match = {
  id: 'm1',
  name: 'FC Utrecht - Ajax',
  startsAt: d('2026-11-22T13:30:00Z'),
  endsAt: d('2026-11-22T15:30:00Z'),
  watchBeforeMinutes: 120,
  watchAfterMinutes: 60,
  cancelledAt: null,
};
const stadium: LiveViewFacts = {
  camera: { status: 'ACTIVE', operator: 'POLICE', areaId: 'stadium', watchSchedule: null },
  area: { kind: 'STADIUM', watchSchedule: { continuous: false, windows: [] } },
  decisions: [designation],
  events: [match],
  grants: [],
};
const grant = {
  id: 'g1',
  reference: 'protocol 2026/1',
  scope: ['LIVE_VIEW'],
  validFrom: d('2026-11-01T00:00:00Z'),
  validUntil: d('2026-12-01T00:00:00Z'),
  revokedAt: null,
};
const thirdParty: LiveViewFacts = {
  camera: { status: 'ACTIVE', operator: 'THIRD_PARTY', areaId: null, watchSchedule: null },
  area: null,
  decisions: [],
  events: [],
  grants: [grant],
};

describe('live-view sessions (003 §3.2, §3.3, §4.3; 004)', () => {
  it('the stadium only around a match; a session ends with the window, at most 15 minutes', () => {
    expect(liveViewSession(stadium, d('2026-11-22T11:29:00Z'))).toEqual({
      allowed: false,
      reason: expect.stringMatching(/003 §3.3/),
    });
    expect(liveViewSession(stadium, d('2026-11-22T11:30:00Z'))).toEqual({
      allowed: true,
      basis: expect.stringMatching(/FC Utrecht/),
      expiresAt: d(`2026-11-22T11:${30 + MAX_SESSION_MINUTES}:00Z`),
      grant: null,
      eventId: 'm1',
    });
    // ten minutes before the window closes (16:30): the session ends with it
    const late = liveViewSession(stadium, d('2026-11-22T16:20:30Z'));
    expect(late).toMatchObject({ allowed: true, expiresAt: d('2026-11-22T16:30:00Z') });
  });

  it('weekly watch times end a session at the window’s last minute (local time)', () => {
    const west: LiveViewFacts = {
      ...stadium,
      area: {
        kind: 'NEIGHBOURHOOD',
        watchSchedule: { continuous: false, windows: [{ days: ['FRI'], from: '20:00', to: '04:00' }] },
      },
      events: [],
    };
    // Sat 03:50 CET = 02:50Z: the Friday-night window ends at 04:00 CET
    expect(liveViewSession(west, d('2026-11-21T02:50:00Z'))).toMatchObject({
      allowed: true,
      expiresAt: d('2026-11-21T03:00:00Z'),
    });
    expect(liveViewSession(west, d('2026-11-21T03:00:00Z'))).toMatchObject({ allowed: false });
    // the camera's own schedule comes before its area's
    const own = { ...west, camera: { ...west.camera, watchSchedule: { continuous: true, windows: [] } } };
    expect(liveViewSession(own, d('2026-11-21T03:00:00Z'))).toMatchObject({ allowed: true });
  });

  it('no designation in force, no area, not active: refused with the reason', () => {
    const at = d('2026-11-22T14:00:00Z');
    expect(liveViewSession({ ...stadium, decisions: [] }, at)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no published designation/),
    });
    // the designation ends within the session: the session ends with it
    const ending = { ...designation, validUntil: d('2026-11-22T14:05:00Z') };
    expect(liveViewSession({ ...stadium, decisions: [ending] }, at)).toMatchObject({
      expiresAt: d('2026-11-22T14:05:00Z'),
    });
    expect(liveViewSession({ ...stadium, area: null }, at)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no camera area/),
    });
    expect(liveViewSession({ ...stadium, camera: { ...stadium.camera, status: 'OFFLINE' } }, at)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/OFFLINE/),
    });
  });

  it("a third party's camera only under an active LIVE_VIEW grant, never past its end (004)", () => {
    expect(liveViewSession(thirdParty, d('2026-11-15T12:00:00Z'))).toEqual({
      allowed: true,
      basis: expect.stringMatching(/protocol 2026\/1/),
      expiresAt: d('2026-11-15T12:15:00Z'),
      grant: { id: 'g1', reference: 'protocol 2026/1' },
      eventId: null,
    });
    expect(liveViewSession(thirdParty, d('2026-11-30T23:50:00.500Z'))).toMatchObject({
      expiresAt: d('2026-12-01T00:00:00Z'),
    });
    for (const at of ['2026-10-31T23:59:00Z', '2026-12-01T00:00:00Z'])
      expect(liveViewSession(thirdParty, d(at))).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/004/),
      });
    const recordingsOnly = { ...thirdParty, grants: [{ ...grant, scope: ['RECORDINGS'] }] };
    expect(liveViewSession(recordingsOnly, d('2026-11-15T12:00:00Z')).allowed).toBe(false);
    const revoked = { ...thirdParty, grants: [{ ...grant, revokedAt: d('2026-11-10T00:00:00Z') }] };
    expect(liveViewSession(revoked, d('2026-11-15T12:00:00Z')).allowed).toBe(false);
  });

  it('a session runs until closed or expired', () => {
    const s = { closedAt: null, expiresAt: d('2026-11-15T12:15:00Z') };
    expect(sessionActive(s, new Date(s.expiresAt.getTime() - MIN))).toBe(true);
    expect(sessionActive(s, s.expiresAt)).toBe(false);
    expect(sessionActive({ ...s, closedAt: d('2026-11-15T12:01:00Z') }, d('2026-11-15T12:02:00Z'))).toBe(false);
  });
});

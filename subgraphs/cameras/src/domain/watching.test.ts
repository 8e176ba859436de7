import { describe, expect, it } from 'vitest';
import { eventProblems, inWindows, mayWatchLive } from './watching.js';

const d = (iso: string) => new Date(iso);
const match = { id: 'm1', name: 'FC Utrecht - Ajax', startsAt: d('2026-11-22T13:30:00Z'), endsAt: d('2026-11-22T15:30:00Z'), watchBeforeMinutes: 120, watchAfterMinutes: 60, cancelledAt: null };
const stadium = { kind: 'STADIUM', watchSchedule: { continuous: true, windows: [] } };

describe('event-bound watching (003 §3.3)', () => {
  it('a stadium area: only in the window around a match, whatever its schedule says', () => {
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T11:29:00Z')).allowed).toBe(false);
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T11:30:00Z'))).toEqual({ allowed: true, reason: expect.stringMatching(/FC Utrecht/), eventId: 'm1' });
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T16:29:00Z')).allowed).toBe(true);
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T16:30:00Z')).allowed).toBe(false);
    expect(mayWatchLive(stadium, true, [{ ...match, cancelledAt: d('2026-11-20') }], d('2026-11-22T14:00:00Z')).allowed).toBe(false);
    expect(mayWatchLive(stadium, false, [match], d('2026-11-22T14:00:00Z')).reason).toMatch(/no published designation/);
  });
  it('other areas: their weekly windows (local time, past midnight), and events open extra windows (003 §3.2)', () => {
    const west = { kind: 'NEIGHBOURHOOD', watchSchedule: { continuous: false, windows: [{ days: ['FRI'], from: '20:00', to: '04:00' }] } };
    expect(mayWatchLive(west, true, [], d('2026-11-20T19:30:00Z')).allowed).toBe(true); // Fri 20:30 CET
    expect(mayWatchLive(west, true, [], d('2026-11-21T02:30:00Z')).allowed).toBe(true); // Sat 03:30 CET, the Friday night
    expect(mayWatchLive(west, true, [], d('2026-11-21T03:30:00Z')).allowed).toBe(false); // Sat 04:30
    expect(mayWatchLive(west, true, [], d('2026-11-19T19:30:00Z')).allowed).toBe(false); // Thu
    expect(mayWatchLive(west, true, [{ ...match, startsAt: d('2026-11-19T19:00:00Z'), endsAt: d('2026-11-19T21:00:00Z') }], d('2026-11-19T19:30:00Z')).allowed).toBe(true);
    expect(inWindows({ continuous: true, windows: [] }, d('2026-11-19T03:00:00Z'))).toBe(true);
  });
  it('margins are bounded: "direct voor ... en na"', () => {
    expect(eventProblems({ ...match, watchBeforeMinutes: 181 })[0]).toMatch(/003 §3.3/);
    expect(eventProblems({ ...match, endsAt: match.startsAt })).toContain('endsAt must be after startsAt');
    expect(eventProblems(match)).toEqual([]);
  });
});

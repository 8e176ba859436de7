import { describe, expect, it } from 'vitest';
import { eventProblems, inWindows, mayWatchLive, watchHours } from './watching.js';

const d = (iso: string) => new Date(iso);
const match = {
  id: 'm1',
  name: 'FC Utrecht - Ajax',
  startsAt: d('2026-11-22T13:30:00Z'),
  endsAt: d('2026-11-22T15:30:00Z'),
  watchBeforeMinutes: 120,
  watchAfterMinutes: 60,
  cancelledAt: null,
};
const stadium = { kind: 'STADIUM', watchSchedule: { continuous: true, windows: [] } };

describe('event-bound watching (003 §3.3)', () => {
  it('a stadium area: only in the window around a match, whatever its schedule says', () => {
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T11:29:00Z')).allowed).toBe(false);
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T11:30:00Z'))).toEqual({
      allowed: true,
      reason: expect.stringMatching(/FC Utrecht/),
      eventId: 'm1',
    });
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T16:29:00Z')).allowed).toBe(true);
    expect(mayWatchLive(stadium, true, [match], d('2026-11-22T16:30:00Z')).allowed).toBe(false);
    expect(
      mayWatchLive(stadium, true, [{ ...match, cancelledAt: d('2026-11-20') }], d('2026-11-22T14:00:00Z')).allowed,
    ).toBe(false);
    expect(mayWatchLive(stadium, false, [match], d('2026-11-22T14:00:00Z')).reason).toMatch(/no published designation/);
  });
  it('other areas: their weekly windows (local time, past midnight), and events open extra windows (003 §3.2)', () => {
    const west = {
      kind: 'NEIGHBOURHOOD',
      watchSchedule: { continuous: false, windows: [{ days: ['FRI'], from: '20:00', to: '04:00' }] },
    };
    expect(mayWatchLive(west, true, [], d('2026-11-20T19:30:00Z')).allowed).toBe(true); // Fri 20:30 CET
    expect(mayWatchLive(west, true, [], d('2026-11-21T02:30:00Z')).allowed).toBe(true); // Sat 03:30 CET, the Friday night
    expect(mayWatchLive(west, true, [], d('2026-11-21T03:30:00Z')).allowed).toBe(false); // Sat 04:30
    expect(mayWatchLive(west, true, [], d('2026-11-19T19:30:00Z')).allowed).toBe(false); // Thu
    expect(
      mayWatchLive(
        west,
        true,
        [{ ...match, startsAt: d('2026-11-19T19:00:00Z'), endsAt: d('2026-11-19T21:00:00Z') }],
        d('2026-11-19T19:30:00Z'),
      ).allowed,
    ).toBe(true);
    expect(inWindows({ continuous: true, windows: [] }, d('2026-11-19T03:00:00Z'))).toBe(true);
  });
  it('margins are bounded: "direct voor ... en na"', () => {
    expect(eventProblems({ ...match, watchBeforeMinutes: 181 })[0]).toMatch(/003 §3.3/);
    expect(eventProblems({ ...match, endsAt: match.startsAt })).toContain('endsAt must be after startsAt');
    expect(eventProblems(match)).toEqual([]);
  });
});

describe('watch hours for the council report (003 §6.1, §3)', () => {
  const from = d('2026-11-01T00:00:00Z');
  const to = d('2026-12-01T00:00:00Z');
  const all = [{ from: d('2023-01-01T00:00:00Z'), until: d('2027-01-01T00:00:00Z') }];

  it('the stadium: only its event windows, a cancelled one not at all', () => {
    expect(watchHours(stadium, all, [match], from, to)).toBe(5); // 2 h before + 2 h match + 1 h after
    expect(watchHours(stadium, all, [{ ...match, cancelledAt: d('2026-11-20') }], from, to)).toBe(0);
  });

  it('continuous areas only while a decision was in force; overlapping decisions count once', () => {
    const centre = { kind: 'CITY_CENTRE', watchSchedule: { continuous: true, windows: [] } };
    expect(watchHours(centre, all, [], from, to)).toBe(30 * 24);
    const ended = [
      { from: d('2023-01-01T00:00:00Z'), until: d('2026-11-11T00:00:00Z') },
      { from: d('2026-11-05T00:00:00Z'), until: d('2026-11-11T00:00:00Z') },
    ];
    expect(watchHours(centre, ended, [], from, to)).toBe(10 * 24);
    expect(watchHours(centre, [], [match], from, to)).toBe(0); // no designation in force: not even around an event (003 §4.3)
  });

  it('weekly windows in local time: Friday 20:00-04:00 over November 2026 (4 Fridays)', () => {
    const west = {
      kind: 'NEIGHBOURHOOD',
      watchSchedule: { continuous: false, windows: [{ days: ['FRI'], from: '20:00', to: '04:00' }] },
    };
    expect(watchHours(west, all, [], from, to)).toBe(4 * 8);
  });
});

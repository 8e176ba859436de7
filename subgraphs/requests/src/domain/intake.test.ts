import { describe, expect, it } from 'vitest';
import { DAY_MS, addMonths, dueAt, expiresAtFiling, isOverdue } from './deadlines.js';
import { MAX_RECEIVED_AGE_DAYS, receiptProblem } from './intake.js';

const HOUR = 3_600_000;
const now = new Date('2026-12-03T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

describe('an access request received by letter, at the desk or by e-mail (AVG art. 12(3))', () => {
  it('is due one month after receipt, not after it was registered: received 40 days ago it is overdue now', () => {
    const receivedAt = daysAgo(40);
    const due = dueAt('DATA_SUBJECT_ACCESS', receivedAt, daysAgo(45));
    expect(due).toEqual(addMonths(receivedAt, 1));
    expect(due).toEqual(new Date('2026-11-24T12:00:00Z')); // received 24 October
    expect(isOverdue({ status: 'SUBMITTED', dueAt: due }, now)).toBe(true);
    // received 20 days ago: still within the month
    expect(isOverdue({ status: 'SUBMITTED', dueAt: dueAt('DATA_SUBJECT_ACCESS', daysAgo(20), daysAgo(25)) }, now)).toBe(
      false,
    );
  });

  it('asks about the footage that existed when it was received: expired only if the window was past retention then', async () => {
    const held = async () => false;
    // window 45 days ago, received 40 days ago: the footage still existed then (28 days)
    expect(await expiresAtFiling('DATA_SUBJECT_ACCESS', daysAgo(45), daysAgo(40), held)).toBe(false);
    // window 70 days ago, received 40 days ago: already deleted when asked
    expect(await expiresAtFiling('DATA_SUBJECT_ACCESS', daysAgo(70), daysAgo(40), held)).toBe(true);
  });

  it('accepts LETTER, DESK and EMAIL, received now or up to a year back', () => {
    for (const channel of ['LETTER', 'DESK', 'EMAIL'])
      expect(receiptProblem({ channel, receivedAt: daysAgo(40) }, daysAgo(45), now)).toBeNull();
    expect(receiptProblem({ channel: 'DESK', receivedAt: now }, new Date(now.getTime() - HOUR), now)).toBeNull();
    expect(
      receiptProblem({ channel: 'LETTER', receivedAt: daysAgo(MAX_RECEIVED_AGE_DAYS) }, daysAgo(370), now),
    ).toBeNull();
  });

  it.each<[string, string, Date, Date, RegExp]>([
    [
      'a HUB channel (the person files that)',
      'HUB',
      daysAgo(1),
      daysAgo(2),
      /channel must be one of LETTER, DESK, EMAIL/,
    ],
    ['an unknown channel', 'FAX', daysAgo(1), daysAgo(2), /channel/],
    ['receipt in the future', 'LETTER', new Date(now.getTime() + HOUR), daysAgo(2), /future/],
    ['receipt over a year back', 'LETTER', daysAgo(MAX_RECEIVED_AGE_DAYS + 1), daysAgo(400), /at most 365 days/],
    ['an invalid time', 'EMAIL', new Date(Number.NaN), daysAgo(2), /valid time/],
    ['a window ending after receipt', 'DESK', daysAgo(10), daysAgo(5), /after the request was received/],
  ])('refuses %s', (_n, channel, receivedAt, windowEnd, why) =>
    expect(receiptProblem({ channel, receivedAt }, windowEnd, now)).toMatch(why),
  );
});

import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  addMonths,
  allDeletedAt,
  daysOverdue,
  dueAt,
  extensionProblem,
  firstDeletionAt,
  flaggedLate,
  isOverdue,
  pastRetention,
  type Extendable,
} from './deadlines.js';
import { filingProblem, holdCaseReference, type FilingInput } from './filing.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

describe('police report: 21-day window, 28-day retention (001)', () => {
  /** A one-hour window that ended `d` days before now. */
  const window = (d: number) => ({ start: new Date(daysAgo(d).getTime() - HOUR), end: daysAgo(d) });

  it('day 20 fine, day 22 flagged, day 29 expired', () => {
    const d20 = window(20);
    expect(flaggedLate('POLICE_REPORT', d20.start, now)).toBe(false);
    expect(pastRetention(d20.end, now)).toBe(false);
    const d22 = window(22);
    expect(flaggedLate('POLICE_REPORT', d22.start, now)).toBe(true);
    expect(pastRetention(d22.end, now)).toBe(false);
    const d29 = window(29);
    expect(flaggedLate('POLICE_REPORT', d29.start, now)).toBe(true);
    expect(pastRetention(d29.end, now)).toBe(true);
  });

  it('the boundaries: flagged once older than 21 days, expired from 28 days after the window ends', () => {
    expect(flaggedLate('POLICE_REPORT', daysAgo(21), now)).toBe(false);
    expect(flaggedLate('POLICE_REPORT', new Date(daysAgo(21).getTime() - 1), now)).toBe(true);
    expect(pastRetention(daysAgo(28), now)).toBe(true);
    expect(pastRetention(new Date(daysAgo(28).getTime() + 1), now)).toBe(false);
    expect(allDeletedAt(daysAgo(28))).toEqual(now);
  });

  it("only police-report requests are flagged (the victim's 21 days); every kind can be past retention", () => {
    expect(flaggedLate('PROSECUTOR', daysAgo(25), now)).toBe(false);
    expect(flaggedLate('DATA_SUBJECT_ACCESS', daysAgo(25), now)).toBe(false);
  });

  it('a police request is due before its first footage is deleted', () => {
    const start = daysAgo(5);
    expect(dueAt('POLICE_REPORT', now, start)).toEqual(firstDeletionAt(start));
    expect(dueAt('PROSECUTOR', now, start).getTime() - start.getTime()).toBe(28 * DAY_MS);
  });
});

describe('access requests: one month, extendable once by two (GDPR art. 12(3))', () => {
  it('calendar months, clamped to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-11-23T12:00:00Z'), 1)).toEqual(new Date('2026-12-23T12:00:00Z'));
    expect(addMonths(new Date('2027-01-31T08:30:00Z'), 1)).toEqual(new Date('2027-02-28T08:30:00Z'));
    expect(addMonths(new Date('2028-01-31T08:30:00Z'), 1)).toEqual(new Date('2028-02-29T08:30:00Z'));
    expect(addMonths(new Date('2026-12-15T00:00:00Z'), 2)).toEqual(new Date('2027-02-15T00:00:00Z'));
  });

  it('due one month after filing; overdue the moment after, while unanswered', () => {
    const due = dueAt('DATA_SUBJECT_ACCESS', now, daysAgo(3));
    expect(due).toEqual(new Date('2026-12-23T12:00:00Z'));
    expect(isOverdue({ status: 'SUBMITTED', dueAt: due }, new Date(due.getTime() - 1))).toBe(false);
    expect(isOverdue({ status: 'SUBMITTED', dueAt: due }, due)).toBe(false);
    expect(isOverdue({ status: 'IN_REVIEW', dueAt: due }, new Date(due.getTime() + DAY_MS))).toBe(true);
    expect(isOverdue({ status: 'FULFILLED', dueAt: due }, new Date(due.getTime() + DAY_MS))).toBe(false);
    expect(isOverdue({ status: 'REJECTED', dueAt: due }, new Date(due.getTime() + DAY_MS))).toBe(false);
    expect(daysOverdue(due, new Date(due.getTime() + 3 * DAY_MS + HOUR))).toBe(3);
    expect(daysOverdue(due, new Date(due.getTime() - DAY_MS))).toBe(0);
  });

  const req = (o: Partial<Extendable> = {}): Extendable => ({
    kind: 'DATA_SUBJECT_ACCESS',
    status: 'IN_REVIEW',
    originalDueAt: addMonths(now, 1),
    extendedUntil: null,
    ...o,
  });
  const due = addMonths(now, 1);

  it('within the first month, once, by up to two months, with a reason', () => {
    expect(extensionProblem(req(), addMonths(due, 2), 'complex: 40 hours of bodycam footage', now)).toBeNull();
    expect(
      extensionProblem(req(), new Date(due.getTime() + 10 * DAY_MS), 'complex', new Date(due.getTime() - 1)),
    ).toBeNull();
  });

  it.each<[string, Partial<Extendable>, Date, string, Date, 'CONFLICT' | 'BAD_USER_INPUT']>([
    ['after the first month', {}, addMonths(due, 1), 'complex', due, 'CONFLICT'],
    ['a second time', { extendedUntil: addMonths(due, 1) }, addMonths(due, 2), 'complex', now, 'CONFLICT'],
    ['once answered', { status: 'FULFILLED' }, addMonths(due, 1), 'complex', now, 'CONFLICT'],
    ['by more than two months', {}, new Date(addMonths(due, 2).getTime() + 1), 'complex', now, 'BAD_USER_INPUT'],
    ['to a date before the due date', {}, new Date(due.getTime() - DAY_MS), 'complex', now, 'BAD_USER_INPUT'],
    ['without a reason', {}, addMonths(due, 1), ' ', now, 'BAD_USER_INPUT'],
    ['a police request', { kind: 'POLICE_REPORT' }, addMonths(due, 1), 'complex', now, 'BAD_USER_INPUT'],
  ])('refused %s', (_n, o, until, reason, at, code) => {
    expect(extensionProblem(req(o), until, reason, at)).toMatchObject({ code });
  });
});

describe('filing', () => {
  const base = (o: Partial<FilingInput> = {}): FilingInput => ({
    kind: 'POLICE_REPORT',
    reportNumber: 'PL0900-2026-123456',
    cameraIds: ['utrecht-neude-1'],
    windowStart: new Date(now.getTime() - 2 * HOUR),
    windowEnd: new Date(now.getTime() - HOUR),
    place: 'Neude, Utrecht',
    description: 'Street robbery',
    ...o,
  });
  it('accepts a complete request', () => {
    expect(filingProblem(base(), now)).toBeNull();
    expect(
      filingProblem(base({ kind: 'PROSECUTOR', reportNumber: null, caseReference: '16/123456-26' }), now),
    ).toBeNull();
    expect(filingProblem(base({ kind: 'DATA_SUBJECT_ACCESS', reportNumber: null }), now)).toBeNull();
  });
  it.each<[string, Partial<FilingInput>, RegExp]>([
    ['window end before start', { windowEnd: new Date(now.getTime() - 3 * HOUR) }, /after windowStart/],
    ['window end equal to start', { windowEnd: new Date(now.getTime() - 2 * HOUR) }, /after windowStart/],
    ['a window over 7 days', { windowStart: daysAgo(9) }, /7 days/],
    ['a window in the future', { windowEnd: new Date(now.getTime() + HOUR) }, /future/],
    ['no camera', { cameraIds: [] }, /at least one camera/],
    ['too many cameras', { cameraIds: Array.from({ length: 51 }, (_, i) => `c${i}`) }, /at most 50/],
    ['no report number on a police report', { reportNumber: ' ' }, /report number/],
    ['no case reference on a prosecutor order', { kind: 'PROSECUTOR', reportNumber: null }, /case reference/],
    ['a report number on an access request', { kind: 'DATA_SUBJECT_ACCESS' }, /no report number/],
    ['no place', { place: '' }, /place/],
    ['no description', { description: '  ' }, /description/],
  ])('refuses %s', (_n, o, why) => expect(filingProblem(base(o), now)).toMatch(why));

  it('the hold carries the prosecutor case reference, else the report number', () => {
    expect(holdCaseReference({ reportNumber: 'PL-1', caseReference: null })).toBe('PL-1');
    expect(holdCaseReference({ reportNumber: 'PL-1', caseReference: '16/1' })).toBe('16/1');
    expect(holdCaseReference({})).toBeNull();
  });
});

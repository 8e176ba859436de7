import { describe, expect, it } from 'vitest';
import {
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  accessDecisionText,
  fulfilProblem,
  illegalMessage,
  isOpen,
  nextStatus,
  reviewProblem,
  securesFootage,
  type RequestAction,
  type RequestStatus,
} from './status.js';

// The whole table, written out: every (status, action) pair not listed here must be illegal.
const LEGAL: Array<[RequestStatus, RequestAction, RequestStatus]> = [
  ['SUBMITTED', 'START_REVIEW', 'IN_REVIEW'],
  ['IN_REVIEW', 'APPROVE', 'APPROVED'],
  ['IN_REVIEW', 'REJECT', 'REJECTED'],
  ['APPROVED', 'FULFIL', 'FULFILLED'],
  ['SUBMITTED', 'EXPIRE', 'EXPIRED'],
  ['IN_REVIEW', 'EXPIRE', 'EXPIRED'],
  ['APPROVED', 'EXPIRE', 'EXPIRED'],
  ['FULFILLED', 'CLOSE', 'CLOSED'],
];

describe('state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const illegal = REQUEST_STATUSES.flatMap((s) =>
    REQUEST_ACTIONS.map((a) => [s, a] as [RequestStatus, RequestAction]),
  ).filter(([s, a]) => !LEGAL.some(([f, x]) => f === s && x === a));
  it('has exactly the legal transitions above (7 statuses × 6 actions)', () => {
    expect(illegal).toHaveLength(REQUEST_STATUSES.length * REQUEST_ACTIONS.length - LEGAL.length);
  });
  it.each(illegal)('%s --%s--> illegal', (from, action) => {
    expect(nextStatus(from, action)).toBeNull();
    expect(illegalMessage(from, action)).toMatch(new RegExp(`^A ${from} request cannot be`));
  });

  it('terminal statuses accept nothing but CLOSE after FULFILLED', () => {
    for (const s of ['REJECTED', 'EXPIRED', 'CLOSED'] as RequestStatus[]) {
      expect(REQUEST_ACTIONS.map((a) => nextStatus(s, a)).filter(Boolean)).toEqual([]);
    }
    expect(REQUEST_ACTIONS.filter((a) => nextStatus('FULFILLED', a))).toEqual(['CLOSE']);
  });

  it('open = the deadline still runs', () => {
    expect(REQUEST_STATUSES.filter(isOpen)).toEqual(['SUBMITTED', 'IN_REVIEW', 'APPROVED']);
  });

  it('only police-report and prosecutor requests secure footage', () => {
    expect(securesFootage('POLICE_REPORT')).toBe(true);
    expect(securesFootage('PROSECUTOR')).toBe(true);
    expect(securesFootage('DATA_SUBJECT_ACCESS')).toBe(false);
  });
});

describe('review and fulfilment requirements', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const later = new Date('2026-11-30T10:00:00Z');
  const gone = new Date('2026-12-10T00:00:00Z'); // the window's first footage is deleted

  it('a rejection needs a reason; approval and review do not', () => {
    expect(reviewProblem('REJECT', '  ')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(reviewProblem('REJECT', 'no footage of the place')).toBeNull();
    expect(reviewProblem('APPROVE', undefined)).toBeNull();
    expect(reviewProblem('START_REVIEW', null)).toBeNull();
  });

  it('a police request is fulfilled only once its footage is secured', () => {
    expect(fulfilProblem('POLICE_REPORT', 'PLACED', {}, now, gone)).toBeNull();
    for (const h of ['NONE', 'PENDING', 'NOT_FOUND', 'RELEASED'] as const)
      expect(fulfilProblem('PROSECUTOR', h, {}, now, gone)).toMatchObject({ code: 'CONFLICT' });
    expect(fulfilProblem('POLICE_REPORT', 'PLACED', { decision: 'VIEWING_GRANTED' }, now, gone)).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('an access request is answered by a future viewing appointment or a refusal with its reason', () => {
    const dsa = (i: Parameters<typeof fulfilProblem>[2]) => fulfilProblem('DATA_SUBJECT_ACCESS', 'NONE', i, now, gone);
    expect(dsa({ decision: 'VIEWING_GRANTED', reason: 'Bureau Paardenveld, desk 2', appointmentAt: later })).toBeNull();
    expect(dsa({ decision: 'REFUSED', reason: 'You are not recognisable in the footage' })).toBeNull();
    expect(dsa({})).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(dsa({ decision: 'REFUSED', reason: '' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(dsa({ decision: 'VIEWING_GRANTED', reason: 'desk 2' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      dsa({ decision: 'VIEWING_GRANTED', reason: 'desk 2', appointmentAt: new Date(now.getTime() - 1000) }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(dsa({ decision: 'REFUSED', reason: 'x', appointmentAt: later })).toMatchObject({ code: 'BAD_USER_INPUT' });
    // a viewing of footage that will be gone by then is no viewing (an access request secures nothing)
    expect(dsa({ decision: 'VIEWING_GRANTED', reason: 'desk 2', appointmentAt: gone })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      dsa({ decision: 'VIEWING_GRANTED', reason: 'desk 2', appointmentAt: new Date(gone.getTime() - 60_000) }),
    ).toBeNull();
    expect(accessDecisionText({ decision: 'VIEWING_GRANTED', reason: 'desk 2', appointmentAt: later })).toBe(
      'Viewing appointment 2026-11-30T10:00:00.000Z: desk 2',
    );
  });
});

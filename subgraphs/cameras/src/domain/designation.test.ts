import { describe, expect, it } from 'vitest';
import {
  addPeriod,
  backdatedProblem,
  checkDecision,
  startOfLocalDay,
  checkEnd,
  checkSubGoals,
  decisionStatus,
  evaluationOverdue,
  nextEvaluationDue,
  publicationProblems,
  type DecisionInput,
} from './designation.js';

const d = (iso: string) => new Date(iso);
const input = (from: string, until: string, extra: Partial<DecisionInput> = {}): DecisionInput => ({
  legalBasis: 'art. 151c Gemeentewet',
  validFrom: d(from),
  validUntil: d(until),
  subGoals: ['PREVENTION'],
  ...extra,
});

describe('designation periods (003 §3)', () => {
  it('city centre and stadium: at most 4 years', () => {
    expect(checkDecision('CITY_CENTRE', input('2025-01-01', '2029-01-01'), [])).toEqual([]);
    expect(checkDecision('STADIUM', input('2025-01-01', '2029-01-02'), [])[0]?.message).toMatch(/at most 4 years/);
  });
  it('neighbourhood: at most 6 months', () => {
    expect(checkDecision('NEIGHBOURHOOD', input('2026-01-01', '2026-07-01'), [])).toEqual([]);
    expect(checkDecision('NEIGHBOURHOOD', input('2026-01-01', '2026-07-02'), [])[0]?.message).toMatch(/6 months/);
  });
  it('short-term: hours to a few days, at most 7 days', () => {
    expect(checkDecision('SHORT_TERM', input('2026-11-21T12:00:00Z', '2026-11-21T18:00:00Z'), [])).toEqual([]);
    expect(checkDecision('SHORT_TERM', input('2026-11-21', '2026-11-29'), [])[0]?.message).toMatch(/7 days/);
  });
  it('end before start is refused', () => {
    const v = checkDecision('CITY_CENTRE', input('2026-02-01', '2026-01-01'), []);
    expect(v).toEqual([{ code: 'BAD_USER_INPUT', message: 'validUntil must be after validFrom' }]);
  });
  it('renewal of a neighbourhood is a new decision after the previous one, never an overlap', () => {
    const previous = { id: 'd1', validFrom: d('2026-01-01'), validUntil: d('2026-07-01'), endedAt: null };
    expect(checkDecision('NEIGHBOURHOOD', input('2026-07-01', '2026-12-31'), [previous])).toEqual([]);
    const overlap = checkDecision('NEIGHBOURHOOD', input('2026-06-01', '2026-11-30'), [previous]);
    expect(overlap.map((v) => v.code)).toEqual(['CONFLICT']);
    // an ended decision frees the rest of its period
    expect(
      checkDecision('NEIGHBOURHOOD', input('2026-06-01', '2026-11-30'), [{ ...previous, endedAt: d('2026-05-15') }]),
    ).toEqual([]);
  });
});

describe('sub-goals (003 §4)', () => {
  it('feeling of safety and investigation are never alone', () => {
    expect(checkSubGoals(['FEELING_OF_SAFETY'])).toHaveLength(1);
    expect(checkSubGoals(['INVESTIGATION', 'FEELING_OF_SAFETY'])).toHaveLength(1);
    expect(checkSubGoals([])).toHaveLength(1);
    expect(checkSubGoals(['INVESTIGATION', 'INTERVENTION'])).toEqual([]);
    expect(checkSubGoals(['PREVENTION'])).toEqual([]);
  });
});

describe('status and evaluations as the clock moves', () => {
  const decision = { published: true, validFrom: d('2025-03-01'), validUntil: d('2029-03-01'), endedAt: null };
  it('draft until published; scheduled, active, expired with time; ended when ended', () => {
    expect(decisionStatus({ ...decision, published: false }, d('2026-01-01'))).toBe('DRAFT');
    expect(decisionStatus(decision, d('2025-02-28'))).toBe('SCHEDULED');
    expect(decisionStatus(decision, d('2025-03-01'))).toBe('ACTIVE');
    expect(decisionStatus(decision, d('2029-03-01'))).toBe('EXPIRED');
    expect(decisionStatus({ ...decision, endedAt: d('2026-01-01') }, d('2026-01-02'))).toBe('ENDED');
  });
  it('city centre: evaluation due a year after the start or the last evaluation', () => {
    expect(nextEvaluationDue('CITY_CENTRE', decision, null)).toEqual(d('2026-03-01'));
    expect(evaluationOverdue('CITY_CENTRE', decision, null, d('2026-02-28'))).toBe(false);
    expect(evaluationOverdue('CITY_CENTRE', decision, null, d('2026-03-02'))).toBe(true);
    expect(nextEvaluationDue('CITY_CENTRE', decision, d('2026-02-15'))).toEqual(d('2027-02-15'));
    expect(evaluationOverdue('CITY_CENTRE', decision, d('2026-02-15'), d('2026-03-02'))).toBe(false);
    // the last one is due no later than the end of the period
    expect(nextEvaluationDue('CITY_CENTRE', decision, d('2028-12-01'))).toEqual(d('2029-03-01'));
  });
  it('neighbourhood: evaluated at the end of the half year, then nothing more is due', () => {
    const n = { validFrom: d('2026-01-01'), validUntil: d('2026-07-01') };
    expect(nextEvaluationDue('NEIGHBOURHOOD', n, null)).toEqual(d('2026-07-01'));
    expect(evaluationOverdue('NEIGHBOURHOOD', n, null, d('2026-07-02'))).toBe(true);
    expect(nextEvaluationDue('NEIGHBOURHOOD', n, d('2026-06-20'))).toBeNull();
  });
  it('ending never lengthens and happens once', () => {
    expect(checkEnd(decision, d('2026-01-01'))).toBeNull();
    expect(checkEnd({ ...decision, endedAt: d('2025-12-01') }, d('2026-01-01'))).toMatch(/already ended/);
    expect(checkEnd(decision, d('2029-03-02'))).toMatch(/expired/);
  });
  it('adds calendar periods in UTC', () => {
    expect(addPeriod(d('2024-02-29'), { years: 4 })).toEqual(d('2028-02-29'));
    expect(addPeriod(d('2026-01-31T00:00:00Z'), { days: 7 })).toEqual(d('2026-02-07T00:00:00Z'));
  });
});

describe('publication requirements (003 §2.3, §4.3)', () => {
  it('signs placed and residents informed before a decision takes effect; a short-term deployment needs the signs only', () => {
    const published = (kind: Parameters<typeof checkDecision>[0], signagePlaced: boolean, residentsInformed: boolean) =>
      checkDecision(
        kind,
        input('2026-01-01', '2026-01-03', { published: true, signagePlaced, residentsInformed }),
        [],
      ).map((v) => v.message);
    expect(published('NEIGHBOURHOOD', true, true)).toEqual([]);
    expect(published('NEIGHBOURHOOD', false, true)).toEqual([expect.stringMatching(/signs are placed/)]);
    expect(published('CITY_CENTRE', true, false)).toEqual([expect.stringMatching(/residents are informed/)]);
    expect(published('SHORT_TERM', true, false)).toEqual([]);
    expect(published('SHORT_TERM', false, false)).toEqual([expect.stringMatching(/signs are placed/)]);
    // a draft may be filed before either is done
    expect(
      checkDecision(
        'NEIGHBOURHOOD',
        input('2026-01-01', '2026-01-03', { published: false, signagePlaced: false, residentsInformed: false }),
        [],
      ),
    ).toEqual([]);
    expect(publicationProblems('STADIUM', { signagePlaced: true, residentsInformed: true })).toEqual([]);
  });
});

describe('no designation before publication (Awb art. 3:40)', () => {
  const publishedAt = d('2026-11-24T10:00:00Z'); // 11:00 in Amsterdam (CET)
  it('a period from the start of the local day of publication, or later, is fine', () => {
    expect(backdatedProblem(d('2026-11-23T23:00:00Z'), publishedAt)).toBeNull(); // 00:00 CET
    expect(backdatedProblem(d('2026-12-01T00:00:00Z'), publishedAt)).toBeNull();
  });
  it('local midnight follows the clock change', () => {
    expect(startOfLocalDay(d('2026-07-01T12:00:00Z')).toISOString()).toBe('2026-06-30T22:00:00.000Z'); // CEST
    expect(startOfLocalDay(d('2026-11-24T23:30:00Z')).toISOString()).toBe('2026-11-24T23:00:00.000Z'); // already the 25th in CET
  });
  it('an earlier start is refused, when filed as published and when a draft is published late', () => {
    expect(backdatedProblem(d('2026-11-23T22:59:59Z'), publishedAt)).toMatch(/Awb art. 3:40/);
    const filed = checkDecision(
      'CITY_CENTRE',
      input('2025-12-01', '2029-11-30', { published: true, signagePlaced: true, residentsInformed: true, publishedAt }),
      [],
    );
    expect(filed).toEqual([{ code: 'BAD_USER_INPUT', message: expect.stringMatching(/Awb art. 3:40/) }]);
    // a draft may be filed with any period; the check is at publication
    expect(checkDecision('CITY_CENTRE', input('2025-12-01', '2029-11-30', { publishedAt }), [])).toEqual([]);
  });
});

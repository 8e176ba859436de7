import { describe, expect, it } from 'vitest';
import { criteriaProblems, reachedMilestones, resultsInformedProblem } from './lifecycle.js';

const d = (iso: string) => new Date(iso);
const CRITERIA = { societalNeed: 'n', proportionality: 'p', subsidiarity: 's', measuresPackage: 'm' };

describe('the weighing before publication (003 §4, §4.2)', () => {
  it('all four criteria are required; effect measurement only with PREVENTION', () => {
    expect(criteriaProblems({ criteria: CRITERIA, effectMeasurement: 'incidents', subGoals: ['PREVENTION'] })).toEqual(
      [],
    );
    expect(criteriaProblems({ criteria: CRITERIA, effectMeasurement: null, subGoals: ['INTERVENTION'] })).toEqual([]);
    expect(criteriaProblems({ criteria: CRITERIA, effectMeasurement: ' ', subGoals: ['PREVENTION'] })[0]).toMatch(
      /003 §4/,
    );
    expect(
      criteriaProblems({
        criteria: { ...CRITERIA, subsidiarity: '' },
        effectMeasurement: 'x',
        subGoals: ['INTERVENTION'],
      })[0],
    ).toMatch(/subsidiarity missing/);
    expect(criteriaProblems({ criteria: null, effectMeasurement: 'x', subGoals: ['INTERVENTION'] })[0]).toMatch(
      /societalNeed, proportionality, subsidiarity, measuresPackage/,
    );
  });
});

describe('residents informed of the results (003 §2.3, §4.3)', () => {
  const dec = { validUntil: d('2026-07-01'), endedAt: null, resultsInformedAt: null, published: true };
  it('only after the end, once', () => {
    expect(resultsInformedProblem(dec, d('2026-06-30'))).toMatch(/after the deployment ends/);
    expect(resultsInformedProblem(dec, d('2026-07-01'))).toBeNull();
    expect(resultsInformedProblem({ ...dec, endedAt: d('2026-03-01') }, d('2026-03-02'))).toBeNull();
    expect(resultsInformedProblem({ ...dec, resultsInformedAt: d('2026-07-02') }, d('2026-07-03'))).toMatch(/already/);
    expect(resultsInformedProblem({ ...dec, published: false }, d('2026-08-01'))).toMatch(/draft/);
  });
});

describe('milestones as the clock moves', () => {
  const neighbourhood = { published: true, validFrom: d('2026-01-01'), validUntil: d('2026-07-01'), endedAt: null };
  const kinds = (
    at: string,
    lastEval: Date | null = null,
    dec = neighbourhood,
    kind: 'NEIGHBOURHOOD' | 'CITY_CENTRE' | 'SHORT_TERM' = 'NEIGHBOURHOOD',
  ) => reachedMilestones(kind, dec, lastEval, d(at)).map((m) => m.kind);
  it('a neighbourhood: published, then 60 and 30 days before the end, evaluation due a month before, then ended', () => {
    expect(kinds('2026-01-02')).toEqual(['PUBLISHED']);
    expect(kinds('2026-05-03')).toEqual(['PUBLISHED', 'EXPIRING_60_DAYS']);
    expect(kinds('2026-06-02')).toEqual(['PUBLISHED', 'EXPIRING_60_DAYS', 'EXPIRING_30_DAYS', 'EVALUATION_DUE']);
    expect(kinds('2026-07-01')).toEqual(['PUBLISHED', 'ENDED']);
    expect(kinds('2026-01-02', null, { ...neighbourhood, published: false })).toEqual([]);
  });
  it('ended early: ENDED at the end date, no more warnings', () => {
    const ended = { ...neighbourhood, endedAt: d('2026-02-01') };
    expect(reachedMilestones('NEIGHBOURHOOD', ended, null, d('2026-02-02'))).toEqual([
      { kind: 'PUBLISHED', at: d('2026-01-01') },
      { kind: 'ENDED', at: d('2026-02-01') },
    ]);
  });
  it('a city centre: the yearly evaluation falls due, then overdue; an evaluation moves the next one a year on', () => {
    const centre = { published: true, validFrom: d('2026-01-01'), validUntil: d('2030-01-01'), endedAt: null };
    expect(kinds('2026-11-15', null, centre, 'CITY_CENTRE')).toEqual(['PUBLISHED']);
    expect(kinds('2026-12-15', null, centre, 'CITY_CENTRE')).toEqual(['PUBLISHED', 'EVALUATION_DUE']);
    expect(kinds('2027-01-02', null, centre, 'CITY_CENTRE')).toEqual([
      'PUBLISHED',
      'EVALUATION_DUE',
      'EVALUATION_OVERDUE',
    ]);
    const after = reachedMilestones('CITY_CENTRE', centre, d('2026-12-20'), d('2027-01-02'));
    expect(after.map((m) => m.kind)).toEqual(['PUBLISHED']);
    expect(
      reachedMilestones('CITY_CENTRE', centre, d('2026-12-20'), d('2027-12-01')).find(
        (m) => m.kind === 'EVALUATION_DUE',
      )?.at,
    ).toEqual(d('2027-12-20'));
  });
  it('a short-term deployment of days gets no 60/30-day expiry warning', () => {
    const short = {
      published: true,
      validFrom: d('2026-03-01T10:00:00Z'),
      validUntil: d('2026-03-03T10:00:00Z'),
      endedAt: null,
    };
    expect(kinds('2026-03-02', null, short, 'SHORT_TERM')).toEqual(['PUBLISHED', 'EVALUATION_DUE']);
  });
});

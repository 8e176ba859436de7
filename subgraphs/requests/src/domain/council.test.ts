import { describe, expect, it } from 'vitest';
import { councilOutcome } from './council.js';

describe('request outcomes in the council report (003 §6.1)', () => {
  it('open, granted, refused, expired', () => {
    expect(councilOutcome('SUBMITTED', null)).toBe('PENDING');
    expect(councilOutcome('APPROVED', 'APPROVED')).toBe('PENDING');
    expect(councilOutcome('FULFILLED', 'APPROVED')).toBe('GRANTED');
    expect(councilOutcome('CLOSED', 'APPROVED')).toBe('GRANTED');
    expect(councilOutcome('FULFILLED', 'VIEWING_GRANTED')).toBe('GRANTED');
    expect(councilOutcome('FULFILLED', 'REFUSED')).toBe('REFUSED');
    expect(councilOutcome('REJECTED', 'REJECTED')).toBe('REFUSED');
    expect(councilOutcome('EXPIRED', null)).toBe('EXPIRED');
  });
});

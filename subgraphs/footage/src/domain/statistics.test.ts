import { describe, expect, it } from 'vitest';
import { inMunicipalStatistics } from './statistics.js';

describe('footage statistics (003 §6.1)', () => {
  it("count the public-order cameras' recordings, never a covert camera's", () => {
    expect(inMunicipalStatistics({ covert: false })).toBe(true);
    expect(inMunicipalStatistics({ covert: true })).toBe(false);
  });
});

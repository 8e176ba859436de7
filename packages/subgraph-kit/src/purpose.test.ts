import { describe, expect, it } from 'vitest';
import { optionalPurpose, requirePurpose } from './purpose.js';

describe('purpose of a read', () => {
  it('is trimmed and 3 to 500 characters', () => {
    expect(requirePurpose('  PL0900-2026-1 ')).toBe('PL0900-2026-1');
    expect(requirePurpose('x'.repeat(500))).toHaveLength(500);
  });
  it('refuses blank, too short, too long and missing, as BAD_USER_INPUT', () => {
    for (const bad of ['   ', 'ab', 'x'.repeat(501), null, undefined]) {
      expect(() => requirePurpose(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
  it('may be left out where optional, but not given blank', () => {
    expect(optionalPurpose(null)).toBeNull();
    expect(optionalPurpose(undefined)).toBeNull();
    expect(() => optionalPurpose('  ')).toThrow(/purpose/);
  });
});

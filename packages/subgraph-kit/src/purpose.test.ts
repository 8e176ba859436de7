import { describe, expect, it } from 'vitest';
import { logTextProblem, optionalPurpose, requireLogText, requirePurpose } from './purpose.js';

describe('purpose of a read', () => {
  it('is trimmed and 3 to 500 characters', () => {
    expect(requirePurpose('  PL0900-2026-1 ')).toBe('PL0900-2026-1');
    expect(requirePurpose('x'.repeat(500))).toHaveLength(500);
  });
  it('refuses blank, too short, too long and missing, as BAD_USER_INPUT', () => {
    for (const bad of ['   ', 'ab', 'x'.repeat(501), null, undefined]) {
      expect(() => requirePurpose(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
  });
  it('may be left out where optional, but not given blank', () => {
    expect(optionalPurpose(null)).toBeNull();
    expect(optionalPurpose(undefined)).toBeNull();
    expect(() => optionalPurpose('  ')).toThrow(/purpose/);
  });
});

describe('free text that enters the audit log', () => {
  const bad = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });
  it('refuses a purpose of only invisible, control or punctuation characters', () => {
    for (const p of [
      '\u200B\u200B\u200B',
      '\u0001\u0002\u0003',
      '\u00AD\u00AD\u00AD',
      '---',
      '\u2066\u2069\u200D',
      '\u3000\u3000\u3000 ',
      '\uFEFF\uFEFF\uFEFF',
    ]) {
      expect(() => requirePurpose(p)).toThrow(bad);
    }
  });
  it('refuses control, bidirectional and zero-width characters inside otherwise real text', () => {
    for (const p of [
      'PL0900\u200B-2026',
      'case \u202Eevil',
      'case\u2066 1\u2069',
      'case\n12',
      'case\t12',
      'case\u0085 12',
      'case\u2028 12',
      'case \uE000 1',
    ]) {
      expect(() => requirePurpose(p)).toThrow(bad);
      expect(logTextProblem('reason', p)).toMatch(/control, bidirectional or invisible/);
    }
  });
  it('accepts real text in any script, with punctuation and emoji', () => {
    for (const p of ['PL0900-2026-1', 'zaak 16/123456-26: diefstal', 'ünï 🎥 case', '案件 12', 'قضية 7'])
      expect(requirePurpose(p)).toBe(p);
    expect(requireLogText('caseReference', '  16/1 ', { max: 200 })).toBe('16/1');
    expect(() => requireLogText('caseReference', '\u200B', { max: 200 })).toThrow(/caseReference/);
    expect(() => requireLogText('reason', 'x'.repeat(2001), { max: 2000 })).toThrow(/reason is required/);
  });
});

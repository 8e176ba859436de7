import { describe, expect, it } from 'vitest';
import { underGrants } from './text.js';

describe('underGrants', () => {
  it('the audit purpose names the grant and its reference (004)', () => {
    expect(underGrants('PV 1', [])).toBe('PV 1');
    expect(underGrants('PV 1', [{ id: 'g-1', reference: 'protocol 9' }])).toBe(
      'PV 1 [under access grant g-1: protocol 9]',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { actorFromClaims } from './actor.js';

describe('actorFromClaims', () => {
  it('takes ordinary claims: OIDC subjects, CBS and NIS municipality codes', () => {
    expect(actorFromClaims({ kind: 'citizen', sub: 'auth0|5f7c8ec7' })).toEqual({ kind: 'citizen', sub: 'auth0|5f7c8ec7' });
    expect(actorFromClaims({ kind: 'municipality', sub: 'oov@utrecht.nl', municipality: 'GM0344', org: '' })).toEqual({ kind: 'municipality', sub: 'oov@utrecht.nl', municipality: 'GM0344' });
    expect(actorFromClaims({ kind: 'system', sub: 'anpr-1', org: 'politiezone-antwerpen', municipality: '11002' }).municipality).toBe('11002');
    expect(actorFromClaims({ kind: 'police', sub: 's'.repeat(255) }).sub).toHaveLength(255);
  });

  it('refuses oversized, control-character, non-string and mis-shaped claims (issue 13 §2)', () => {
    const bad: Array<Record<string, unknown>> = [
      { kind: 'police', sub: 's'.repeat(7000) },
      { kind: 'police', sub: 's'.repeat(256) },
      { kind: 'company', sub: 'c', org: 'o'.repeat(5000) },
      { kind: 'municipality', sub: 'm', municipality: 'GM0344\u0000' },
      { kind: 'municipality', sub: 'm', municipality: 'Utrecht' },
      { kind: 'municipality', sub: 'm', municipality: 'GM344' },
      { kind: 'citizen', sub: 'a\u0007' },
      { kind: 'citizen', sub: 'a b' },
      { kind: 'citizen', sub: 'citizen\u200b' },
      { kind: 'citizen', sub: 'bürger' },
      { kind: 'company', sub: 'c', org: 'KVK-\ud800' },
      { kind: 'company', sub: 'c', org: 12345 },
      { kind: 'police', sub: ['a'] },
      { kind: 'police', sub: 'p', municipality: { code: 'GM0344' } },
    ];
    for (const claims of bad) expect(() => actorFromClaims(claims), JSON.stringify(claims).slice(0, 80)).toThrow();
  });
});

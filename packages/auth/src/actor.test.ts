import { describe, expect, it } from 'vitest';
import { MAX_ERROR_MESSAGE, actorFromClaims, boundedMessage } from './actor.js';

describe('actorFromClaims', () => {
  it('takes ordinary claims: OIDC subjects, CBS and NIS municipality codes', () => {
    expect(actorFromClaims({ kind: 'citizen', sub: 'auth0|5f7c8ec7' })).toEqual({
      kind: 'citizen',
      sub: 'auth0|5f7c8ec7',
    });
    expect(actorFromClaims({ kind: 'municipality', sub: 'oov@utrecht.nl', municipality: 'GM0344', org: '' })).toEqual({
      kind: 'municipality',
      sub: 'oov@utrecht.nl',
      municipality: 'GM0344',
    });
    expect(
      actorFromClaims({ kind: 'system', sub: 'anpr-1', org: 'politiezone-antwerpen', municipality: '11002' })
        .municipality,
    ).toBe('11002');
    expect(actorFromClaims({ kind: 'police', sub: 's'.repeat(255) }).sub).toHaveLength(255);
  });

  it('refuses oversized, control-character, non-string and mis-shaped claims', () => {
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

describe('boundedMessage (a 100 KB argument came back whole in the error)', () => {
  it('shortens a long quoted value and keeps the rest of the message', () => {
    const m = `Variable "$m" got invalid value "${'x'.repeat(100_000)}"; Int cannot represent non-integer value: "${'x'.repeat(100_000)}"`;
    const b = boundedMessage(m);
    expect(b).toBe(
      `Variable "$m" got invalid value "${'x'.repeat(60)}…"; Int cannot represent non-integer value: "${'x'.repeat(60)}…"`,
    );
  });

  it('never splits a surrogate pair and never exceeds the limit', () => {
    const emoji = '\u{1F4F7}'.repeat(12_500);
    expect(boundedMessage(`Expected ID, found "${emoji}"`)).toBe(`Expected ID, found "${'\u{1F4F7}'.repeat(60)}…"`);
    const unquoted = boundedMessage(`no quotes ${emoji}`);
    expect(unquoted.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(unquoted)).toBe(false);
  });

  it('leaves ordinary messages alone', () => {
    const m = 'Invalid input: municipality must be shorter than or equal to 20 characters';
    expect(boundedMessage(m)).toBe(m);
    const quoted = `Value "${'a'.repeat(79)}" is fine`.padEnd(300, '.');
    expect(boundedMessage(quoted)).toBe(quoted);
  });
});

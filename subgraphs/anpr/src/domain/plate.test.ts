import { describe, expect, it } from 'vitest';
import {
  PlateCipher,
  countryProblem,
  loadAnprKeys,
  normaliseCountry,
  normalisePlate,
  plateProblem,
  randomKeys,
} from './plate.js';
import { CLOCK_SKEW_MS, READ_RETENTION_MS, chainDigest, EMPTY_DIGEST, readProblem } from './read.js';

describe('plates', () => {
  it('normalises: upper case, no spaces, dashes or dots', () => {
    expect(normalisePlate('ab-12 cd')).toBe('AB12CD');
    expect(normalisePlate(' 1-abc-234 ')).toBe('1ABC234');
    expect(normalisePlate('x.y.z')).toBe('XYZ');
  });

  it('validates loosely, tighter for known countries', () => {
    expect(plateProblem('AB12CD', 'NL')).toBeNull();
    expect(plateProblem('1ABC234', 'BE')).toBeNull();
    expect(plateProblem('ABC1234XYZ', 'PL')).toBeNull();
    expect(plateProblem('ABC1234XYZ1', 'PL')).toMatch(/malformed/);
    expect(plateProblem('', 'NL')).toMatch(/malformed/);
    expect(plateProblem('AB12C', 'NL')).toMatch(/malformed plate for NL/);
    expect(plateProblem('AB_12', 'DE')).toMatch(/malformed/);
    expect(plateProblem('AB12CD', 'N1')).toMatch(/country/);
  });

  it('knows plate countries: ISO 3166-1 alpha-2 only, one code per country', () => {
    for (const c of ['NL', 'BE', 'DE', 'FR', 'LU', 'PL', 'GB', 'XK']) expect(countryProblem(c)).toBeNull();
    // made up, user-assigned, reserved, alpha-3 (a second code for a country would never match the first)
    for (const c of ['XX', 'ZZ', 'EU', 'UK', 'NLD', 'BEL', 'N', '', 'nl'])
      expect(countryProblem(c), c).toMatch(/ISO 3166-1 alpha-2/);
    expect(countryProblem(normaliseCountry(' be '))).toBeNull();
    expect(normaliseCountry('uk')).toBe('GB');
    expect(plateProblem('1ABC234', 'XX')).toMatch(/country/);
  });

  it('encrypts with authentication and decrypts only with the key', () => {
    const c = new PlateCipher(randomKeys());
    const a = c.encrypt('AB12CD');
    const b = c.encrypt('AB12CD');
    expect(a).not.toBe(b); // random nonce
    expect(a).not.toContain('AB12CD');
    expect(c.decrypt(a)).toBe('AB12CD');
    const parts = a.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    expect(() => c.decrypt([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow();
    expect(() => new PlateCipher(randomKeys()).decrypt(a)).toThrow();
  });

  it('hashes stably with a key, differently with another key', () => {
    const keys = randomKeys();
    expect(new PlateCipher(keys).hash('AB12CD')).toBe(new PlateCipher(keys).hash('AB12CD'));
    expect(new PlateCipher(keys).hash('AB12CD')).toMatch(/^[0-9a-f]{64}$/);
    expect(new PlateCipher(keys).hash('AB12CD')).not.toBe(new PlateCipher(keys).hash('AB12CE'));
    expect(new PlateCipher(randomKeys()).hash('AB12CD')).not.toBe(new PlateCipher(keys).hash('AB12CD'));
  });

  it('takes keys from the environment (both or neither), random under a test runner', () => {
    const hex = 'ab'.repeat(32);
    const k = loadAnprKeys({ ANPR_HASH_KEY: hex, ANPR_ENCRYPTION_KEY: 'cd'.repeat(32) });
    expect(k.hashKey.toString('hex')).toBe(hex);
    expect(() => loadAnprKeys({ ANPR_HASH_KEY: hex })).toThrow(/both/);
    expect(() => loadAnprKeys({ ANPR_HASH_KEY: 'zz', ANPR_ENCRYPTION_KEY: hex })).toThrow(/hex/);
    const a = loadAnprKeys({});
    const b = loadAnprKeys({});
    expect(a.hashKey.equals(b.hashKey)).toBe(false);
  });
});

describe('reads', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const cam = { kind: 'ANPR_FIXED' };
  const read = (o: Record<string, unknown> = {}) => ({
    sourceReadId: 'r1',
    cameraId: 'c1',
    observedAt: new Date(now.getTime() - 1000),
    plate: 'ab-12-cd',
    country: 'nl',
    confidence: 0.9,
    ...o,
  });
  it('accepts a good read and returns the normalised plate', () => {
    expect(readProblem(read(), cam, now)).toEqual({ plate: 'AB12CD', country: 'NL' });
    expect(readProblem(read({ observedAt: new Date(now.getTime() + CLOCK_SKEW_MS) }), cam, now)).toHaveProperty(
      'plate',
    );
  });
  it('rejects with a reason', () => {
    const p = (o: Record<string, unknown>, c: { kind: string } | null = cam) =>
      (readProblem(read(o), c ?? undefined, now) as { problem?: string }).problem;
    expect(p({ plate: 'AB-12-C!' })).toMatch(/malformed/);
    expect(p({ observedAt: new Date(now.getTime() + CLOCK_SKEW_MS + 1000) })).toMatch(/future/);
    expect(p({}, null)).toMatch(/not a known ANPR camera/);
    expect(p({}, { kind: 'FIXED' })).toMatch(/not a known ANPR camera/);
    expect(p({ confidence: 1.01 })).toMatch(/confidence/);
    expect(p({ confidence: -0.1 })).toMatch(/confidence/);
    expect(p({ confidence: Number.NaN })).toMatch(/confidence/);
    expect(p({ sourceReadId: '' })).toMatch(/sourceReadId/);
    expect(p({ observedAt: new Date(now.getTime() - READ_RETENTION_MS) })).toMatch(/older than the 28-day retention/);
    expect(p({ observedAt: new Date('not a time') })).toMatch(/valid time/);
    expect(p({ country: 'XX' })).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe('deletion digest', () => {
  it('chains over sorted ids: order within a batch does not matter, batches do', () => {
    expect(chainDigest(EMPTY_DIGEST, ['b', 'a'])).toBe(chainDigest(EMPTY_DIGEST, ['a', 'b']));
    expect(chainDigest(chainDigest(EMPTY_DIGEST, ['a']), ['b'])).not.toBe(chainDigest(EMPTY_DIGEST, ['a', 'b']));
  });
});

import { describe, expect, it } from 'vitest';
import {
  EMPTY_DIGEST,
  LEGAL_MAX_DAYS,
  chainDigest,
  deletable,
  expiresAt,
  retentionPolicy,
  rowProblem,
  type RecordingInput,
} from './retention.js';
import { signPlaybackUrl, verifiedPlayback, verifyPlaybackUrl, PLAYBACK_TTL_MS } from './playback.js';

const DAY = 24 * 3_600_000;
const now = new Date('2026-11-23T12:00:00Z');
const row = (o: Partial<RecordingInput> = {}): RecordingInput => ({
  sourceId: 's-1',
  cameraId: 'cam',
  kind: 'PUBLIC_ORDER',
  startedAt: new Date(now.getTime() - 2 * 3_600_000),
  endedAt: new Date(now.getTime() - 3_600_000),
  storageRef: 's3://vms/a.mp4',
  sha256: 'a'.repeat(64),
  sizeBytes: 10,
  ...o,
});

describe('retention periods (000, 001, 002, 003)', () => {
  it('28 days for public order, 4 weeks for bodycams, by default', () => {
    const p = retentionPolicy(undefined);
    expect(p).toEqual(LEGAL_MAX_DAYS);
    expect(p.PUBLIC_ORDER).toBe(28);
    expect(p.BODYCAM).toBe(28);
  });
  it('configuration may shorten but never lengthen the legal maximum', () => {
    expect(retentionPolicy('BODYCAM=14').BODYCAM).toBe(14);
    expect(() => retentionPolicy('PUBLIC_ORDER=29')).toThrow(/may not exceed 28/);
    expect(() => retentionPolicy('SATELLITE=3')).toThrow(/unknown recording kind/);
    expect(() => retentionPolicy('BODYCAM=0')).toThrow();
  });
  it('counts from the end of the recording: day 27 kept, day 29 deleted, held never', () => {
    const end = new Date('2026-10-01T10:00:00Z');
    const exp = expiresAt('PUBLIC_ORDER', end, LEGAL_MAX_DAYS);
    expect(exp).toEqual(new Date(end.getTime() + 28 * DAY));
    expect(deletable({ expiresAt: exp, held: false }, new Date(end.getTime() + 27 * DAY))).toBe(false);
    expect(deletable({ expiresAt: exp, held: false }, new Date(end.getTime() + 29 * DAY))).toBe(true);
    expect(deletable({ expiresAt: exp, held: true }, new Date(end.getTime() + 400 * DAY))).toBe(false);
  });
});

describe('ingest row checks', () => {
  it('accepts a good row', () => expect(rowProblem(row(), now, LEGAL_MAX_DAYS)).toBeNull());
  it.each([
    ['end before start', row({ endedAt: new Date(now.getTime() - 3 * 3_600_000) }), /after startedAt/],
    ['end in the future', row({ endedAt: new Date(now.getTime() + DAY), startedAt: now }), /future/],
    ['longer than a day', row({ startedAt: new Date(now.getTime() - 3 * DAY) }), /24 hours/],
    [
      'already past retention',
      row({ startedAt: new Date(now.getTime() - 30 * DAY), endedAt: new Date(now.getTime() - 29 * DAY) }),
      /retention/,
    ],
    ['malformed checksum', row({ sha256: 'xyz' }), /sha256/],
    ['upper-case checksum', row({ sha256: 'A'.repeat(64) }), /sha256/],
    ['zero size', row({ sizeBytes: 0 }), /sizeBytes/],
    ['not a URI', row({ storageRef: 'just a name' }), /storageRef/],
    ['empty source id', row({ sourceId: ' ' }), /sourceId/],
  ])('refuses %s', (_n, r, why) => expect(rowProblem(r, now, LEGAL_MAX_DAYS)).toMatch(why));
});

describe('deletion digest', () => {
  it('does not depend on order within a batch, and chains batches', () => {
    const a = chainDigest(EMPTY_DIGEST, ['b', 'a']);
    expect(a).toBe(chainDigest(EMPTY_DIGEST, ['a', 'b']));
    expect(chainDigest(a, ['c'])).not.toBe(chainDigest(EMPTY_DIGEST, ['a', 'b', 'c']));
  });
});

describe('playback links', () => {
  const secret = 's'.repeat(64);
  it('verify while fresh, fail when expired, tampered or signed with another secret', () => {
    const { url, expiresAt: exp } = signPlaybackUrl(secret, 'rec-1', 's3://vms/utrecht/rec-1.mp4', now);
    expect(exp.getTime() - now.getTime()).toBeLessThanOrEqual(PLAYBACK_TTL_MS);
    expect(verifyPlaybackUrl(secret, url, now)).toBe(true);
    expect(verifyPlaybackUrl(secret, url, new Date(now.getTime() + PLAYBACK_TTL_MS + 1000))).toBe(false);
    expect(verifyPlaybackUrl('x'.repeat(64), url, now)).toBe(false);
    expect(verifyPlaybackUrl(secret, url.replace('rec-1.mp4', 'rec-2.mp4'), now)).toBe(false);
    expect(verifyPlaybackUrl(secret, url.replace('recording=rec-1', 'recording=rec-2'), now)).toBe(false);
  });

  it('accept one canonical form only: duplicated or trailing parameters, padded or non-decimal expiries are refused', () => {
    const { url } = signPlaybackUrl(secret, 'rec-1', 's3://vms/utrecht/rec-1.mp4', now);
    const other = signPlaybackUrl(secret, 'rec-2', 's3://vms/utrecht/rec-2.mp4', now).url;
    const exp = /exp=(\d+)/.exec(url)![1]!;
    for (const bad of [
      `${url}&recording=rec-2`, // the attack: a valid signature, then another recording
      `${url}&recording=rec-1`,
      `${url}&exp=${exp}`,
      `${url}&x=1`,
      url.replace(`exp=${exp}`, `exp=0${exp}`),
      url.replace(`exp=${exp}`, `exp=+${exp}`),
      url.replace(`exp=${exp}`, `exp=${exp}.0`),
      url.replace(`exp=${exp}`, `exp=0x${Number(exp).toString(16)}`),
      url.replace(`exp=${exp}`, `exp=${Number(exp) / 1000}e3`),
      url.replace('recording=rec-1', 'recording=rec%2D1'), // another encoding of the same id
      url.replace('?recording', '&recording'),
      url.replace(/sig=([^&]+)/, 'sig=$1='),
      url.replace('recording=rec-1&exp', 'exp'), // a parameter left out
      other.replace('s3://vms/utrecht/rec-2.mp4', 's3://vms/utrecht/rec-1.mp4'),
    ]) {
      expect(verifyPlaybackUrl(secret, bad, now), bad).toBe(false);
    }
    expect(verifiedPlayback(secret, url, now)).toEqual({
      recordingId: 'rec-1',
      location: 's3://vms/utrecht/rec-1.mp4',
      expiresAt: new Date(Number(exp) * 1000),
    });
  });

  it("keep a storage reference's own query string (and fragment) intact, and verify", () => {
    for (const ref of [
      'https://vms.example/get?bucket=b&key=rec%201.mp4&recording=vendor-7&exp=1&sig=x',
      'https://vms.example/get?versionId=3#t=10',
      's3://vms/utrecht/rec-1.mp4?',
    ]) {
      const { url } = signPlaybackUrl(secret, 'rec/1 ü', ref, now);
      expect(url.startsWith(ref.split('#')[0]!)).toBe(true);
      expect(verifiedPlayback(secret, url, now)).toMatchObject({ recordingId: 'rec/1 ü', location: ref });
      expect(
        verifyPlaybackUrl(
          secret,
          url.replace('versionId=3', 'versionId=4').replace('bucket=b', 'bucket=c').replace('mp4?', 'mp4?a'),
          now,
        ),
      ).toBe(false);
    }
  });
});

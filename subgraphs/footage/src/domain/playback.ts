// Short-lived playback URLs: the hub never serves video; it signs a link to the storage location
// that the storage gateway verifies (HMAC over recording, location and expiry).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to open the player, short enough that a leaked link is useless soon. */
export const PLAYBACK_TTL_MS = 5 * 60_000;

function signature(secret: string, recordingId: string, storageRef: string, exp: number): string {
  return createHmac('sha256', secret).update(`${recordingId}\n${storageRef}\n${exp}`).digest('base64url');
}

export function signPlaybackUrl(secret: string, recordingId: string, storageRef: string, now: Date): { url: string; expiresAt: Date } {
  const exp = Math.floor((now.getTime() + PLAYBACK_TTL_MS) / 1000);
  const url = new URL(storageRef);
  const location = url.toString(); // normalised, as the verifier will see it
  url.searchParams.set('recording', recordingId);
  url.searchParams.set('exp', String(exp));
  url.searchParams.set('sig', signature(secret, recordingId, location, exp));
  return { url: url.toString(), expiresAt: new Date(exp * 1000) };
}

/** What the storage side runs: true only for an unexpired link signed with the secret. */
export function verifyPlaybackUrl(secret: string, link: string, now: Date): boolean {
  const url = new URL(link);
  const recordingId = url.searchParams.get('recording');
  const exp = Number(url.searchParams.get('exp'));
  const sig = url.searchParams.get('sig') ?? '';
  if (!recordingId || !Number.isFinite(exp) || exp * 1000 < now.getTime()) return false;
  for (const k of ['recording', 'exp', 'sig']) url.searchParams.delete(k);
  const expected = Buffer.from(signature(secret, recordingId, url.toString(), exp));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

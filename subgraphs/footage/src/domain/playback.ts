// Short-lived playback URLs: the hub never serves video; it signs a link to the storage location
// that the storage gateway verifies (HMAC over recording, location and expiry).
// One canonical form only, so a link is evidence of one access: the storage reference exactly as stored — its own query
// string kept intact — then `recording=<id>&exp=<seconds>&sig=<signature>` appended as the last three
// parameters, in that order. Anything else is refused: the three repeated or followed by others
// (`…&sig=<valid>&recording=<other>`), an expiry with padding, a sign or not in decimal, an id not in
// its one percent-encoding, a signature of another length.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to open the player, short enough that a leaked link is useless soon. */
export const PLAYBACK_TTL_MS = 5 * 60_000;

function signature(secret: string, recordingId: string, location: string, exp: number): string {
  return createHmac('sha256', secret).update(`${recordingId}\n${location}\n${exp}`).digest('base64url');
}

/** Splits off a `#fragment`: the parameters go before it. */
function splitFragment(ref: string): [string, string] {
  const i = ref.indexOf('#');
  return i < 0 ? [ref, ''] : [ref.slice(0, i), ref.slice(i)];
}

export function signPlaybackUrl(
  secret: string,
  recordingId: string,
  storageRef: string,
  now: Date,
): { url: string; expiresAt: Date } {
  const exp = Math.floor((now.getTime() + PLAYBACK_TTL_MS) / 1000);
  const [location, fragment] = splitFragment(storageRef);
  const sep = location.includes('?') ? '&' : '?';
  const url = `${location}${sep}recording=${encodeURIComponent(recordingId)}&exp=${exp}&sig=${signature(secret, recordingId, location, exp)}${fragment}`;
  return { url, expiresAt: new Date(exp * 1000) };
}

// the canonical tail: 43 base64url characters are a sha256 HMAC; exp in decimal without padding
const TAIL =
  /^(?<location>[^#]*?)(?<sep>[?&])recording=(?<id>[^&#=]+)&exp=(?<exp>[1-9][0-9]{0,11})&sig=(?<sig>[A-Za-z0-9_-]{43})(?<fragment>#.*)?$/s;

/** What the storage side runs: the recording and the location to serve, only for an unexpired, canonical link signed with the secret. */
export function verifiedPlayback(
  secret: string,
  link: string,
  now: Date,
): { recordingId: string; location: string; expiresAt: Date } | null {
  const m = TAIL.exec(link)?.groups;
  if (!m) return null;
  const location = m.location!;
  // '?' starts the query when the storage reference had none, '&' continues its own
  if ((m.sep === '?') === location.includes('?')) return null;
  let recordingId: string;
  try {
    recordingId = decodeURIComponent(m.id!);
  } catch {
    return null;
  }
  if (encodeURIComponent(recordingId) !== m.id) return null;
  const exp = Number(m.exp);
  if (exp * 1000 < now.getTime()) return null;
  const expected = Buffer.from(signature(secret, recordingId, location, exp));
  const given = Buffer.from(m.sig!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { recordingId, location: location + (m.fragment ?? ''), expiresAt: new Date(exp * 1000) };
}

/** True only for an unexpired link in the canonical form signed with the secret. */
export function verifyPlaybackUrl(secret: string, link: string, now: Date): boolean {
  return verifiedPlayback(secret, link, now) !== null;
}

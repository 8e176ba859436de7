// When the police may watch a camera live, and for how long (a live-view session). Pure: time passed in.
// The hub streams no video: it authorises and records the act of watching, as a VMS hands out a
// viewing ticket. Who may watch at all (the police, never a camera the municipality runs) is the policy's
// (packages/auth `watch` on Camera); when is decided here:
// - Only an ACTIVE camera is watched (an offline or decommissioned one shows nothing; a Belgian police
//   camera is active only after the council's approval, 004: domain/belgium.ts).
// - A third party's camera only under an active grant with scope LIVE_VIEW ("Politiezone Antwerpen heeft
//   ook toegang tot vaste camera's van derde partijen", 004): the grant is what allows it, not an area.
// - Any other camera only in a camera area that may be watched live now: a published designation in force
//   (003 §4.3) and its watch times, the stadium only around matches (003 §3.2, §3.3: domain/watching.ts).
//   A camera outside every area has no designation to watch under.
// - A session is short (MAX_SESSION_MINUTES; the seeds name no length: a control-room operator renews
//   it, so watching outside the rule can never last) and never outlasts the window, designation or
//   grant that allowed it.
import { decisionStatus } from './designation.js';
import { policeAccess, type Grant } from './belgium.js';
import { mayWatchLive, type Schedule, type WatchEventWindow } from './watching.js';

export const MAX_SESSION_MINUTES = 15;
const MIN = 60_000;

export type LiveViewCamera = {
  status: string;
  operator: string;
  areaId: string | null;
  /** The camera's own watch times, else its area's (Camera.watchSchedule). */
  watchSchedule: Schedule | null;
};
export type LiveViewFacts = {
  camera: LiveViewCamera;
  area: { kind: string; watchSchedule: Schedule } | null;
  decisions: Array<{ published: boolean; validFrom: Date; validUntil: Date; endedAt: Date | null }>;
  events: WatchEventWindow[];
  grants: Array<Grant & { id: string; reference: string }>;
};
export type LiveViewAnswer =
  | {
      allowed: true;
      /** Why it may be watched: the watch rule's reason, or the grant. */
      basis: string;
      expiresAt: Date;
      grant: { id: string; reference: string } | null;
      eventId: string | null;
    }
  | { allowed: false; reason: string };

/** May the camera be watched live at `t`, and on what basis? */
function allowedAt(
  f: LiveViewFacts,
  t: Date,
):
  | { allowed: true; basis: string; grant: { id: string; reference: string } | null; eventId: string | null }
  | {
      allowed: false;
      reason: string;
    } {
  if (f.camera.status !== 'ACTIVE')
    return { allowed: false, reason: `the camera is ${f.camera.status}: only an active camera is watched` };
  if (f.camera.operator === 'THIRD_PARTY') {
    if (!policeAccess(f.grants, 'LIVE_VIEW', t))
      return {
        allowed: false,
        reason: "no active access grant with scope LIVE_VIEW for this third party's camera (004)",
      };
    const grant = f.grants.find((g) => policeAccess([g], 'LIVE_VIEW', t))!;
    return {
      allowed: true,
      basis: `access grant ${grant.reference} (004)`,
      grant: { id: grant.id, reference: grant.reference },
      eventId: null,
    };
  }
  if (!f.area)
    return {
      allowed: false,
      reason:
        'the camera is in no camera area: it is watched live only under a designation and its watch times (003 §3.2, §4.3)',
    };
  const designated = f.decisions.some((d) => decisionStatus(d, t) === 'ACTIVE');
  const schedule = f.camera.watchSchedule ?? f.area.watchSchedule;
  const answer = mayWatchLive({ kind: f.area.kind, watchSchedule: schedule }, designated, f.events, t);
  return answer.allowed
    ? { allowed: true, basis: answer.reason, grant: null, eventId: answer.eventId }
    : { allowed: false, reason: answer.reason };
}

/**
 * The answer for a session opened at `at`: refused with the reason, or allowed until the first moment
 * within MAX_SESSION_MINUTES the rule no longer allows it (a watch window's, event's, designation's or
 * grant's end), looked at on every minute (watch times are whole minutes) and at each of those ends.
 */
export function liveViewSession(f: LiveViewFacts, at: Date): LiveViewAnswer {
  const now = allowedAt(f, at);
  if (!now.allowed) return now;
  const max = at.getTime() + MAX_SESSION_MINUTES * MIN;
  const ends = [
    ...f.decisions.flatMap((d) => [d.validUntil, d.endedAt]),
    ...f.events.flatMap((e) => [
      new Date(e.endsAt.getTime() + e.watchAfterMinutes * MIN),
      new Date(e.startsAt.getTime() - e.watchBeforeMinutes * MIN),
      e.cancelledAt,
    ]),
    ...f.grants.flatMap((g) => [g.validUntil, g.revokedAt]),
  ]
    .filter((d): d is Date => d !== null && d.getTime() > at.getTime() && d.getTime() < max)
    .map((d) => d.getTime());
  const minutes: number[] = [];
  for (let t = Math.floor(at.getTime() / MIN) * MIN + MIN; t < max; t += MIN) minutes.push(t);
  const moments = [...new Set([...ends, ...minutes])].sort((a, b) => a - b);
  const end = moments.find((t) => !allowedAt(f, new Date(t)).allowed) ?? max;
  return { allowed: true, basis: now.basis, grant: now.grant, eventId: now.eventId, expiresAt: new Date(end) };
}

/** Is a session running at `at`: not closed and not expired. */
export const sessionActive = (s: { closedAt: Date | null; expiresAt: Date }, at: Date): boolean =>
  !s.closedAt && at.getTime() < s.expiresAt.getTime();

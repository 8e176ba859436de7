// Police access to a third party's fixed camera (004), enforced where the footage is. Pure: no
// database, time passed in. db/grants.ts is the same rule as SQL; packages/auth's policy refuses a
// THIRD_PARTY camera's recordings to the police without the grant this module names.
//
// 004: "Politiezone Antwerpen heeft ook toegang tot vaste camera's van derde partijen" — access the
// owner grants (cameras subgraph: a grant with a scope, LIVE_VIEW and/or RECORDINGS, and a period,
// revocable). Those cameras stay under the owner's law: "Camera's van andere partijen zoals steden en
// gemeentes, burgers en bedrijven worden nog wel geregeld door de camerawet."
//
// Decision — must the recording itself fall within the grant's period? Yes. The owner stays the
// controller of its images (camerawet); the police have what the owner granted: that use, for that
// period. Footage the camera made before the grant began (or after it ended) was not made under the
// police's access; for it the police ask the owner, as anyone asks for footage (004 "Toegang tot
// camerabeelden": a request). So a recording is served only under ONE grant that
//   1. names the use (RECORDINGS for metadata, playback links and holds; LIVE_VIEW for watching live),
//   2. is active at the moment of access (in its period, not revoked), and
//   3. whose period contains the whole recording (started at or after validFrom, ended by validUntil).
// A revoked grant covers nothing any more, also not what was recorded while it ran: the owner withdrew
// the access (a hold placed before stays: securing is not reading).

export const GRANT_SCOPES = ['LIVE_VIEW', 'RECORDINGS'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

export type GrantFacts = {
  id: string;
  scope: string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
};

/** In its period and not revoked at `at` (the cameras subgraph's `active`, 004). */
export const grantActiveAt = (g: GrantFacts, at: Date): boolean =>
  !g.revokedAt && g.validFrom.getTime() <= at.getTime() && at.getTime() < g.validUntil.getTime();

/**
 * The grant under which the police may use this recording of a third party's camera at `at` (its
 * metadata, a playback link, a hold), or null: no such use. The latest-starting grant wins.
 */
export function recordingGrant<G extends GrantFacts>(
  grants: G[],
  recording: { startedAt: Date; endedAt: Date },
  at: Date,
): G | null {
  const covering = grants.filter(
    (g) =>
      g.scope.includes('RECORDINGS') &&
      grantActiveAt(g, at) &&
      g.validFrom.getTime() <= recording.startedAt.getTime() &&
      recording.endedAt.getTime() <= g.validUntil.getTime(),
  );
  covering.sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime() || (a.id < b.id ? -1 : 1));
  return covering[0] ?? null;
}

// Outbox topics (packages/events) this subgraph publishes and consumes. Subgraphs never import each
// other: the footage side declares the same names and shapes in subgraphs/footage/src/db/request-holds.ts.

/** A request was filed or changed (payload: the request row): feeds footageRequestChanged. */
export const FOOTAGE_REQUEST_CHANGED = 'requests.footageRequestChanged';
export const LIVE_TOPICS = [FOOTAGE_REQUEST_CHANGED];

/** → footage: secure the recordings of these cameras in this window under a legal hold. */
export const HOLD_REQUESTED = 'requests.holdRequested';
export type HoldRequestedPayload = {
  requestId: string;
  caseReference: string;
  reason: string;
  cameraIds: string[];
  windowStart: string;
  windowEnd: string;
  requestedBy: { kind: string; sub: string; org?: string };
  at: string;
};

/** → footage: release the hold placed for this request (the request was closed). */
export const HOLD_RELEASE_REQUESTED = 'requests.holdReleaseRequested';
export type HoldReleaseRequestedPayload = {
  requestId: string;
  holdId: string;
  reason: string;
  requestedBy: { kind: string; sub: string; org?: string };
  at: string;
};

/** ← footage: the hold was placed (holdId null and no ids: no footage of those cameras in that window exists). */
export const HOLDS_PLACED = 'footage.holdsPlaced';
export type HoldsPlacedPayload = { requestId: string; holdId: string | null; recordingIds: string[] };

/** ← footage: the hold was released; its recordings return to normal retention. */
export const HOLD_RELEASED = 'footage.holdReleased';
export type HoldReleasedPayload = { requestId: string; holdId: string; recordingIds: string[]; at?: string };

/** ← cameras: a camera exists (id, municipality, area; covert when the cameras subgraph says so). */
export const CAMERA_REGISTERED = 'cameras.cameraRegistered';
export type CameraRegisteredPayload = { id: string; municipality: string; areaId: string | null; kind: string; covert?: boolean };

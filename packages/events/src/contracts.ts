// Events that cross subgraphs: the one declaration of each topic and payload that a publisher and
// its consumers share (subgraphs never import each other, so the contract lives here).

/** cameras → everyone keeping a replica: a camera exists. */
export const CAMERA_REGISTERED = 'cameras.cameraRegistered';
export type CameraRegisteredPayload = {
  id: string;
  municipality: string;
  areaId: string | null;
  kind: string;
  latitude: number;
  longitude: number;
  covert: boolean;
  /** Who runs it (POLICE, MUNICIPALITY, THIRD_PARTY); absent in events from before it was kept: POLICE. */
  operator?: string;
  /**
   * Its status (ACTIVE, MAINTENANCE, OFFLINE, DECOMMISSIONED). The camera is announced again when its
   * status changes, so a replica knows what the Camera policy conditions on (a decommissioned camera
   * is out of the public register). Absent in events from before it was carried: ACTIVE.
   */
  status?: string;
};

/** cameras → everyone validating municipalities: a municipality is known (code, name, country). */
export const MUNICIPALITY_REGISTERED = 'cameras.municipalityRegistered';
export type MunicipalityRegisteredPayload = { code: string; name: string; country: string };

/**
 * cameras → footage: police access to a third party's camera was granted or changed (revoked), with
 * its whole current state (004). Published in the transaction of the change; keyed by `id`.
 */
export const ACCESS_GRANT_CHANGED = 'cameras.accessGrantChanged';
export type AccessGrantChangedPayload = {
  id: string;
  cameraId: string;
  municipality: string;
  thirdParty: string;
  /** LIVE_VIEW, RECORDINGS */
  scope: string[];
  validFrom: string;
  validUntil: string;
  reference: string;
  revokedAt: string | null;
};

type RequestedBy = { kind: string; sub: string; org?: string };

/** requests → footage: secure the recordings of these cameras in this window under a legal hold. */
export const HOLD_REQUESTED = 'requests.holdRequested';
export type HoldRequestedPayload = {
  requestId: string;
  caseReference: string;
  reason: string;
  cameraIds: string[];
  windowStart: string;
  windowEnd: string;
  requestedBy: RequestedBy;
  at: string;
};

/** requests → footage: release the hold placed for this request (the request was closed). */
export const HOLD_RELEASE_REQUESTED = 'requests.holdReleaseRequested';
export type HoldReleaseRequestedPayload = {
  requestId: string;
  holdId: string;
  reason: string;
  requestedBy: RequestedBy;
  at: string;
};

/** footage → requests: the hold is placed (holdId null, no ids: no footage of those cameras in that window). */
export const HOLDS_PLACED = 'footage.holdsPlaced';
export type HoldsPlacedPayload = { requestId: string; holdId: string | null; recordingIds: string[] };

/** footage → requests: the hold is released; its recordings return to normal retention. */
export const HOLD_RELEASED = 'footage.holdReleased';
export type HoldReleasedPayload = { requestId: string; holdId: string; recordingIds: string[]; at?: string };

/**
 * Every topic and its payload: `publish`, `onLive` and `consume` are typed by it, so consumers need no
 * casts. The cross-subgraph topics above are declared here; a topic that only feeds its own
 * subgraph's subscriptions is added next to its constant by augmenting this interface
 * (`declare module '@hub/events' { interface TopicPayloads { [MY_TOPIC]: MyPayload } }`).
 */
export interface TopicPayloads {
  [CAMERA_REGISTERED]: CameraRegisteredPayload;
  [MUNICIPALITY_REGISTERED]: MunicipalityRegisteredPayload;
  [ACCESS_GRANT_CHANGED]: AccessGrantChangedPayload;
  [HOLD_REQUESTED]: HoldRequestedPayload;
  [HOLD_RELEASE_REQUESTED]: HoldReleaseRequestedPayload;
  [HOLDS_PLACED]: HoldsPlacedPayload;
  [HOLD_RELEASED]: HoldReleasedPayload;
}
export type Topic = keyof TopicPayloads & string;

/**
 * Topics some subgraph consumes durably: the outbox keeps them until every reader has passed them
 * (and a week more), since a consumer catches up from its position. Every other topic only feeds
 * live subscriptions and is pruned after a day.
 */
export const DURABLE_TOPICS: readonly Topic[] = [
  CAMERA_REGISTERED,
  MUNICIPALITY_REGISTERED,
  ACCESS_GRANT_CHANGED,
  HOLD_REQUESTED,
  HOLD_RELEASE_REQUESTED,
  HOLDS_PLACED,
  HOLD_RELEASED,
];

/**
 * Compacted topics: each event carries the whole current state of one thing (a camera, a
 * municipality, a grant), named by this payload field. The latest event per key is never pruned, so a new or
 * renamed consumer rebuilds its replica by replaying them from the start (events.pruneDurable).
 */
export const COMPACTION_KEYS: Partial<Record<Topic, string>> = {
  [CAMERA_REGISTERED]: 'id',
  [MUNICIPALITY_REGISTERED]: 'code',
  [ACCESS_GRANT_CHANGED]: 'id',
};

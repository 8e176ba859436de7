// Outbox topics (packages/events) this subgraph publishes and consumes. Subgraphs never import each
// other: what crosses subgraphs is declared in packages/events/src/contracts.ts.

import type { requestTable } from '../db/schema.js';

/** A request was filed or changed (payload: the request row): feeds footageRequestChanged. */
export const FOOTAGE_REQUEST_CHANGED = 'requests.footageRequestChanged';
export const LIVE_TOPICS = [FOOTAGE_REQUEST_CHANGED] as const;

declare module '@hub/events' {
  interface TopicPayloads {
    [FOOTAGE_REQUEST_CHANGED]: typeof requestTable.$inferSelect;
  }
}

// The contracts with footage and cameras are declared once, in packages/events.
export {
  CAMERA_REGISTERED,
  HOLD_RELEASE_REQUESTED,
  HOLD_RELEASED,
  HOLD_REQUESTED,
  HOLDS_PLACED,
  type CameraRegisteredPayload,
  type HoldReleasedPayload,
  type HoldReleaseRequestedPayload,
  type HoldRequestedPayload,
  type HoldsPlacedPayload,
} from '@hub/events';

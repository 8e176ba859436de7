// Outbox topics (packages/events) this subgraph publishes. Subgraphs never import each other: what
// crosses subgraphs is declared in packages/events/src/contracts.ts.
import type { RegistrationRow } from '../db/registrations.js';

/** A registration was declared, changed, confirmed or deregistered: feeds registrationChanged. */
export const REGISTRATION_CHANGED = 'registrations.registrationChanged';
export const LIVE_TOPICS = [REGISTRATION_CHANGED] as const;

declare module '@hub/events' {
  interface TopicPayloads {
    [REGISTRATION_CHANGED]: { change: string; row: RegistrationRow };
  }
}

// The contracts with the cameras subgraph are declared once, in packages/events.
export {
  CAMERA_REGISTERED,
  MUNICIPALITY_REGISTERED,
  type CameraRegisteredPayload,
  type MunicipalityRegisteredPayload,
} from '@hub/events';

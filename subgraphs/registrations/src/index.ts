// The registrations subgraph: private and business cameras declared to the police, compliance
// flags for the authority, and camerasNear for investigators.
import { fileURLToPath } from 'node:url';
import { auditLogOf } from '@hub/audit';
import type { Events } from '@hub/events';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { applyCameraRegistered, applyMunicipalityRegistered } from './db/replica.js';
import { RegistrationResolver } from './schema/registration.js';
import { registrationLoader } from './schema/registration.reference.js';
import { CAMERA_REGISTERED, LIVE_TOPICS, MUNICIPALITY_REGISTERED } from './schema/topics.js';
import { CameraRef } from './schema/types.js';

function background({ events }: { events: Events }) {
  // which country (law) a declaration falls under, from the cameras subgraph's municipalities
  events.consume('registrations.municipality-replica', [MUNICIPALITY_REGISTERED], (tx, e) =>
    applyMunicipalityRegistered(tx, e.payload),
  );
  // public cameras' positions, for camerasNear
  events.consume('registrations.camera-replica', [CAMERA_REGISTERED], (tx, e) => applyCameraRegistered(tx, e.payload));
}

export const registrationsSubgraph: SubgraphDefinition = {
  name: 'registrations',
  resolvers: [RegistrationResolver],
  orphanedTypes: [CameraRef],
  stubs: ['Camera'],
  entities: { PrivateCameraRegistration: registrationLoader },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  // the shared audit log (camerasNear and contact reads are logged), before anything appends to it
  prepare: (database) => auditLogOf(database).migrate(),
  liveTopics: LIVE_TOPICS,
  background,
};

export { REGISTRATION_CHANGED } from './schema/topics.js';
export { distanceMeters } from './domain/geo.js';

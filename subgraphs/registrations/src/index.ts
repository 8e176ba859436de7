// The registrations subgraph: private and business cameras declared to the police, compliance
// flags for the authority, and camerasNear for investigators.
import { fileURLToPath } from 'node:url';
import { CAMERA_REGISTERED, MUNICIPALITY_REGISTERED, type CameraRegisteredPayload } from '@hub/events';
import { auditLogOf } from '@hub/audit';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { municipalityReplica, publicCameraReplica } from './db/schema.js';
import { REGISTRATION_CHANGED, RegistrationResolver, registrationLoader } from './schema/registration.js';
import { CameraRef } from './schema/types.js';

export const registrationsSubgraph: SubgraphDefinition = {
  name: 'registrations',
  resolvers: [RegistrationResolver],
  orphanedTypes: [CameraRef],
  stubs: ['Camera'],
  entities: { PrivateCameraRegistration: registrationLoader },
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  // the shared audit log (camerasNear and contact reads are logged), before anything appends to it
  prepare: (database) => auditLogOf(database).migrate(),
  liveTopics: [REGISTRATION_CHANGED],
  background({ events }) {
    events.consume('registrations.municipality-replica', [MUNICIPALITY_REGISTERED], async (tx, e) => {
      const m = e.payload;
      await tx
        .insert(municipalityReplica)
        .values(m)
        .onConflictDoUpdate({ target: municipalityReplica.code, set: { name: m.name, country: m.country } });
    });
    events.consume('registrations.camera-replica', [CAMERA_REGISTERED], async (tx, e) => {
      // events from before positions were part of the contract carry none
      const c: Partial<CameraRegisteredPayload> & Pick<CameraRegisteredPayload, 'id' | 'municipality' | 'kind'> =
        e.payload;
      if (c.latitude == null || c.longitude == null) return; // announced before positions were part of the event
      const row = {
        id: c.id,
        municipality: c.municipality,
        kind: c.kind,
        latitude: c.latitude,
        longitude: c.longitude,
        covert: !!c.covert,
      };
      await tx.insert(publicCameraReplica).values(row).onConflictDoUpdate({ target: publicCameraReplica.id, set: row });
    });
  },
};

export { distanceMeters } from './domain/geo.js';

// The registrations subgraph's replicas of the cameras subgraph's data, fed by its outbox events:
// municipalities (code, name, country: which law a declaration falls under) and public cameras'
// positions (for camerasNear).
import type { Queryable } from '@hub/db';
import type { CameraRegisteredPayload, MunicipalityRegisteredPayload } from '@hub/events';
import { municipalityReplica, publicCameraReplica } from './schema.js';

/** Upsert one municipality. */
export async function applyMunicipalityRegistered(tx: Queryable, m: MunicipalityRegisteredPayload): Promise<void> {
  await tx
    .insert(municipalityReplica)
    .values(m)
    .onConflictDoUpdate({ target: municipalityReplica.code, set: { name: m.name, country: m.country } });
}

/** Upsert one public camera's position; events from before positions were part of the contract carry none. */
export async function applyCameraRegistered(
  tx: Queryable,
  c: Partial<CameraRegisteredPayload> & Pick<CameraRegisteredPayload, 'id' | 'municipality' | 'kind'>,
): Promise<void> {
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
}

// The requests subgraph's replica of the cameras subgraph's cameras (id, municipality, area, kind,
// covert, status), fed by cameraRegistered events: unknown cameras are refused at filing, every
// request belongs to one municipality, and the counts leave covert cameras out.
import type { Queryable } from '@hub/db';
import type { CameraRegisteredPayload } from '@hub/events';
import { cameraReplica } from './schema.js';

/** Upsert one camera. */
export async function applyCameraRegistered(tx: Queryable, c: CameraRegisteredPayload): Promise<void> {
  const values = {
    municipality: c.municipality,
    areaId: c.areaId,
    kind: c.kind,
    covert: c.covert === true,
    status: c.status ?? 'ACTIVE',
  };
  await tx
    .insert(cameraReplica)
    .values({ id: c.id, ...values })
    .onConflictDoUpdate({ target: cameraReplica.id, set: values });
}

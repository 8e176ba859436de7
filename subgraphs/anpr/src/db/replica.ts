// The replica of the cameras subgraph's cameras (id, municipality, area, kind, covert), kept by its
// cameraRegistered events (durable consumer `anpr.camera-replica`), and the reads of it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@hub/db';
import type { CameraRegisteredPayload } from '@hub/events';
import { cameraReplica } from './schema.js';

export type ReplicaCamera = typeof cameraReplica.$inferSelect;

/** Insert or update a camera from its cameraRegistered event. */
export async function applyCameraRegistered(tx: Queryable, c: CameraRegisteredPayload): Promise<void> {
  const facts = { municipality: c.municipality, areaId: c.areaId, kind: c.kind, covert: c.covert === true };
  await tx
    .insert(cameraReplica)
    .values({ id: c.id, ...facts })
    .onConflictDoUpdate({ target: cameraReplica.id, set: facts });
}

/** One camera as the replica knows it, or undefined. */
export async function replicaCamera(on: Queryable, id: string): Promise<ReplicaCamera | undefined> {
  const [cam] = await on.select().from(cameraReplica).where(eq(cameraReplica.id, id));
  return cam;
}

/** The ids of an area's ANPR cameras that are not covert. */
export async function openAnprCamerasOfArea(on: Queryable, municipality: string, areaId: string): Promise<string[]> {
  const cams = await on
    .select({ id: cameraReplica.id })
    .from(cameraReplica)
    .where(
      and(
        eq(cameraReplica.municipality, municipality),
        eq(cameraReplica.areaId, areaId),
        eq(cameraReplica.covert, false),
        inArray(cameraReplica.kind, ['ANPR_FIXED', 'ANPR_MOBILE']),
      ),
    );
  return cams.map((c) => c.id);
}

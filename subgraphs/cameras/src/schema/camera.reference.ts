// The federation reference resolver of Camera (the requests, footage and ANPR subgraphs name cameras).
// The gateway and the subgraph's field guards apply the policy to what it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { camerasByIds, toCamera } from '../db/cameras.js';

/** Cameras by id for `_entities` and other subgraphs' references. */
export const loadCameras = async (ids: string[], ctx: HubContext) =>
  (await camerasByIds(ctx.db, ids)).map(toCamera) as unknown as Array<Record<string, unknown>>;

// The federation reference resolver of CameraArea, and the same read batched per request for the
// field resolvers (a page of cameras or decisions asks once for all their areas). Only the areas the
// caller may read: a draft area is not announced to the public.
import { createBatchLoader, type HubContext } from '@hub/subgraph-kit';
import { areasByIds } from '../db/areas.js';

/** Areas by id that the caller may read. */
export async function loadAreas(ids: string[], ctx: HubContext) {
  return (await areasByIds(ctx.db, ctx.ability, ids)) as unknown as Array<Record<string, unknown>>;
}

/** loadAreas batched per request. */
export const areaLoader = createBatchLoader(loadAreas);

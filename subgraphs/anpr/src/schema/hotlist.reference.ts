// The federation reference resolvers of Hotlist, HotlistEntry and AnprHit. The gateway and the
// subgraph's field guards apply the policy to what they return.
import type { HubContext } from '@hub/subgraph-kit';
import { hitsByIds } from '../db/hits.js';
import { entriesByIds, hotlistsByIds, toEntry } from '../db/hotlists.js';

/** Hotlists by id for `_entities`. */
export const loadHotlists = async (ids: string[], ctx: HubContext) => (await hotlistsByIds(ctx.db, ids)) as never;

/** Hotlist entries by id for `_entities`. */
export const loadHotlistEntries = async (ids: string[], ctx: HubContext) =>
  (await entriesByIds(ctx.db, ids)).map(toEntry) as never;

/** Hits by id for `_entities`. */
export const loadHits = async (ids: string[], ctx: HubContext) => (await hitsByIds(ctx.db, ids)) as never;

// The federation reference resolver of AnprRead (a hit names its read). The gateway and the subgraph's
// field guards apply the policy to what it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { readsByIds } from '../db/reads.js';

/** Reads by id for `_entities`. */
export const loadReads = async (ids: string[], ctx: HubContext) => (await readsByIds(ctx.db, ids)) as never;

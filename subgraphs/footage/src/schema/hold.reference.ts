// The federation reference resolver of LegalHold (a footage request names its hold). The gateway and
// the subgraph's field guards apply the policy to what it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { holdsByIds } from '../db/holds.js';

/** Legal holds by id for `_entities`. */
export const holdLoader = async (ids: string[], ctx: HubContext) =>
  (await holdsByIds(ctx.db, ids)) as unknown as Array<Record<string, unknown>>;

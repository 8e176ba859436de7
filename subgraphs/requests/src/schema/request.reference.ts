// The federation reference resolver of FootageRequest (the footage subgraph's holds name theirs). The
// gateway and the subgraph's field guards apply the policy to what it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { requestsByIds, toRequest } from '../db/requests.js';

export const requestLoader = async (ids: string[], ctx: HubContext) =>
  (await requestsByIds(ctx.db, ids)).map(toRequest) as never;

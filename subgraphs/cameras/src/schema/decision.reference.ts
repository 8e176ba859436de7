// The federation reference resolver of DesignationDecision. The gateway and the subgraph's field
// guards apply the policy to what it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { decisionsByIds, toDecision } from '../db/decisions.js';

export const decisionLoader = async (ids: string[], ctx: HubContext) =>
  (await decisionsByIds(ctx.db, ids)).map(toDecision) as unknown as Array<Record<string, unknown>>;

// The federation reference resolver of PrivateCameraRegistration (camerasNear's results, and any
// subgraph that names one). The gateway and the subgraph's field guards apply the policy to what
// it returns.
import type { HubContext } from '@hub/subgraph-kit';
import { registrationsByIds, toRegistration } from '../db/registrations.js';

export const registrationLoader = async (ids: string[], ctx: HubContext) => {
  const rows = await registrationsByIds(ctx.db, ids);
  const now = ctx.clock.now();
  return rows.map((r) => toRegistration(r, now)) as unknown as Array<Record<string, unknown>>;
};

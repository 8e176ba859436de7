import 'reflect-metadata';
import type { GatewayStream } from '@hub/gateway';
import { MAX_STREAM_MS, type SubgraphDefinition } from '@hub/subgraph-kit';
import { anprSubgraph } from '@hub/anpr';
import { camerasSubgraph } from '@hub/cameras';
import { footageSubgraph } from '@hub/footage';
import { registrationsSubgraph } from '@hub/registrations';
import { requestsSubgraph } from '@hub/requests';

/** Every subgraph of the hub, in boot order. */
export const SUBGRAPHS: SubgraphDefinition[] = [
  camerasSubgraph,
  footageSubgraph,
  registrationsSubgraph,
  requestsSubgraph,
  anprSubgraph,
];

/** The gateway's view of the subgraphs' streaming endpoints: path, owner and what they require. */
export function gatewayStreams(defs: SubgraphDefinition[]): GatewayStream[] {
  return defs.flatMap((d) =>
    (d.streams ?? []).map((s) => ({
      path: s.path,
      subgraph: d.name,
      action: s.action,
      subject: s.subject,
      maxMs: MAX_STREAM_MS,
    })),
  );
}

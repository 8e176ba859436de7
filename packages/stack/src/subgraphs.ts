import 'reflect-metadata';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { anprSubgraph } from '@hub/anpr';
import { camerasSubgraph } from '@hub/cameras';
import { footageSubgraph } from '@hub/footage';
import { registrationsSubgraph } from '@hub/registrations';
import { requestsSubgraph } from '@hub/requests';

/** Every subgraph of the hub, in boot order. */
export const SUBGRAPHS: SubgraphDefinition[] = [camerasSubgraph, footageSubgraph, registrationsSubgraph, requestsSubgraph, anprSubgraph];

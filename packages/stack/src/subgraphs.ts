import 'reflect-metadata';
import type { SubgraphDefinition } from '@hub/subgraph-kit';
import { camerasSubgraph } from '@hub/cameras';
import { footageSubgraph } from '@hub/footage';

/** Every subgraph of the hub, in boot order. */
export const SUBGRAPHS: SubgraphDefinition[] = [camerasSubgraph, footageSubgraph];

// Composes the supergraph from every subgraph's SDL (in process, no running servers needed).
// `npm run compose` writes schema/supergraph.graphql; a test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { buildSubgraph, type SubgraphDefinition } from '@hub/subgraph-kit';
import { SUBGRAPHS } from './subgraphs.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** URL placeholder in the committed file; the running stack tells the gateway the real ones. */
export const placeholderUrl = (name: string) => `http://${name}.subgraphs.internal/graphql`;

export function composeSupergraph(subgraphs: Array<{ name: string; sdl: string; url?: string }>): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url ?? placeholderUrl(s.name) })));
  if (result.errors?.length) throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl!;
}

export function composeFromDefinitions(defs: SubgraphDefinition[] = SUBGRAPHS): string {
  return composeSupergraph(defs.map((d) => ({ name: d.name, sdl: buildSubgraph(d).sdl })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SUPERGRAPH_FILE, composeFromDefinitions());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
}

// Composes the supergraph from every subgraph's SDL (in process, no running servers needed).
// `npm run compose` writes schema/supergraph.graphql; a test fails when the committed file is stale.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { buildSubgraph, type SubgraphDefinition } from '@hub/subgraph-kit';
import { SUBGRAPHS } from './subgraphs.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** URL placeholder in the committed file; the running stack tells the gateway the real ones. */
export const placeholderUrl = (name: string) => `http://${name}.subgraphs.internal/graphql`;

type SubgraphSdl = { name: string; sdl: string; url?: string };

// The first line of a composed supergraph names what it was composed from, so a start can tell
// whether the committed file still fits the subgraphs it runs.
const SOURCE_MARK = '# composed from subgraph SDL sha256:';
const sourceLine = (subgraphs: SubgraphSdl[]) =>
  `${SOURCE_MARK}${createHash('sha256')
    .update(JSON.stringify(subgraphs.map((s) => [s.name, s.sdl, s.url ?? null])))
    .digest('hex')}\n`;

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url ?? placeholderUrl(s.name) })),
  );
  if (result.errors?.length)
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return sourceLine(subgraphs) + result.supergraphSdl!;
}

/**
 * The committed schema/supergraph.graphql when it was composed from exactly these subgraphs' SDL
 * (npm start: composing costs ~1.5 CPU s of the start), else a new composition (a changed schema
 * not yet recomposed, a test stack with fewer subgraphs).
 */
export function supergraphOf(subgraphs: SubgraphSdl[]): string {
  const committed = existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
  return committed.startsWith(sourceLine(subgraphs)) ? committed : composeSupergraph(subgraphs);
}

export function composeFromDefinitions(defs: SubgraphDefinition[] = SUBGRAPHS): string {
  return composeSupergraph(defs.map((d) => ({ name: d.name, sdl: buildSubgraph(d).sdl })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SUPERGRAPH_FILE, composeFromDefinitions());
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
}

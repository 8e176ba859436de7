// Demo identities for `npm start` and `npm run token`: one per actor, matching the demo city.
import { join } from 'node:path';
import type { Actor, ActorKind } from './actor.js';

/** Where embedded mode keeps its data and dev keys (HUB_DATA_DIR overrides). */
export function dataDir(env = process.env): string {
  return env.HUB_DATA_DIR ?? join(process.cwd(), '.data');
}
export const keysDir = (env = process.env) => join(dataDir(env), 'keys');

export const DEMO_ACTORS: Record<Exclude<ActorKind, 'public'>, Actor> = {
  police: { kind: 'police', sub: 'agent-4711', org: 'politie-midden-nederland' },
  municipality: { kind: 'municipality', sub: 'oov-utrecht-1', org: 'gemeente-utrecht-oov', municipality: 'GM0344' },
  company: { kind: 'company', sub: 'beveiliging-1', org: 'KVK-30123456' },
  authority: { kind: 'authority', sub: 'ap-toezicht-1', org: 'autoriteit-persoonsgegevens' },
  citizen: { kind: 'citizen', sub: 'citizen-8f3a' },
  system: { kind: 'system', sub: 'anpr-net-antwerpen', org: 'politiezone-antwerpen', municipality: '11002' },
};

/** The demo city's municipalities and the organisation a municipality token of each carries. */
export const DEMO_MUNICIPALITY_ORGS: Record<string, string> = {
  GM0344: 'gemeente-utrecht-oov',
  GM0518: 'gemeente-den-haag-oov',
  GM0034: 'gemeente-almere-oov',
  '11002': 'stad-antwerpen-veiligheid',
};

/** A demo municipality official of `municipality`, with that municipality's organisation (never Utrecht's). */
export function demoMunicipalityActor(municipality: string): Actor {
  if (municipality === DEMO_ACTORS.municipality.municipality) return DEMO_ACTORS.municipality;
  const org = DEMO_MUNICIPALITY_ORGS[municipality] ?? `gemeente-${municipality.toLowerCase()}`;
  return { kind: 'municipality', sub: `oov-${org.replace(/^(gemeente|stad)-/, '')}-1`, org, municipality };
}

/** The development sign-in picker of the web app: every demo actor, and a second of some kinds. */
export const DEMO_IDENTITIES: Array<{ id: string; label: string; actor: Actor }> = [
  { id: 'police', label: 'Politie Midden-Nederland (agent-4711)', actor: DEMO_ACTORS.police },
  { id: 'municipality-utrecht', label: 'Gemeente Utrecht (OOV)', actor: DEMO_ACTORS.municipality },
  { id: 'municipality-den-haag', label: 'Gemeente Den Haag (OOV)', actor: demoMunicipalityActor('GM0518') },
  { id: 'company', label: 'Beveiliging BV (KVK-30123456)', actor: DEMO_ACTORS.company },
  {
    id: 'company-2',
    label: 'Bakkerij De Neude (KVK-30999888)',
    actor: { kind: 'company', sub: 'bakkerij-1', org: 'KVK-30999888' },
  },
  { id: 'authority', label: 'Autoriteit Persoonsgegevens', actor: DEMO_ACTORS.authority },
  { id: 'citizen', label: 'Burger (citizen-8f3a)', actor: DEMO_ACTORS.citizen },
];

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

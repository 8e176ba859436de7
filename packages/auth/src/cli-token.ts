// npm run -s token -- <actor> [--org X] [--municipality Y] [--sub Z]
// Prints a dev JWT signed with the embedded key pair under .data/keys (created if missing).
import { parseArgs } from 'node:util';
import { DEMO_ACTORS, demoMunicipalityActor, keysDir } from './demo.js';
import { isActorKind, type Actor } from './actor.js';
import { loadOrCreateDevKeys, signDevToken } from './jwt.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    municipality: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string' },
  },
});
const kind = positionals[0];
if (!isActorKind(kind) || kind === 'public') {
  process.stderr.write(
    'usage: npm run -s token -- <police|municipality|company|authority|citizen|system> [--org X] [--municipality Y] [--sub Z]\n(the public needs no token)\n',
  );
  process.exit(2);
}
// a municipality token of another municipality carries that municipality's organisation, not Utrecht's
const base =
  kind === 'municipality' && values.municipality ? demoMunicipalityActor(values.municipality) : DEMO_ACTORS[kind];
const actor: Actor = {
  ...base,
  ...(values.org ? { org: values.org } : {}),
  ...(values.municipality ? { municipality: values.municipality } : {}),
  ...(values.sub ? { sub: values.sub } : {}),
};
const keys = await loadOrCreateDevKeys(keysDir());
process.stdout.write(`${await signDevToken(keys, actor, { expiresIn: values.ttl ?? '12h' })}\n`);

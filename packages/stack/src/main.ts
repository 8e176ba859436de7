// npm start: the whole hub in one process on embedded PGlite under .data/ (or DATABASE_URL),
// seeded with the demo city, serving http://localhost:4000/graphql (PORT overrides).
import { DEMO_ACTORS, dataDir } from '@hub/auth';
import { openDatabase } from '@hub/db';
import { configOrExit, embeddedConfig } from './env/index.js';
import { HUB_PGLITE_TEMPLATE } from './template.js';

const started = Date.now();
// NODE_ENV=production: refuses to start, in one line, without the identity provider, keys and
// origins production needs (or HUB_DEV_KEYS=1 for the dev ones under .data)
const config = configOrExit(() => embeddedConfig());
// every subgraph keeps its embedded-mode keys and files under the same data directory
process.env.HUB_DATA_DIR ??= dataDir();
// The database starts (PGlite's first run unpacks the build's migrated template: a second or two)
// while the rest of the hub is still being loaded, not after it.
const opening = openDatabase(
  process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }
    : { dataDir: `${dataDir()}/pglite`, template: HUB_PGLITE_TEMPLATE },
);
const { startStack } = await import('./stack.js');
// the web app at / : built now if dist/ is missing or older than its sources (a fresh clone)
const { ensureWebBuilt } = await import('@hub/web');
await ensureWebBuilt().catch((e) => console.error(`web app not built: ${(e as Error).message}`));
const database = await opening;
const stack = await startStack({
  database,
  dataDir: dataDir(),
  port: process.env.PORT ? config.PORT : 4000,
  host: config.HOST,
  seed: config.HUB_SEED === 'true',
});
const lines = [
  `Camera oversight hub ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  `Web app: ${stack.url.replace('127.0.0.1', 'localhost').replace(/graphql$/, '')}`,
  `GraphQL (HTTP, SSE, graphql-ws): ${stack.url.replace('127.0.0.1', 'localhost')}`,
  `Database: ${stack.database.driver === 'pglite' ? `embedded PGlite in ${dataDir()}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
  '',
  'Tokens (Authorization: Bearer <token>); the public needs none:',
];
for (const [kind, actor] of Object.entries(DEMO_ACTORS)) lines.push(`  ${kind.padEnd(12)} ${await stack.token(actor)}`);
process.stdout.write(`${lines.join('\n')}\n`);

// The demo city's history (recordings, ANPR reads, requests, …) is made through the API after the
// hub is ready, so that starting stays fast; a later start finds it there and does nothing.
if (config.HUB_SEED === 'true') {
  const { seedHistory } = await import('./seed-history.js');
  seedHistory(stack)
    .then(
      (h) =>
        h.made &&
        process.stdout.write(
          `Demo history made through the API in ${(h.ms / 1000).toFixed(1)} s: ${Object.entries(h.counts)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}\n`,
        ),
    )
    .catch((e) => console.error(`demo history not made: ${(e as Error).message}`));
}

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop().catch((e) => console.error(e));
  await database.close().catch(() => {});
  process.exit(0);
};
// our own handlers: the runtime's SIGTERM hook only disposes the gateway (STACK-NOTES)
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

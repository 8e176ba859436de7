// One service per process (production layout): `node packages/stack/dist/serve.js <gateway|subgraph name|migrate>`.
// `migrate` applies every owner's migrations and exits (run once per release, before the new version starts).
// Environment: DATABASE_URL (subgraphs), HUB_INTERNAL_SECRET (all), PORT, HOST;
// gateway: SUBGRAPH_URLS="cameras=http://host:port/graphql,…", JWKS_URL/JWT_ISSUER or dev keys
// under HUB_DATA_DIR; subgraphs: HUB_SEED=true loads the demo data.
// Prints `ready <url>` once listening.
import { readFileSync } from 'node:fs';
import { internalSecretKey, keysDir, loadOrCreateDevKeys } from '@hub/auth';
import { openDatabase } from '@hub/db';
import { Events } from '@hub/events';
import { startGateway } from '@hub/gateway';
import { startSubgraph } from '@hub/subgraph-kit';
import { errorFields, initMetrics, logger, setLogService, startTracing } from '@hub/observability';
import { SUPERGRAPH_FILE } from './compose.js';
import { callerVerifier, webConfig } from './config.js';
import { WEB_DIST } from '@hub/web';
import { SUBGRAPHS, gatewayStreams } from './subgraphs.js';

const role = process.argv[2];
const env = process.env;
// every process: metrics at /metrics named by its role, JSON logs, traces when OTEL_* asks for them
initMetrics(role);
setLogService(role ?? 'hub');
const tracing = startTracing({ service: `hub-${role}` });
if (!env.HUB_INTERNAL_SECRET) throw new Error('HUB_INTERNAL_SECRET must be set (the same in every process)');
const internalKey = internalSecretKey(env.HUB_INTERNAL_SECRET);
const port = Number(env.PORT ?? 0);
const host = env.HOST ?? '127.0.0.1';
let stop: () => Promise<void>;

if (role === 'migrate') {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL must be set');
  const database = await openDatabase({ url: env.DATABASE_URL, max: 2 });
  await new Events(database).migrate();
  for (const def of SUBGRAPHS) {
    await def.prepare?.(database);
    if (def.migrationsFolder) await database.migrate({ migrationsFolder: def.migrationsFolder, schema: def.name });
  }
  await database.close();
  process.stdout.write('migrated\n');
  process.exit(0);
} else if (role === 'gateway') {
  const subgraphUrls = Object.fromEntries(
    (env.SUBGRAPH_URLS ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]),
  );
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls,
    verifyCaller: callerVerifier(await loadOrCreateDevKeys(keysDir())),
    internalKey,
    port,
    host,
    streams: gatewayStreams(SUBGRAPHS),
    web: { root: WEB_DIST, config: webConfig() }, // the built app (npm run build -w @hub/web); no dev sign-in here
  });
  stop = gateway.stop;
  process.stdout.write(`ready ${gateway.url}\n`);
} else {
  const def = SUBGRAPHS.find((d) => d.name === role);
  if (!def) throw new Error(`usage: serve.js <migrate|gateway|${SUBGRAPHS.map((d) => d.name).join('|')}>`);
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL must be set: one PGlite directory cannot be shared by processes');
  const database = await openDatabase({ url: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? 10) });
  const events = new Events(database);
  await events.migrate();
  const subgraph = await startSubgraph(def, { database, events, internalKey, port, host });
  if (env.HUB_SEED === 'true') await def.seed?.(database, events);
  await events.start();
  stop = async () => {
    await subgraph.stop();
    await events.stop();
    await database.close();
  };
  process.stdout.write(`ready ${subgraph.url}\n`);
}

const shutdown = async (signal: string) => {
  logger().info({ signal }, 'stopping');
  await stop().catch((e) => logger().error(errorFields(e), 'stop failed'));
  await tracing?.shutdown().catch(() => {});
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

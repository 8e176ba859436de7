// One service per process (production layout): `node packages/stack/dist/serve.js <gateway|subgraph name|migrate>`.
// `migrate` applies every owner's migrations and exits (run once per release, before the new version starts).
// The environment is checked first (env/: one typed configuration per role); in production a process
// missing what production needs prints one line naming the variables and exits 1, before it loads
// anything else. docs/OPERATIONS.md lists every variable. Prints `ready <url>` once listening.
import {
  SUBGRAPH_ROLES,
  configOrExit,
  gatewayConfig,
  migrateConfig,
  subgraphConfig,
  type SubgraphRole,
} from './env/index.js';

const role = process.argv[2] ?? '';
const usage = `usage: serve.js <migrate|gateway|${SUBGRAPH_ROLES.join('|')}>`;
let stop: () => Promise<void>;
let tracing: { shutdown(): Promise<void> } | undefined;

/** Every long-running process: metrics at /metrics named by its role, JSON logs, traces when OTEL_* asks for them. */
async function observe(name: string) {
  const { initMetrics, setLogService, startTracing } = await import('@hub/observability');
  initMetrics(name);
  setLogService(name);
  tracing = startTracing({ service: `hub-${name}` });
}

if (role === 'migrate') {
  const config = configOrExit(() => migrateConfig());
  const { openDatabase } = await import('@hub/db');
  const { migrateHub } = await import('./migrate.js');
  const database = await openDatabase({ url: config.DATABASE_URL, max: 2 });
  // the role the services connect as: rows of every schema, the audit log only read and appended (docs/OPERATIONS.md)
  await migrateHub(database, {
    serviceRole: config.HUB_SERVICE_ROLE,
    servicePassword: config.HUB_SERVICE_ROLE_PASSWORD,
  });
  await database.close();
  process.stdout.write('migrated\n');
  process.exit(0);
} else if (role === 'gateway') {
  const config = configOrExit(() => gatewayConfig());
  await observe(role);
  const { readFileSync } = await import('node:fs');
  const { internalSecretKey, keysDir, loadOrCreateDevKeys } = await import('@hub/auth');
  const { startGateway } = await import('@hub/gateway');
  const { WEB_DIST } = await import('@hub/web');
  const { SUPERGRAPH_FILE } = await import('./compose.js');
  const { callerVerifier, webConfig } = await import('./config.js');
  const { SUBGRAPHS, gatewayStreams } = await import('./subgraphs.js');
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    subgraphUrls: config.SUBGRAPH_URLS,
    // the dev key pair only without an identity provider, which env/ allows outside production or
    // with HUB_DEV_KEYS=1; with one, no dev key file is even created
    verifyCaller: callerVerifier(config.JWKS_URL ? undefined : await loadOrCreateDevKeys(keysDir()), config),
    internalKey: internalSecretKey(config.HUB_INTERNAL_SECRET),
    port: config.PORT,
    host: config.HOST,
    allowedOrigins: config.HUB_ALLOWED_ORIGINS,
    costBudgets: config.HUB_COST_BUDGETS,
    rateLimits: config.HUB_RATE_LIMITS,
    callerConcurrency: config.HUB_CALLER_CONCURRENCY,
    streams: gatewayStreams(SUBGRAPHS),
    web: { root: WEB_DIST, config: webConfig(config) }, // the built app (npm run build -w @hub/web); no dev sign-in here
  });
  stop = gateway.stop;
  process.stdout.write(`ready ${gateway.url}\n`);
} else if ((SUBGRAPH_ROLES as string[]).includes(role)) {
  const config = configOrExit(() => subgraphConfig(role as SubgraphRole));
  await observe(role);
  const { internalSecretKey } = await import('@hub/auth');
  const { openDatabase } = await import('@hub/db');
  const { Events } = await import('@hub/events');
  const { startSubgraph } = await import('@hub/subgraph-kit');
  const { SUBGRAPHS } = await import('./subgraphs.js');
  const def = SUBGRAPHS.find((d) => d.name === role)!;
  const database = await openDatabase({ url: config.DATABASE_URL, max: config.DB_POOL_MAX });
  const events = new Events(database);
  await events.migrate();
  const internalKey = internalSecretKey(config.HUB_INTERNAL_SECRET);
  const subgraph = await startSubgraph(def, { database, events, internalKey, port: config.PORT, host: config.HOST });
  if (config.HUB_SEED === 'true') await def.seed?.(database, events);
  await events.start();
  if (process.env.NODE_ENV === 'production') {
    // the services run as a role that cannot alter the audit log (docs/OPERATIONS.md, database roles)
    const { auditLogOf } = await import('@hub/audit');
    if (await auditLogOf(database).connectedAsOwner()) {
      const { logger } = await import('@hub/observability');
      logger().warn(
        { role },
        'connected as a role that can alter the audit log (its owner or a superuser): run the services as HUB_SERVICE_ROLE (docs/OPERATIONS.md, database roles)',
      );
    }
  }
  stop = async () => {
    await subgraph.stop();
    await events.stop();
    await database.close();
  };
  process.stdout.write(`ready ${subgraph.url}\n`);
} else {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const shutdown = async (signal: string) => {
  const { errorFields, logger } = await import('@hub/observability');
  logger().info({ signal }, 'stopping');
  await stop().catch((e) => logger().error(errorFields(e), 'stop failed'));
  await tracing?.shutdown().catch(() => {});
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

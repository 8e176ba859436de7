// Boots the whole hub in one process: database, events, every subgraph on its own port, gateway.
// Used by `npm start`, the end-to-end tests and the benchmark.
import {
  DEMO_IDENTITIES,
  internalSecretKey,
  loadOrCreateDevKeys,
  loadOrCreateInternalSecret,
  signDevToken,
  type Actor,
  type DevKeys,
} from '@hub/auth';
import { openDatabase, type Database } from '@hub/db';
import { initMetrics } from '@hub/observability';
import { Events } from '@hub/events';
import { startGateway, type GatewayLimits, type GatewayOptions, type RunningGateway } from '@hub/gateway';
import {
  startSubgraph,
  systemClock,
  type Clock,
  type RunningSubgraph,
  type SubgraphDefinition,
} from '@hub/subgraph-kit';
import { supergraphOf } from './compose.js';
import { callerVerifier, webConfig } from './config.js';
import { embeddedConfig } from './env/index.js';
import { WEB_DIST } from '@hub/web';
import { SUBGRAPHS, gatewayStreams } from './subgraphs.js';

export interface StackOptions {
  database?: Database;
  /** Embedded mode: PGlite directory and dev keys live here; unset → memory (tests). */
  dataDir?: string;
  port?: number;
  host?: string;
  clock?: Clock;
  seed?: boolean;
  production?: boolean;
  limits?: Partial<GatewayLimits>;
  /** Operations per caller and actor kind (gateway plugins/rate-limit.ts); default: HUB_RATE_LIMITS, none in tests. */
  rateLimits?: GatewayOptions['rateLimits'];
  /** Events poll interval (ms); NOTIFY wakes delivery earlier. */
  eventsPollMs?: number;
  /** The subgraphs to run (default: all of the hub's). */
  subgraphs?: SubgraphDefinition[];
}

export interface Stack {
  url: string;
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  database: Database;
  events: Events;
  devKeys: DevKeys;
  internalKey: Uint8Array;
  supergraphSdl: string;
  /** A dev token for an actor (signed with the embedded key pair); `expiresIn` as signDevToken takes it. */
  token(actor: Actor, expiresIn?: string | number): Promise<string>;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  initMetrics(); // process metrics at /metrics (serve.js names each process by its role)
  const keysDir = opts.dataDir ? `${opts.dataDir}/keys` : undefined;
  const database =
    opts.database ??
    (await openDatabase({
      url: process.env.DATABASE_URL || undefined,
      dataDir: opts.dataDir ? `${opts.dataDir}/pglite` : undefined,
    }));
  const events = new Events(database, { pollMs: opts.eventsPollMs ?? 1000 });
  await events.migrate();

  const internalKey = internalSecretKey(loadOrCreateInternalSecret(keysDir));
  const devKeys = await loadOrCreateDevKeys(keysDir);
  // formats checked, production's requirements not (main.ts enforces them for `npm start`)
  const config = embeddedConfig(process.env, { enforce: false });
  const verifyCaller = callerVerifier(devKeys, config);

  const defs = opts.subgraphs ?? SUBGRAPHS;
  const subgraphs: RunningSubgraph[] = [];
  for (const def of defs) {
    subgraphs.push(
      await startSubgraph(def, { database, events, internalKey, clock: opts.clock ?? systemClock, host: opts.host }),
    );
  }
  if (opts.seed) for (const def of defs) await def.seed?.(database, events);
  await events.start();
  // consumers (e.g. replicas of another subgraph's entities) have caught up before we serve
  await events.flush();

  const supergraphSdl = supergraphOf(subgraphs.map((s) => ({ name: s.name, sdl: s.sdl })));
  const gateway = await startGateway({
    supergraphSdl,
    subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
    verifyCaller,
    internalKey,
    port: opts.port ?? 0,
    host: opts.host,
    production: opts.production,
    limits: opts.limits,
    allowedOrigins: config.HUB_ALLOWED_ORIGINS,
    costBudgets: config.HUB_COST_BUDGETS,
    // tests hammer the hub as one demo identity per kind: no rate limit unless asked for
    rateLimits: opts.rateLimits ?? config.HUB_RATE_LIMITS ?? (opts.production ? false : undefined),
    callerConcurrency: config.HUB_CALLER_CONCURRENCY,
    streams: gatewayStreams(defs),
    web: {
      root: WEB_DIST,
      config: webConfig(config),
      // demo identities with dev tokens (an hour); the gateway never offers this in production
      devSignIn: config.JWKS_URL
        ? undefined // tokens come from the identity provider: dev tokens would not verify
        : {
            identities: DEMO_IDENTITIES,
            sign: async (actor) => ({
              token: await signDevToken(devKeys, actor, { expiresIn: '1h' }),
              expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
            }),
          },
    },
  });

  return {
    url: gateway.url,
    gateway,
    subgraphs,
    database,
    events,
    devKeys,
    internalKey,
    supergraphSdl,
    token: (actor, expiresIn) => signDevToken(devKeys, actor, { expiresIn }),
    async stop() {
      await gateway.stop();
      await events.stop();
      for (const s of subgraphs) await s.stop();
      if (!opts.database) await database.close();
    },
  };
}

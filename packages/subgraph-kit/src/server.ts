// One call boots a subgraph: its schema (schema.ts) served by Apollo Server over HTTP (http.ts) and
// graphql-ws on the same port and path (ws.ts), a health endpoint, and the actor taken only from the
// gateway's signed assertion (assertion.ts).
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { MAX_ERRORS, abilityFor } from '@hub/auth';
import { auditLogOf } from '@hub/audit';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { gatewayActors, type Verified } from './assertion.js';
import { systemClock, type Clock, type HubContext } from './context.js';
import { formatError } from './errors.js';
import { observePlugin } from './observe.js';
import { subgraphHttp } from './http.js';
import { buildSubgraph, type SubgraphDefinition } from './schema.js';
import { MAX_STREAM_MS } from './stream.js';
import { subgraphWs } from './ws.js';

export interface StartOptions {
  database: Database;
  events: Events;
  /** Shared secret of gateway assertions (packages/auth internalSecretKey). */
  internalKey: Uint8Array;
  clock?: Clock;
  port?: number;
  host?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  sdl: string;
  stop(): Promise<void>;
}

export async function startSubgraph(def: SubgraphDefinition, opts: StartOptions): Promise<RunningSubgraph> {
  // every subgraph may write the shared audit log (log-ins): its tables first
  await auditLogOf(opts.database).migrate();
  await def.prepare?.(opts.database);
  if (def.migrationsFolder) await opts.database.migrate({ migrationsFolder: def.migrationsFolder, schema: def.name });
  const built = buildSubgraph(def);
  const clock = opts.clock ?? systemClock;
  const stopBackground = def.background?.({ database: opts.database, events: opts.events, clock });
  const unbridge = (def.liveTopics ?? []).map(
    (topic) => opts.events.onLive(topic, (e) => built.pubSub.publish(topic, e.payload as never)), // yoga's pubsub is untyped,
  );

  // One key object per client request (the gateway's request id), while its assertion lives: the
  // audit log groups and bounds a request's reads by it (@hub/audit MAX_ENTRIES_PER_REQUEST).
  const requestKeys = new Map<string, { key: object; until: number }>();
  const auditRequestOf = (requestId: string | undefined, until: number): object => {
    if (!requestId) return {};
    const hit = requestKeys.get(requestId);
    if (hit) return hit.key;
    if (requestKeys.size >= 10_000) {
      const now = Date.now();
      for (const [id, k] of requestKeys) if (k.until <= now) requestKeys.delete(id);
      if (requestKeys.size >= 10_000) requestKeys.clear();
    }
    const key = {};
    requestKeys.set(requestId, { key, until });
    return key;
  };
  const contextFor = ({ actor, requestId, until }: Verified): HubContext => ({
    actor,
    ability: abilityFor(actor),
    db: opts.database.db,
    database: opts.database,
    events: opts.events,
    clock,
    fieldMemo: new WeakMap(),
    auditRequest: auditRequestOf(requestId, until),
  });
  const actorFrom = gatewayActors({ internalKey: opts.internalKey, database: opts.database, clock });

  const apollo = new ApolloServer<HubContext>({
    schema: built.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
    // production: no "Did you mean …?" in validation errors (schema enumeration), as at the gateway
    hideSchemaDetailsFromClientErrors: process.env.NODE_ENV === 'production',
    // no tracing or cache hints: the gateway plans and caches nothing from them; they cost per field
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      boundedErrors,
      observePlugin(def.name),
    ],
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const http: Server = createServer(
    subgraphHttp({
      name: def.name,
      database: opts.database,
      events: opts.events,
      apollo,
      streams: def.streams ?? [],
      actorFrom,
      contextFor,
    }),
  );
  if (def.streams?.length) http.requestTimeout = MAX_STREAM_MS;
  // The gateway keeps connections to us alive and closes idle ones itself (undici: after 4 s). Were we
  // to close first (Node's default: 5 s idle), a busy gateway could send into a socket we just closed:
  // ECONNRESET, an "Unexpected error" for its caller (seen under heavy audited load, test/src/audit-load.e2e.test.ts).
  http.keepAliveTimeout = 75_000;
  http.headersTimeout = 80_000;
  const stopWs = subgraphWs(http, { name: def.name, schema: built.schema, actorFrom, contextFor });

  // a port already taken fails the start (the process exits) instead of leaving it up but never listening
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    name: def.name,
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    sdl: built.sdl,
    stop: () =>
      (stopping ??= (async () => {
        unbridge.forEach((u) => u());
        await stopBackground?.();
        await stopWs();
        await apollo.stop();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}

/** At most MAX_ERRORS errors in an answer: one per bad item of a long list is no help and costs a lot to send. */
const boundedErrors: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (response.body.kind === 'single' && errors && errors.length > MAX_ERRORS)
          response.body.singleResult.errors = errors.slice(0, MAX_ERRORS);
      },
    };
  },
};

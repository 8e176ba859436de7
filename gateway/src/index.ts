// The gateway: Hive Gateway runtime inside our own node:http server (HTTP, SSE and graphql-ws on
// /graphql), built from one plugin per concern (plugins/): it authenticates callers, refuses what the
// policy never allows, enforces limits, and forwards the actor to subgraphs as a short-lived signed
// assertion. Streams (stream-proxy.ts) and the web app (web.ts) are routes beside /graphql.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { normalizeNodeRequest } from '@whatwg-node/server';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ACTOR_HEADER } from '@hub/auth';
import { assertionCache, requestAssertions, type HubGatewayContext, type RequestContext } from './context.js';
import { maskError } from './errors.js';
import { DEFAULT_LIMITS, type GatewayOptions, type RunningGateway } from './options.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useBoundedErrors } from './plugins/bounded-errors.js';
import { useCallerAuthentication } from './plugins/caller-authentication.js';
import { useCallerConcurrency } from './plugins/caller-concurrency.js';
import { useCorsPolicy } from './plugins/cors.js';
import { useCostLimit } from './plugins/cost-limit.js';
import { INTERNAL_REQUEST, useRateLimit } from './plugins/rate-limit.js';
import { useDocumentLimits } from './plugins/document-limits.js';
import { useInputErrorCodes } from './plugins/input-error-codes.js';
import { usePolicyCheck } from './plugins/policy-check.js';
import { useRequestIds } from './plugins/request-ids.js';
import { useRetryAfter } from './plugins/retry-after.js';
import { useQueryRetry } from './plugins/query-retry.js';
import { runtimeLogger, useGatewayMetrics, useRequestObservability } from './plugins/observability.js';
import { useSchemaPrivacy } from './plugins/schema-privacy.js';
import { useTokenLifetime } from './plugins/token-lifetime.js';
import { streamProxy } from './stream-proxy.js';
import { subgraphTransports } from './transports.js';
import { webRoutes } from './web.js';
import { councilReportRoute } from './council-report.js';

export * from './options.js';
export type { WebOptions, DevIdentity } from './web.js';
export type { HubGatewayContext } from './context.js';

/** A GraphQL request's body must have arrived within this (slow-drip clients hold no socket for long). */
const BODY_TIMEOUT_MS = 60_000;

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  const assertionFor = assertionCache(opts.internalKey);
  const requestAssertion = requestAssertions(opts.internalKey);
  const rateLimited = opts.rateLimits === false ? false : !!opts.rateLimits || production;

  const runtime = createGatewayRuntime<HubGatewayContext>({
    supergraph: opts.supergraphSdl,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: false, // plugins/cors.ts: configured origins only, never with credentials
    graphiql: production ? false : { title: 'Camera oversight hub' },
    // GraphiQL from the installed package, assets inlined: no CDN, works offline. Its
    // 9 MB bundle loads on the first GraphiQL page only, never at start and never in production.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/internal/runtime-ready',
    logging: runtimeLogger(process.env.HUB_LOG_LEVEL === 'debug' ? 'debug' : 'error'),
    subgraphErrors: { subgraphNameProp: false },
    maskedErrors: { isDev: false, maskError },
    // every HTTP call to a subgraph — queries, mutations and the _entities calls made while
    // delivering subscription events — carries a fresh assertion of the caller's actor and request
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context }) => ({
        [ACTOR_HEADER]: await requestAssertion(context as RequestContext),
      }),
    },
    transportEntries: subgraphTransports(opts.subgraphUrls) as never,
    // Hive Router's query planner and executor (Rust, in-process) instead of the JS one: measured
    // 1.62 → 0.99 ms of gateway CPU per camerasNear request, 3.77 → 2.37 ms per Camera.recordings
    unifiedGraphHandler,
    plugins: (ctx) => [
      useGatewayMetrics({ log: ctx.log }),
      useRequestObservability(),
      useCorsPolicy({ allowedOrigins: opts.allowedOrigins, production }),
      useBodyLimit({ maxBytes: limits.maxBody }),
      useSchemaPrivacy({ production }),
      useCallerAuthentication({ verifyCaller: opts.verifyCaller, assertionFor }),
      ...(rateLimited ? [useRateLimit({ limits: opts.rateLimits || undefined })] : []),
      ...(opts.callerConcurrency !== false && (rateLimited || opts.callerConcurrency)
        ? [useCallerConcurrency({ limits: opts.callerConcurrency || undefined })]
        : []),
      useDocumentLimits(limits),
      usePolicyCheck({ supergraphSdl: opts.supergraphSdl }),
      useCostLimit({ budgets: opts.costBudgets }),
      useRequestIds(),
      useTokenLifetime(),
      useInputErrorCodes(),
      useRetryAfter(),
      ...(opts.queryRetry === false ? [] : [useQueryRetry(opts.queryRetry)]),
      useBoundedErrors(),
    ],
  });

  const streams = streamProxy({
    ...limits,
    routes: opts.streams ?? [],
    subgraphUrls: opts.subgraphUrls,
    verifyCaller: opts.verifyCaller,
    internalKey: opts.internalKey,
  });
  // open data is read through the public API: the gateway's own pipeline, without a token
  const web = webRoutes(opts.web ?? {}, production, async (query, variables) => {
    const res = await runtime.fetch(
      'http://gateway.internal/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) },
      // not a caller's request: the download that asked for it was one (plugins/rate-limit.ts)
      { [INTERNAL_REQUEST]: true },
    );
    return (await res.json()) as never;
  });
  const ready = readiness(opts.subgraphUrls);
  // the council report's CSV/PDF: its query runs through this same pipeline with the caller's token
  const councilReport = councilReportRoute((url, init) => runtime.fetch(url, init) as Promise<Response>);

  const server: Server = createServer((req, res) => {
    if (streams(req, res)) return;
    // the server allows streams their time; any other request must have arrived within a minute
    const slow = setTimeout(() => req.destroy(), BODY_TIMEOUT_MS);
    slow.unref();
    req.once('end', () => clearTimeout(slow));
    req.once('close', () => clearTimeout(slow));
    if (ready(req, res) || web(req, res) || councilReport(req, res)) return;
    void runtime(req, res);
  });
  // An idle kept-alive connection is closed by the client, never by us first: closing it as the client
  // sends its next request on it resets that request (ECONNRESET, seen by the fuzz test). Above the
  // 60 s idle timeout of common load balancers, as the subgraphs do for the gateway (subgraph-kit).
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  // Node's default (5 minutes) unless a stream needs longer
  server.requestTimeout = Math.max(server.requestTimeout, ...(opts.streams ?? []).map((s) => s.maxMs));
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: limits.maxBody });
  const ws = useServer(
    getGraphQLWSOptions<HubGatewayContext, Extra>(runtime as never, (ctx) => ({
      req: ctx.extra.request,
      socket: ctx.extra.socket,
      request: normalizeNodeRequest(ctx.extra.request, runtime.fetchAPI as never),
    })),
    wss,
  );

  // the supergraph is loaded before the first caller: the runtime loads it on its first HTTP request,
  // and a graphql-ws subscription arriving first met no schema ("Unexpected error")
  await runtime.getSchema();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 4000, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    stop: () =>
      (stopping ??= (async () => {
        for (const c of wss.clients) c.close(1001, 'Going away');
        await ws.dispose();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await runtime[Symbol.asyncDispose]();
      })()),
  };
}

/** /readyz: ready when every subgraph is ready (its /readyz: database, event delivery) within 2 s. */
function readiness(subgraphUrls: Record<string, string>) {
  const check = async (): Promise<boolean> => {
    const checks = Object.values(subgraphUrls).map(
      async (u) => (await fetch(new URL('/readyz', u), { signal: AbortSignal.timeout(2000) })).ok,
    );
    return (await Promise.allSettled(checks)).every((r) => r.status === 'fulfilled' && r.value);
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.url !== '/readyz') return false;
    check().then(
      (ok) =>
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ready' : 'not ready' })),
      () => res.writeHead(503).end(),
    );
    return true;
  };
}

// The gateway: Hive Gateway runtime inside our own node:http server (HTTP, SSE and graphql-ws on
// /graphql). It authenticates callers, refuses what the policy never allows, enforces query limits,
// and forwards the actor to subgraphs as a short-lived signed assertion.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { normalizeNodeRequest } from '@whatwg-node/server';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import {
  ACTOR_HEADER,
  CALLER_ERROR_CODES,
  CLOCK_TOLERANCE_S,
  PUBLIC_ACTOR,
  abilityFor,
  errorBody,
  refusalUnlessAllowed,
  signActorAssertion,
  type Ability,
  type Action,
  type SubjectType,
  type Actor,
  type VerifyCaller,
} from '@hub/auth';
import { canMapFromSupergraph, policyRule } from './policy.js';
import { runtimeLogger, useGatewayMetrics, useRequestObservability } from './plugins/observability.js';
import { webRoutes, type WebOptions } from './web.js';
export type { WebOptions, DevIdentity } from './web.js';

export interface GatewayLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  /** request body bytes */
  maxBody: number;
  /** bytes of one streamed request (NDJSON ingest) */
  maxStreamBytes: number;
  /** bytes still read (and dropped) from a stream's sender after it was answered early */
  maxDrainBytes: number;
}
export const DEFAULT_LIMITS: GatewayLimits = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxBody: 1024 * 1024, maxStreamBytes: 1024 ** 3, maxDrainBytes: 16 * 1024 ** 2 };

/** A streaming endpoint of a subgraph (same path there), e.g. NDJSON ingest of ANPR reads. */
export interface GatewayStream {
  path: string;
  subgraph: string;
  /** Required of the caller for the whole stream; the subgraph checks it again. */
  action: Action;
  subject: SubjectType;
  /** How long one stream may last (the owning subgraph's limit). */
  maxMs: number;
}
/** A GraphQL request's body must have arrived within this (slow-drip clients hold no socket for long). */
const BODY_TIMEOUT_MS = 60_000;

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph runs now (overrides the URLs in the supergraph). */
  subgraphUrls: Record<string, string>;
  verifyCaller: VerifyCaller;
  internalKey: Uint8Array;
  port?: number;
  host?: string;
  /** Production: no introspection, no GraphiQL. Default: NODE_ENV === 'production'. */
  production?: boolean;
  limits?: Partial<GatewayLimits>;
  /** Streaming endpoints forwarded to subgraphs (authenticated and checked here first). */
  streams?: GatewayStream[];
  /** The web app, its configuration, dev sign-in and open data (web.ts). */
  web?: WebOptions;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

type HubGatewayContext = { actor: Actor; ability: Ability; actorAssertion: string };

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === name && typeof v === 'string') return v;
  }
  return undefined;
}

/** Assertions are cached per actor for a while so upstream WS connections can be shared per actor. */
function assertionCache(key: Uint8Array) {
  const cache = new Map<string, { token: string; until: number }>();
  return async (actor: Actor): Promise<string> => {
    // per session too: the subgraphs log a session's (token's) first use as a log-in
    const k = `${actor.kind}|${actor.sub}|${actor.org ?? ''}|${actor.municipality ?? ''}|${actor.session ?? ''}`;
    const hit = cache.get(k);
    if (hit && hit.until > Date.now()) return hit.token;
    const token = await signActorAssertion(key, actor);
    if (cache.size > 10_000) cache.clear();
    cache.set(k, { token, until: Date.now() + 20_000 }); // assertions live 60 s; reuse for 20 s
    return token;
  };
}

const CALLER_CODES = new Set<string>(CALLER_ERROR_CODES);

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const VALUE_ERROR = /does not exist in .* enum|cannot represent|Expected value of type|got invalid value|Expected type|was not provided|must not be null/;
// a subgraph that rejects an inline literal (a DateTime the gateway passes through) says GRAPHQL_VALIDATION_FAILED
const isValueError = (e: GraphQLError) =>
  (!e.extensions?.code || e.extensions.code === 'GRAPHQL_VALIDATION_FAILED') && VALUE_ERROR.test(e.message);
const withCode = (e: GraphQLError, code: string) =>
  new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } });

/** Resolves at `deadline` (epoch ms), in steps: setTimeout cannot wait more than ~24.8 days at once. */
function at(deadline: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    const arm = () => {
      const wait = deadline - Date.now();
      if (wait <= 0) return resolve();
      timer = setTimeout(arm, Math.min(wait, 2 ** 31 - 1));
      timer.unref();
    };
    arm();
  });
  return { done, cancel: () => clearTimeout(timer) };
}

/**
 * The events of `source` until `deadline`, then one UNAUTHENTICATED error and the end. A plain
 * iterator, not an async generator: a client leaving mid-wait must close the upstream at once (a
 * generator's return() would wait for the next event, resolving it for nobody).
 */
function untilDeadline<T>(source: AsyncIterable<T>, deadline: number): AsyncIterableIterator<T | { errors: GraphQLError[] }> {
  const it = source[Symbol.asyncIterator]();
  const expiry = at(deadline);
  const expired = expiry.done.then(() => null);
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    expiry.cancel();
    // not awaited: a source that is an async generator would queue its return() behind the pending next()
    void Promise.resolve(it.return?.()).catch(() => {});
  };
  const end = { done: true as const, value: undefined };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return end;
      const next = await Promise.race([it.next(), expired]);
      if (next === null) {
        await finish();
        return { done: false, value: { errors: [unauthenticated('The token has expired: subscribe again with a new token')] } };
      }
      if (next.done) {
        finished = true;
        expiry.cancel();
      }
      return next;
    },
    async return() {
      await finish();
      return end;
    },
    async throw(e: unknown) {
      await finish();
      throw e;
    },
  };
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  const canMap = canMapFromSupergraph(opts.supergraphSdl);
  const assertionFor = assertionCache(opts.internalKey);

  /** The caller of a request: a verified Bearer token, or the public without one. */
  const callerOf = async (auth: string | undefined): Promise<Actor> => {
    if (!auth) return PUBLIC_ACTOR;
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw unauthenticated('Authorization must be a Bearer token');
    try {
      return await opts.verifyCaller(m[1]!);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
  };
  const authenticate: GatewayPlugin<HubGatewayContext> = {
    async onContextBuilding({ context, extendContext }) {
      const actor = await callerOf(header((context as { headers?: unknown }).headers, 'authorization'));
      extendContext({ actor, ability: abilityFor(actor), actorAssertion: await assertionFor(actor) });
    },
  };

  // Streams are forwarded as they arrive (no buffering, so no 1 MiB limit) once the caller is known
  // and allowed; the response streams back the same way.
  const streams = new Map((opts.streams ?? []).map((s) => [s.path, s]));
  const forwardStream = async (route: GatewayStream, req: IncomingMessage, res: ServerResponse) => {
    const fail = (status: number, code: string, message: string) => {
      req.unpipe();
      if (res.writableEnded) return; // once: an oversized body and the upstream's error both end up here
      // the connection closes after the answer: a refused stream is not read on (its body is unbounded)
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(errorBody(code, message));
    };
    if (req.method !== 'POST') return fail(405, 'BAD_REQUEST', 'POST only');
    let actor: Actor;
    try {
      actor = await callerOf(req.headers.authorization);
    } catch (e) {
      return fail(401, 'UNAUTHENTICATED', (e as Error).message);
    }
    const refused = refusalUnlessAllowed(actor, route.action, route.subject);
    if (refused) return fail(refused.status, refused.code, refused.message);
    const base = opts.subgraphUrls[route.subgraph];
    if (!base) return fail(502, 'INTERNAL_SERVER_ERROR', 'Service unavailable');
    const upstream = httpRequest(new URL(route.path, base), {
      method: 'POST',
      // a connection of its own: one that ended early (a refused line, the byte limit) must never go
      // back to Node's keep-alive pool, where the next stream would be sent into a reset (502)
      agent: false,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/x-ndjson',
        [ACTOR_HEADER]: await signActorAssertion(opts.internalKey, actor), // fresh: a stream may outlive a cached one
      },
    });
    let answered = false;
    upstream.on('response', (up) => {
      answered = true;
      if (res.writableEnded) return up.resume();
      res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json' });
      // if the subgraph dies mid-answer the client's response is cut too, never left hanging
      pipeline(up, res).catch(() => res.destroy());
    });
    // once the subgraph has answered, a socket error after it (it closed while we still sent the rest
    // of a refused body) is no failure: its answer streams through as is, nothing is appended
    upstream.on('error', () => {
      if (!answered) fail(502, 'INTERNAL_SERVER_ERROR', 'Service unavailable');
    });
    let bytes = 0;
    let drainUntil = Infinity;
    res.on('close', () => {
      upstream.destroy();
      // answered before the client finished sending (an error ended the stream): read what it still
      // sends, up to limits.maxDrainBytes, and drop it, so its connection ends cleanly and it gets to read the
      // answer; a reset would throw the answer away
      if (!req.complete) {
        req.unpipe(upstream);
        drainUntil = bytes + limits.maxDrainBytes;
        req.resume();
      }
    });
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > drainUntil) return void req.destroy(); // a sender that keeps going is cut off
      // a stream of a day of a city's ANPR network is far below the default (1 GiB)
      if (bytes > limits.maxStreamBytes && !res.writableEnded) {
        upstream.destroy();
        fail(413, 'BAD_USER_INPUT', `A stream carries at most ${limits.maxStreamBytes} bytes: open a new one`);
      }
    });
    req.pipe(upstream);
  };

  // Checks run once the actor is known (Yoga validates before it builds the context).
  // Yoga reuses the parsed document of a repeated query and abilities are cached per actor, so the
  // verdict for (document, ability) is computed once.
  const verdicts = new WeakMap<DocumentNode, WeakMap<Ability, readonly GraphQLError[]>>();
  const checkPolicy = (schema: GraphQLSchema, document: DocumentNode, ctx: HubGatewayContext) => {
    let perAbility = verdicts.get(document);
    if (!perAbility) verdicts.set(document, (perAbility = new WeakMap()));
    let errors = perAbility.get(ctx.ability);
    if (!errors) {
      errors = validate(schema, document, [policyRule(ctx.actor, ctx.ability, canMap)]);
      perAbility.set(ctx.ability, errors);
    }
    return errors;
  };
  const enforcePolicy: GatewayPlugin<HubGatewayContext> = {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = checkPolicy(args.schema, args.document, args.contextValue as HubGatewayContext);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = checkPolicy(args.schema, args.document, args.contextValue as HubGatewayContext);
      if (errors.length) setResultAndStopExecution({ errors } as never);
    },
  };

  // A subscription lives no longer than the token it was opened with (plus the clock tolerance
  // requests get): then it ends with UNAUTHENTICATED and the client subscribes again with a new token.
  const endWithToken: GatewayPlugin<HubGatewayContext> = {
    onSubscribe({ args }) {
      const expiresAt = (args.contextValue as HubGatewayContext).actor?.expiresAt;
      if (!expiresAt) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
            setResult(untilDeadline(result as AsyncIterable<unknown>, expiresAt + CLOCK_TOLERANCE_S * 1000) as never);
          }
        },
      };
    },
  };

  // Values the schema cannot accept (unknown enum, wrong scalar, bad variables) are the caller's
  // input, not a malformed document: BAD_USER_INPUT, as clients expect.
  const inputErrorCodes: GatewayPlugin<HubGatewayContext> = {
    onValidate: () => ({ result, setResult }) => {
      const errors = result as readonly GraphQLError[];
      if (errors.some(isValueError)) setResult(errors.map((e) => (isValueError(e) ? withCode(e, 'BAD_USER_INPUT') : e)));
    },
    // variables the schema cannot coerce fail before any field runs (no data at all)
    // and a request that could not be read (not JSON) says so without the parser's words, which
    // quote the body back
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const r = result as { errors?: readonly GraphQLError[]; data?: unknown };
      // reworded in place (Yoga derives the 400 from this very error): the parser's message quotes the body
      for (const e of r.errors ?? []) {
        const original = e.extensions?.originalError as { name?: string; message?: string } | undefined;
        if (original && original.name === 'SyntaxError') original.message = 'the body is not valid JSON';
      }
      if (r.errors?.some(isValueError)) {
        setResult({ ...r, errors: r.errors.map((e) => (isValueError(e) ? withCode(e, 'BAD_USER_INPUT') : e)) } as never);
      }
    },
  };

  const asValidationError = {
    propagateOnRejection: false,
    onReject: [(ctx: { reportError: (e: GraphQLError) => void } | null, err: GraphQLError) => ctx?.reportError(err)],
  };

  const transportEntries: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(opts.subgraphUrls)) {
    transportEntries[name] = {
      location: url,
      options: {
        // The HTTP executor merges identical in-flight queries (same body and headers: one actor's
        // identical concurrent reads) into one upstream call, so the subgraph would log one audited
        // read for several (issue 14 §1). Every caller's read reaches the subgraph and its audit log.
        deduplicateInflightRequests: false,
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          // the WS connection to a subgraph is opened per actor, carrying the actor's assertion
          headers: [[ACTOR_HEADER, '{context.actorAssertion}']],
          options: { connectionParams: { [ACTOR_HEADER]: '{context.actorAssertion}' } },
        },
      },
    };
  }

  const runtime = createGatewayRuntime<HubGatewayContext>({
    supergraph: opts.supergraphSdl,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: production ? false : { title: 'Camera oversight hub' },
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/internal/runtime-ready',
    logging: runtimeLogger(process.env.HUB_LOG_LEVEL === 'debug' ? 'debug' : 'error'),
    ...(production ? { disableIntrospection: {} } : {}),
    subgraphErrors: { subgraphNameProp: false },
    maskedErrors: {
      isDev: false,
      // our subgraphs' deliberate errors pass with their code; anything unexpected is masked
      maskError(error, message) {
        const code = (error as GraphQLError)?.extensions?.code;
        if (code === 'INTERNAL_SERVER_ERROR') return new GraphQLError('Internal server error', { extensions: { code } });
        // a subgraph's refusal of a subscription reaches us as the plain error object it sent (not an
        // Error): its deliberate code and message pass, as they do for queries
        if (!(error instanceof Error) && typeof (error as GraphQLError)?.message === 'string' && CALLER_CODES.has(code as string)) {
          return new GraphQLError((error as GraphQLError).message, { path: (error as GraphQLError).path, extensions: { code } });
        }
        return yogaMaskError(error, message, false);
      },
    },
    // every HTTP call to a subgraph — queries, mutations and the _entities calls made while
    // delivering subscription events — carries a fresh assertion of the caller's actor
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context }) => ({ [ACTOR_HEADER]: await assertionFor((context as HubGatewayContext).actor ?? PUBLIC_ACTOR) }),
    },
    transportEntries: transportEntries as never,
    // Hive Router's query planner and executor (Rust, in-process) instead of the JS one: measured
    // 1.62 → 0.99 ms of gateway CPU per camerasNear request, 3.77 → 2.37 ms per Camera.recordings
    unifiedGraphHandler,
    plugins: (ctx) => [
      useGatewayMetrics({ log: ctx.log }),
      useRequestObservability(),
      authenticate,
      maxTokensPlugin({ n: limits.maxTokens }),
      maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...asValidationError } as never),
      maxAliasesPlugin({ n: limits.maxAliases, ...asValidationError } as never),
      enforcePolicy,
      endWithToken,
      inputErrorCodes,
    ],
  });

  const readiness = async (): Promise<boolean> => {
    const checks = Object.values(opts.subgraphUrls).map(async (u) => {
      const res = await fetch(new URL('/readyz', u), { signal: AbortSignal.timeout(2000) });
      return res.ok;
    });
    return (await Promise.allSettled(checks)).every((r) => r.status === 'fulfilled' && r.value);
  };

  // open data is read through the public API: the gateway's own pipeline, without a token
  const web = webRoutes(opts.web ?? {}, production, async (query, variables) => {
    const res = await runtime.fetch('http://gateway.internal/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  });

  const server: Server = createServer((req, res) => {
    const stream = streams.get((req.url ?? '').split('?')[0]!);
    if (stream) {
      forwardStream(stream, req, res).catch(() => res.destroy());
      return;
    }
    // the server allows streams their time; any other request must have arrived within a minute
    const slow = setTimeout(() => req.destroy(), BODY_TIMEOUT_MS);
    slow.unref();
    req.once('end', () => clearTimeout(slow));
    req.once('close', () => clearTimeout(slow));
    if (req.url === '/readyz') {
      readiness().then(
        (ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ready' : 'not ready' })),
        () => res.writeHead(503).end(),
      );
      return;
    }
    if (web(req, res)) return;
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > limits.maxBody) {
      res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] }));
      req.resume();
      return;
    }
    runtime(req, res);
  });
  // Node's default (5 minutes) unless a stream needs longer
  server.requestTimeout = Math.max(server.requestTimeout, ...[...streams.values()].map((s) => s.maxMs));
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

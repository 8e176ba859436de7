// One call boots a subgraph: type-graphql resolvers → Federation 2 schema → Apollo Server over HTTP
// and graphql-ws on the same port and path, a health endpoint, and the actor taken only from the
// gateway's signed assertion.
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { createPubSub } from '@graphql-yoga/subscription';
import { parse, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchemaSync, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { ACTOR_HEADER, abilityFor, errorBody, refusalUnlessAllowed, subject, verifyActorAssertion, type Actor, type SubjectType } from '@hub/auth';
import { auditLogOf } from '@hub/audit';
import { UNSTORABLE_TEXT, type Database } from '@hub/db';
import type { Events, Topic } from '@hub/events';
import { systemClock, type Clock, type HubContext } from './context.js';
import { badInput, formatError, unauthenticated } from './errors.js';
import { guardFields } from './guard.js';
import { createBatchLoader } from './batch.js';
import { MAX_STREAM_MS, type StreamRoute } from './stream.js';
import { BoundedDateTime } from './datetime.js';
import { observePlugin, readiness } from './observe.js';
import {
  errorFields,
  extractContext,
  logger,
  METRICS_CONTENT_TYPE,
  metricsText,
  REQUEST_ID_HEADER,
  SpanKind,
  context as otelContext,
  trace as otelTrace,
  subscriptionsOpen,
  tracer,
} from '@hub/observability';

const FEDERATION_HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@composeDirective"])
  @link(url: "https://camhub.example/policy/v1.0", import: ["@can"])
  @composeDirective(name: "@can")

"""Policy guard: the gateway refuses the field unless the caller's ability allows action on subject (packages/auth)."""
directive @can(action: String!, subject: String!, field: String) on FIELD_DEFINITION
`;

/** Loads entities by id for `_entities`; batched per request. Rows the actor may not read become null. */
export type EntityLoader = (ids: string[], ctx: HubContext) => Promise<Array<Record<string, unknown>>>;

export interface SubgraphDefinition {
  /** Also the name of the Postgres schema it owns. */
  name: string;
  resolvers: NonEmptyArray<Function>;
  /** Entities owned elsewhere that this subgraph extends (STACK-NOTES: must be listed). */
  orphanedTypes?: Function[];
  /** Entities this subgraph resolves by key, by GraphQL type name (= policy subject). */
  entities?: Record<string, EntityLoader>;
  /** Entities this subgraph only references: resolved to a stub { id }. */
  stubs?: string[];
  /** Prepares shared packages this subgraph writes to (e.g. the audit log's tables), before its own migrations. */
  prepare?: (database: Database) => Promise<void>;
  /** Its committed drizzle-kit migrations (absent: the subgraph owns no tables). */
  migrationsFolder?: string;
  /** Outbox topics delivered to this subgraph's GraphQL subscriptions. */
  liveTopics?: readonly Topic[];
  /** Loads the demo data (idempotent); `npm start` and tests call it after migrations. */
  seed?: (database: Database, events: Events) => Promise<unknown>;
  /**
   * Background work of this subgraph (durable event consumers, schedulers), set up at boot before
   * events start flowing. Returns what stops it.
   */
  background?: (services: { database: Database; events: Events; clock: Clock }) => (() => Promise<void>) | void;
  /** Streaming HTTP endpoints (NDJSON ingest), reached through the gateway's route of the same path. */
  streams?: StreamRoute[];
}

export interface BuiltSubgraph {
  schema: GraphQLSchema;
  sdl: string;
  pubSub: ReturnType<typeof createPubSub>;
}

const VALIDATION: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/**
 * class-validator on input objects, as type-graphql's default does, but imported once: the default
 * runs `await import('class-validator')` for every object argument — Dates too — which under tsx's
 * loader cost 12% of a subgraph's CPU per request (profiled). Scalars and Dates have nothing to check.
 */
async function validateInput(value: unknown): Promise<void> {
  if (hasUnstorableText(value)) throw badInput('text must not contain NUL characters or unpaired surrogates');
  const objects = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && typeof v === 'object' && !(v instanceof Date));
  if (objects.length === 0) return;
  try {
    await Promise.all(objects.map((o) => validateOrReject(o as object, VALIDATION)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}

/**
 * Marks an input class whose rows are checked one by one in the domain (batch ingest: a bad row is
 * rejected with its reason, the rest stored), NUL and unpaired surrogates included: not refused whole here.
 */
export const CHECKS_OWN_TEXT = Symbol('checksOwnText');

/** Any string in an argument (nested too) that PostgreSQL would refuse, failing the whole statement. */
function hasUnstorableText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return UNSTORABLE_TEXT.test(v);
  if (depth > 20 || v === null || typeof v !== 'object' || v instanceof Date) return false;
  if ((v.constructor as { [CHECKS_OWN_TEXT]?: boolean } | undefined)?.[CHECKS_OWN_TEXT]) return false;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => hasUnstorableText(x, depth + 1));
}

export function buildSubgraph(def: SubgraphDefinition): BuiltSubgraph {
  const pubSub = createPubSub();
  const tgSchema = buildSchemaSync({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    pubSub,
    // ISO-8601 `DateTime` (RFC 3339) for every timestamp, as DESIGN §4 names it, within 1970–9999
    scalarsMap: [{ type: Date, scalar: BoundedDateTime }],
    validateFn: validateInput,
    skipCheck: true,
  });
  const typeDefs = parse(FEDERATION_HEADER + printSchemaWithDirectives(tgSchema));
  const resolvers = createResolversMap(tgSchema) as Record<string, Record<string, unknown>>;
  for (const [type, loader] of Object.entries(def.entities ?? {})) {
    (resolvers[type] ??= {}).__resolveReference = referenceResolver(type as SubjectType, loader);
  }
  for (const type of def.stubs ?? []) {
    (resolvers[type] ??= {}).__resolveReference = (ref: { id: string }) => ({ id: ref.id });
  }
  // Connections count lazily: totalCount may be a function, called only when the field is selected.
  for (const type of Object.keys(tgSchema.getTypeMap()).filter((t) => t.endsWith('Connection'))) {
    (resolvers[type] ??= {}).totalCount = (p: { totalCount: number | (() => Promise<number>) }) =>
      typeof p.totalCount === 'function' ? p.totalCount() : p.totalCount;
  }
  guardFields(tgSchema, resolvers);
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  return { schema, sdl: printSubgraphSchema(schema), pubSub };
}

function referenceResolver(type: SubjectType, load: EntityLoader) {
  const loader = createBatchLoader(load);
  return async (ref: { id: string }, ctx: HubContext) => {
    // refused before loading: a loader may audit what it reads, and a refused call logs no read
    if (!ctx.ability.can('read', type)) return null;
    const row = await loader(ref.id, ctx);
    return row && ctx.ability.can('read', subject(type, row)) ? row : null;
  };
}

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

const MAX_BODY = 1024 * 1024;

export async function startSubgraph(def: SubgraphDefinition, opts: StartOptions): Promise<RunningSubgraph> {
  // every subgraph may write the shared audit log (log-ins): its tables first
  await auditLogOf(opts.database).migrate();
  await def.prepare?.(opts.database);
  if (def.migrationsFolder) await opts.database.migrate({ migrationsFolder: def.migrationsFolder, schema: def.name });
  const built = buildSubgraph(def);
  const clock = opts.clock ?? systemClock;
  const stopBackground = def.background?.({ database: opts.database, events: opts.events, clock });
  const unbridge = (def.liveTopics ?? []).map((topic) =>
    opts.events.onLive(topic, (e) => built.pubSub.publish(topic, e.payload as never)) // yoga's pubsub is untyped,
  );

  const contextFor = (actor: Actor): HubContext => ({
    actor,
    ability: abilityFor(actor),
    db: opts.database.db,
    database: opts.database,
    events: opts.events,
    clock,
    fieldMemo: new WeakMap(),
  });
  // A verified assertion is remembered until it expires: the gateway reuses one per actor for a while.
  const verified = new Map<string, { actor: Actor; until: number }>();
  // A session's (caller token's) first use in this process is recorded as a log-in; the audit log's
  // sessions table makes it once hub-wide (@hub/audit recordLogin).
  const seenSessions = new Set<string>();
  const noteLogin = async (actor: Actor): Promise<Actor> => {
    if (!actor.session || seenSessions.has(actor.session)) return actor;
    await auditLogOf(opts.database).recordLogin(actor, clock.now());
    if (seenSessions.size >= 100_000) seenSessions.clear();
    seenSessions.add(actor.session);
    return actor;
  };
  const verifiedActor = async (assertion: unknown): Promise<Actor> => {
    if (typeof assertion !== 'string' || !assertion) throw unauthenticated('Requests must come through the gateway');
    const hit = verified.get(assertion);
    if (hit && hit.until > Date.now()) return hit.actor;
    try {
      const { actor, expiresAt } = await verifyActorAssertion(opts.internalKey, assertion);
      if (verified.size > 10_000) verified.clear();
      verified.set(assertion, { actor, until: expiresAt.getTime() });
      return actor;
    } catch {
      throw unauthenticated('Requests must come through the gateway');
    }
  };
  const actorFrom = async (assertion: unknown): Promise<Actor> => noteLogin(await verifiedActor(assertion));

  const apollo = new ApolloServer<HubContext>({
    schema: built.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
    // no tracing or cache hints: the gateway plans and caches nothing from them; they cost per field
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), observePlugin(def.name)],
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const streams = new Map((def.streams ?? []).map((s) => [s.path, s]));
  const serveStream = async (route: StreamRoute, req: IncomingMessage, res: ServerResponse) => {
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(errorBody(code, message));
      req.resume();
    };
    if (req.method !== 'POST') return fail(405, 'BAD_REQUEST', 'POST only');
    let actor: Actor;
    try {
      actor = await actorFrom(req.headers[ACTOR_HEADER]);
    } catch (e) {
      return fail(401, 'UNAUTHENTICATED', (e as Error).message);
    }
    // the gateway checked this too; a subgraph trusts no one
    const refused = refusalUnlessAllowed(actor, route.action, route.subject);
    if (refused) return fail(refused.status, refused.code, refused.message);
    await route.handle(req, res, contextFor(actor));
  };

  // Every request runs in the trace its caller's traceparent names (the gateway's), so the spans of
  // its SQL join that trace; without a tracer provider this is a no-op.
  const http: Server = createServer((req, res) => {
    const parent = extractContext(req.headers);
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname !== '/graphql' && !streams.has(url.pathname)) return void handle(req, res, url);
    const span = tracer().startSpan(`${req.method} ${url.pathname}`, { kind: SpanKind.SERVER, attributes: { 'hub.subgraph': def.name } }, parent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    otelContext.with(traceWith(parent, span), () => void handle(req, res, url));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    try {
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', subgraph: def.name }));
        return;
      }
      if (url.pathname === '/readyz') {
        const r = await readiness(opts.database, opts.events);
        res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: r.ready ? 'ready' : 'not ready', subgraph: def.name, ...r }));
        return;
      }
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(await metricsText());
        return;
      }
      const stream = streams.get(url.pathname);
      if (stream) {
        await serveStream(stream, req, res);
        return;
      }
      if (url.pathname !== '/graphql') {
        res.writeHead(404).end();
        return;
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => contextFor(await actorFrom(req.headers[ACTOR_HEADER])),
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode ?? 500;
      if (status === 500) logger().error({ subgraph: def.name, requestId: req.headers[REQUEST_ID_HEADER], path: url.pathname, ...errorFields(e) }, 'request failed');
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: status === 500 ? 'Internal server error' : (e as Error).message }] }));
    }
  };

  if (streams.size) http.requestTimeout = MAX_STREAM_MS;
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const ws = useServer<Record<string, unknown>, { actor?: Actor }>(
    {
      schema: built.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const nested = (params.headers ?? {}) as Record<string, unknown>;
        const assertion = params[ACTOR_HEADER] ?? nested[ACTOR_HEADER] ?? ctx.extra.request.headers[ACTOR_HEADER];
        try {
          (ctx.extra as { actor?: Actor }).actor = await actorFrom(assertion);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden: unsigned or forged
        }
      },
      context: (ctx) => contextFor((ctx.extra as { actor: Actor }).actor),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
      // open subscriptions: counted when the operation starts streaming, until it completes or its socket goes
      onOperation: (ctx, id) => {
        const open = ((ctx.extra as { open?: Set<string> }).open ??= new Set());
        if (!open.has(id)) {
          open.add(id);
          subscriptionsOpen.inc({ component: def.name });
        }
      },
      onComplete: (ctx, id) => {
        if ((ctx.extra as { open?: Set<string> }).open?.delete(id)) subscriptionsOpen.dec({ component: def.name });
      },
      onClose: (ctx) => {
        const open = (ctx.extra as { open?: Set<string> }).open;
        if (open?.size) subscriptionsOpen.dec({ component: def.name }, open.size);
        open?.clear();
      },
    },
    wss,
  );

  await new Promise<void>((resolve) => http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
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
        await ws.dispose();
        wss.close();
        await apollo.stop();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}

/** The caller's context with this request's span active in it. */
function traceWith(parent: ReturnType<typeof extractContext>, span: ReturnType<ReturnType<typeof tracer>['startSpan']>) {
  return otelTrace.setSpan(parent, span);
}

function formatResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e) as GraphQLError) };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('Request body too large'), { statusCode: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
  }
}

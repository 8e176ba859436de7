// A subgraph's HTTP side: /healthz, /readyz, /metrics, its stream routes (NDJSON ingest) and GraphQL
// over HTTP through Apollo Server, each request's actor from the gateway's assertion. A request runs
// in the trace its caller's traceparent names (the gateway's), so its SQL spans join that trace.
import type { Verified } from './assertion.js';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { ACTOR_HEADER, errorBody, refusalUnlessAllowed } from '@hub/auth';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
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
  tracer,
} from '@hub/observability';
import { readiness } from './observe.js';
import type { HubContext } from './context.js';
import type { StreamRoute } from './stream.js';

const MAX_BODY = 1024 * 1024;

export interface SubgraphHttpOptions {
  name: string;
  database: Database;
  events: Events;
  apollo: ApolloServer<HubContext>;
  streams: StreamRoute[];
  actorFrom: (assertion: unknown) => Promise<Verified>;
  contextFor: (caller: Verified) => HubContext;
}

export function subgraphHttp(opts: SubgraphHttpOptions): RequestListener {
  const streams = new Map(opts.streams.map((s) => [s.path, s]));
  const serveStream = async (route: StreamRoute, req: IncomingMessage, res: ServerResponse) => {
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(errorBody(code, message));
      req.resume();
    };
    if (req.method !== 'POST') return fail(405, 'BAD_REQUEST', 'POST only');
    let caller: Verified;
    try {
      caller = await opts.actorFrom(req.headers[ACTOR_HEADER]);
    } catch (e) {
      return fail(401, 'UNAUTHENTICATED', (e as Error).message);
    }
    // the gateway checked this too; a subgraph trusts no one
    const refused = refusalUnlessAllowed(caller.actor, route.action, route.subject);
    if (refused) return fail(refused.status, refused.code, refused.message);
    await route.handle(req, res, opts.contextFor(caller));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    try {
      if (url.pathname === '/healthz') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'ok', subgraph: opts.name }));
        return;
      }
      if (url.pathname === '/readyz') {
        const r = await readiness(opts.database, opts.events);
        res
          .writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: r.ready ? 'ready' : 'not ready', subgraph: opts.name, ...r }));
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
      const result = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => opts.contextFor(await opts.actorFrom(req.headers[ACTOR_HEADER])),
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
      if (status === 500)
        logger().error(
          { subgraph: opts.name, requestId: req.headers[REQUEST_ID_HEADER], path: url.pathname, ...errorFields(e) },
          'request failed',
        );
      // a refused body's connection is not kept: what the sender still sends is no next request
      if (!res.headersSent)
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(status === 413 ? { connection: 'close' } : {}),
        });
      // with a code, as every other error: BAD_USER_INPUT for a body too large, BAD_REQUEST for one that is not JSON
      const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : status === 413 ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
      res.end(errorBody(code, status === 500 ? 'Internal server error' : (e as Error).message));
    }
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== '/graphql' && !streams.has(path)) return void handle(req, res);
    const parent = extractContext(req.headers);
    const span = tracer().startSpan(
      `${req.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'hub.subgraph': opts.name } },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    otelContext.with(otelTrace.setSpan(parent, span), () => void handle(req, res));
  };
}

/** Bytes of a refused body still read (and dropped) so the caller gets to read the 413; then the socket is cut. */
const MAX_DRAIN = 16 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const tooLarge = () => Object.assign(new Error('Request body too large'), { statusCode: 413 });
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
    drain(req);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // not `for await`: leaving it early destroys the request, and with it the socket the 413 goes out
  // on (the caller saw ECONNRESET, or a reset of its next request on that kept-alive socket)
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      req.off('data', onData);
      drain(req);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', resolve);
    req.once('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
  }
}

/** Reads the rest of a refused body and drops it, up to MAX_DRAIN; a sender that keeps going is cut off. */
function drain(req: IncomingMessage) {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN) req.destroy();
  });
  req.resume();
}

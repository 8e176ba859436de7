// A subgraph's HTTP side: /healthz, /readyz, its stream routes (NDJSON ingest) and GraphQL over
// HTTP through Apollo Server, each request's actor from the gateway's assertion.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { sql } from 'drizzle-orm';
import { ACTOR_HEADER, errorBody, refusalUnlessAllowed } from '@hub/auth';
import type { Database } from '@hub/db';
import type { GatewayCaller } from './assertion.js';
import type { HubContext } from './context.js';
import type { StreamRoute } from './stream.js';

const MAX_BODY = 1024 * 1024;

export interface SubgraphHttpOptions {
  name: string;
  database: Database;
  apollo: ApolloServer<HubContext>;
  streams: StreamRoute[];
  actorFrom: (assertion: unknown) => Promise<GatewayCaller>;
  contextFor: (caller: GatewayCaller) => HubContext;
}

export function subgraphHttp(opts: SubgraphHttpOptions): RequestListener {
  const streams = new Map(opts.streams.map((s) => [s.path, s]));
  const serveStream = async (route: StreamRoute, req: IncomingMessage, res: ServerResponse) => {
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(errorBody(code, message));
      req.resume();
    };
    if (req.method !== 'POST') return fail(405, 'BAD_REQUEST', 'POST only');
    let caller: GatewayCaller;
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
        await opts.database.query(sql`select 1`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready' }));
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
      if (status === 500) console.error(`[${opts.name}] request failed:`, e);
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ message: status === 500 ? 'Internal server error' : (e as Error).message }] }),
      );
    }
  };
  return (req, res) => void handle(req, res);
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

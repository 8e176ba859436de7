// Streams (NDJSON ingest) are forwarded to their subgraph as they arrive — no buffering, so no body
// limit of GraphQL requests — once the caller is known and allowed; the answer streams back the same way.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  ACTOR_HEADER,
  CLOCK_TOLERANCE_S,
  errorBody,
  refusalUnlessAllowed,
  signActorAssertion,
  type Actor,
  type VerifyCaller,
} from '@hub/auth';
import { at } from './deadline.js';
import type { GatewayStream } from './options.js';
import { callerFromAuthorization } from './plugins/caller-authentication.js';

export interface StreamProxyOptions {
  routes: GatewayStream[];
  subgraphUrls: Record<string, string>;
  verifyCaller: VerifyCaller;
  internalKey: Uint8Array;
  /** Bytes of one stream; a day of a city's ANPR network is far below the default (1 GiB). */
  maxStreamBytes: number;
  /** Bytes still read (and dropped) from a sender after it was answered early. */
  maxDrainBytes: number;
  /** Seconds a stream may outlive its token's `exp`, as subscriptions (plugins/token-lifetime.ts). Default 30. */
  toleranceS?: number;
}

/** A request handler for the stream routes: true when it took the request. */
export function streamProxy(opts: StreamProxyOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes = new Map(opts.routes.map((s) => [s.path, s]));
  const callerOf = callerFromAuthorization(opts.verifyCaller);

  const forward = async (route: GatewayStream, req: IncomingMessage, res: ServerResponse) => {
    let lastByte = 0x0a; // of the answer so far
    const fail = (status: number, code: string, message: string) => {
      req.unpipe();
      if (res.writableEnded) return; // once: an oversized body and the upstream's error both end up here
      // the connection closes after the answer: a refused stream is not read on (its body is unbounded)
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      // the answer is NDJSON once it streams: the error is a line of its own
      else if (lastByte !== 0x0a) res.write('\n');
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
      up.on('data', (c: Buffer) => (lastByte = c[c.length - 1] ?? lastByte));
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
      // sends, up to maxDrainBytes, and drop it, so its connection ends cleanly and it gets to read the
      // answer; a reset would throw the answer away
      if (!req.complete) {
        req.unpipe(upstream);
        drainUntil = bytes + opts.maxDrainBytes;
        req.resume();
      }
    });
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > drainUntil) return void req.destroy(); // a sender that keeps going is cut off
      if (bytes > opts.maxStreamBytes && !res.writableEnded) {
        upstream.destroy();
        fail(413, 'BAD_USER_INPUT', `A stream carries at most ${opts.maxStreamBytes} bytes: open a new one`);
      }
    });
    // a stream lives no longer than the token it was opened with, as a subscription: then it is cut
    // like one over the byte limit (what was acknowledged is stored) and ends with UNAUTHENTICATED
    if (actor.expiresAt) {
      const expiry = at(actor.expiresAt + (opts.toleranceS ?? CLOCK_TOLERANCE_S) * 1000);
      res.once('close', expiry.cancel);
      void expiry.done.then(() => {
        if (res.writableEnded) return;
        upstream.destroy();
        fail(401, 'UNAUTHENTICATED', 'The token has expired: open a new stream with a new token');
      });
    }
    req.pipe(upstream);
  };

  return (req, res) => {
    const route = routes.get((req.url ?? '').split('?')[0]!);
    if (!route) return false;
    forward(route, req, res).catch(() => res.destroy());
    return true;
  };
}

// A tiny hub for the gateway's plugin tests: one small federated subgraph (the actor taken from the
// gateway's assertion, as the real ones do) and the real gateway in front of it, real JWTs. Boots in
// well under a second; the whole hub's end-to-end suite lives in test/src.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { GraphQLError, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import {
  ACTOR_HEADER,
  CALLER_ALGORITHMS,
  DEFAULT_AUDIENCE,
  DEMO_ACTORS,
  DEV_ISSUER,
  createCallerVerifier,
  internalSecretKey,
  loadOrCreateDevKeys,
  signDevToken,
  verifyActorAssertion,
  type Actor,
  type ActorKind,
} from '@hub/auth';
import { startGateway, type GatewayOptions, type RunningGateway } from '../index.js';

const SDL = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
    @link(url: "https://camhub.example/policy/v1.0", import: ["@can"])
    @composeDirective(name: "@can")
  directive @can(action: String!, subject: String!, field: String) on FIELD_DEFINITION

  enum CameraKind {
    FIXED
    MOBILE
  }
  type Query {
    "The actor the subgraph received (from the gateway's assertion)."
    whoami: Who!
    cameras(first: Int!, kind: CameraKind, ids: [ID!], minScore: Float): [Camera!]!
      @can(action: "read", subject: "Camera")
    "Answers after ms milliseconds with how many slow calls of the same actor were running at most."
    slow(ms: Int!): Int! @can(action: "read", subject: "Camera")
  }
  type Who {
    kind: String!
    sub: String!
  }
  type Camera @key(fields: "id") {
    id: ID!
    name: String!
    status: String!
    area: Area!
  }
  type Area {
    id: ID!
    cameras: [Camera!]!
  }
  type Subscription {
    ticks: Int!
  }
  type Mutation {
    "Counts the calls that reached the subgraph."
    touch: Int! @can(action: "update", subject: "Camera")
  }
`;

const camera = (i: number) => ({ id: `cam-${i}`, name: `Camera ${i}`, status: 'ACTIVE', area: { id: 'area-1' } });

export interface TinyHub {
  url: string;
  gateway: RunningGateway;
  /** Operations that reached the subgraph (query text), in order. */
  subgraphCalls: string[];
  /** The next `n` GraphQL requests to the subgraph have their connection reset (a replica dying mid-request). */
  resetNext(n: number): void;
  /** GraphQL requests whose connection the subgraph reset. */
  resets: number;
  /** The request id (plugins/request-ids.ts) each subgraph call carried in its assertion, in order. */
  subgraphRequestIds: Array<string | undefined>;
  /** A caller token of a demo actor (or any actor), signed by the hub's dev issuer. */
  token(who: Exclude<ActorKind, 'public'> | Actor, expiresIn?: string | number): Promise<string>;
  post(
    body: unknown,
    headers?: Record<string, string>,
    path?: string,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** An operation as a demo actor or with a given token; 'public' sends none. */
  gql(
    who: Exclude<ActorKind, 'public'> | 'public' | { token: string },
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  ws(connectionParams: Record<string, unknown>): Client;
  close(): Promise<void>;
}

/** Boots the tiny subgraph and a gateway in front of it; `gateway` overrides the gateway's options. */
export async function tinyHub(gateway: Partial<GatewayOptions> = {}): Promise<TinyHub> {
  const internalKey = internalSecretKey('tiny-hub-internal-secret-of-32-chars!!');
  const devKeys = await loadOrCreateDevKeys();
  const subgraphCalls: string[] = [];
  const subgraphRequestIds: Array<string | undefined> = [];
  let toReset = 0;
  let resets = 0;
  let touches = 0;
  const slowRunning = new Map<string, number>();
  const slowPeak = new Map<string, number>();

  const verified = async (assertion: unknown) => {
    if (typeof assertion !== 'string')
      throw new GraphQLError('Requests must come through the gateway', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    return verifyActorAssertion(internalKey, assertion);
  };
  const actorOf = async (assertion: unknown): Promise<Actor> => (await verified(assertion)).actor;
  const schema = buildSubgraphSchema({
    typeDefs: parse(SDL),
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: { actor: Actor }) => ({ kind: ctx.actor.kind, sub: ctx.actor.sub }),
        slow: async (_: unknown, args: { ms: number }, ctx: { actor: Actor }) => {
          const who = `${ctx.actor.kind}|${ctx.actor.sub}`;
          const now = (slowRunning.get(who) ?? 0) + 1;
          slowRunning.set(who, now);
          slowPeak.set(who, Math.max(now, slowPeak.get(who) ?? 0));
          await new Promise((r) => setTimeout(r, args.ms));
          slowRunning.set(who, (slowRunning.get(who) ?? 1) - 1);
          return slowPeak.get(who);
        },
        cameras: (_: unknown, args: { first: number }) =>
          Array.from({ length: Math.min(args.first, 100) }, (_x, i) => camera(i)),
      },
      Mutation: { touch: () => ++touches },
      Area: { cameras: () => [camera(0), camera(1)] },
      Subscription: {
        ticks: {
          subscribe: async function* () {
            for (let i = 0; ; i++) {
              yield { ticks: i };
              await new Promise((r) => setTimeout(r, 200));
            }
          },
        },
      },
    } as never,
  });
  const yoga = createYoga<{ req: IncomingMessage }, { actor: Actor }>({
    schema,
    logging: false,
    maskedErrors: false,
    context: async ({ request, params }) => {
      subgraphCalls.push(params.query ?? '');
      const { actor, requestId } = await verified(request.headers.get(ACTOR_HEADER) ?? undefined);
      subgraphRequestIds.push(requestId);
      return { actor };
    },
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // a stream route, as NDJSON ingest: counts the lines it received, for the actor of the assertion
    if (req.url === '/ingest') {
      let lines = 0;
      req.on('data', (c: Buffer) => (lines += c.toString('utf8').split('\n').filter(Boolean).length));
      req.on('end', async () => {
        const actor = await actorOf(req.headers[ACTOR_HEADER]).catch(() => undefined);
        res
          .writeHead(actor ? 200 : 401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ lines, kind: actor?.kind }));
      });
      return;
    }
    if (toReset > 0) {
      toReset--;
      resets++;
      req.socket.destroy(); // no answer at all, as when the process is killed
      return;
    }
    void yoga(req, res);
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        (ctx.extra as { actor?: Actor }).actor = await actorOf(ctx.connectionParams?.[ACTOR_HEADER]).catch(
          () => undefined,
        );
        return !!(ctx.extra as { actor?: Actor }).actor;
      },
      context: (ctx) => ({ actor: (ctx.extra as unknown as { actor: Actor }).actor }),
    },
    wss,
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const subgraphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const composed = composeServices([{ name: 'tiny', typeDefs: parse(SDL), url: subgraphUrl }]);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const gw = await startGateway({
    supergraphSdl: composed.supergraphSdl!,
    subgraphUrls: { tiny: subgraphUrl },
    verifyCaller: createCallerVerifier({
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      algorithms: [...CALLER_ALGORITHMS],
      jwks: { keys: [devKeys.publicJwk] },
    }),
    internalKey,
    port: 0,
    production: false,
    streams: [{ path: '/ingest', subgraph: 'tiny', action: 'ingest', subject: 'AnprRead', maxMs: 60_000 }],
    ...gateway,
  });

  const clients: Client[] = [];
  const token = (who: Exclude<ActorKind, 'public'> | Actor, expiresIn?: string | number) =>
    signDevToken(devKeys, typeof who === 'string' ? DEMO_ACTORS[who] : who, { expiresIn });
  const post: TinyHub['post'] = async (body, headers = {}, path = '/graphql') => {
    const res = await fetch(new URL(path, gw.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the raw text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    url: gw.url,
    gateway: gw,
    subgraphCalls,
    subgraphRequestIds,
    resetNext: (n) => void (toReset = n),
    get resets() {
      return resets;
    },
    token,
    post,
    async gql(who, query, variables) {
      const t = who === 'public' ? undefined : typeof who === 'object' ? who.token : await token(who);
      return post({ query, variables }, t ? { authorization: `Bearer ${t}` } : {});
    },
    ws(connectionParams) {
      const client = createClient({
        url: gw.url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) await c.dispose();
      await gw.stop();
      await wsServer.dispose();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The error codes of a GraphQL answer, in order. */
export const codes = (body: any): unknown[] => (body?.errors ?? []).map((e: any) => e.extensions?.code);

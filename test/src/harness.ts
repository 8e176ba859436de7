// Boots the real hub in-process for end-to-end tests: database (PGlite, or a scratch PostgreSQL
// database when DATABASE_URL is set), every subgraph and the gateway on free ports, real JWTs.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ACTOR_HEADER, DEMO_ACTORS, PUBLIC_ACTOR, signActorAssertion, type Actor, type ActorKind } from '@hub/auth';
import { openTestDatabase } from '@hub/db';
import { HUB_PGLITE_TEMPLATE, startStack, type Stack, type StackOptions } from '@hub/stack';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** A clock tests can move; starts at real time. */
export class TestClock {
  private offset = 0;
  now = () => new Date(Date.now() + this.offset);
  advance(ms: number) {
    this.offset += ms;
  }
  set(at: Date) {
    this.offset = at.getTime() - Date.now();
  }
}

export const DAY = 24 * 3_600_000;

export interface Hub {
  stack: Stack;
  clock: TestClock;
  url: string;
  /** Run an operation as an actor (a kind uses the demo identity; 'public' sends no token). */
  gql<T = Record<string, any>>(
    who: ActorKind | Actor,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>>;
  post(body: unknown, headers?: Record<string, string>, url?: string): Promise<GqlResult>;
  token(who: ActorKind | Actor): Promise<string | undefined>;
  ws(who: ActorKind | Actor, url?: string): Client;
  /** Call a subgraph directly with a gateway-signed actor: proves the subgraph refuses on its own. */
  direct<T = Record<string, any>>(
    subgraph: string,
    who: ActorKind | Actor,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export async function bootHub(opts: Partial<StackOptions> = {}): Promise<Hub> {
  // on PGlite: from the build's migrated template (packages/stack), the migrations only verified
  const database = await openTestDatabase(undefined, { template: HUB_PGLITE_TEMPLATE });
  const clock = new TestClock();
  const stack = await startStack({ database, clock, seed: true, eventsPollMs: 200, ...opts });
  const clients: Client[] = [];
  // one token per identity, kept like a real client keeps it: each new token is a log-in (audit.ts)
  const tokens = new Map<string, Promise<string>>();
  const token = async (who: ActorKind | Actor) => {
    if (who === 'public') return undefined;
    const actor = typeof who === 'string' ? DEMO_ACTORS[who] : who;
    const key = JSON.stringify(actor);
    let t = tokens.get(key);
    if (!t) tokens.set(key, (t = stack.token(actor)));
    return t;
  };
  const post = async (body: unknown, headers: Record<string, string> = {}, url = stack.url): Promise<GqlResult> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as GqlResult;
    return { ...json, status: res.status };
  };
  return {
    stack,
    clock,
    url: stack.url,
    post,
    token,
    async gql(who, query, variables) {
      const t = await token(who);
      return post({ query, variables }, t ? { authorization: `Bearer ${t}` } : {}) as never;
    },
    ws(who, url = stack.url.replace('http', 'ws')) {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: async () => {
          const t = await token(who);
          return t ? { authorization: `Bearer ${t}` } : {};
        },
      });
      clients.push(client);
      return client;
    },
    async direct(subgraph, who, query, variables) {
      const s = stack.subgraphs.find((x) => x.name === subgraph);
      if (!s) throw new Error(`no subgraph ${subgraph}`);
      const actor = who === 'public' ? PUBLIC_ACTOR : typeof who === 'string' ? DEMO_ACTORS[who] : who;
      return post(
        { query, variables },
        { [ACTOR_HEADER]: await signActorAssertion(stack.internalKey, actor) },
        s.url,
      ) as never;
    },
    async close() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await stack.stop();
      await database.close();
    },
  };
}

/** The error codes of a result, in order. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

/** Subscribe and collect events; resolves `ready` once the subscription is established upstream. */
export function collect<T = any>(client: Client, query: string, variables?: Record<string, unknown>) {
  const events: T[] = [];
  const errors: unknown[] = [];
  let done = false;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => (v.errors ? errors.push(...v.errors) : events.push(v.data as T)),
      error: (e) => errors.push(e),
      complete: () => (done = true),
    },
  );
  return { events, errors, dispose, isDone: () => done };
}

export async function waitFor(pred: () => boolean, ms = 8000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

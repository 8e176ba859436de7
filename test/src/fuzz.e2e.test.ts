// Schema-driven fuzzing: every root field of the composed API — queries, mutations and
// subscriptions — and of each subgraph's own schema gets hostile values in every argument place, as
// every actor, over HTTP and graphql-ws, through the gateway and straight to the subgraphs with a
// validly signed assertion. No answer may be INTERNAL_SERVER_ERROR, a 5xx, a code outside the known
// ones, a stack, SQL, a file path, an internal table name or a value of another party; none may carry
// more than MAX_ERRORS errors or a message over MAX_MESSAGE characters.
//
// Deterministic for a seed: FUZZ_SEED=<n> replays a run (a failure prints its seed). The values are
// drawn with fast-check from the same seed.
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  Kind,
  parse,
  visit,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import {
  ACTOR_HEADER,
  ACTOR_KINDS,
  DEMO_ACTORS,
  PUBLIC_ACTOR,
  abilityFor,
  signActorAssertion,
  type Action,
  type ActorKind,
  type SubjectType,
} from '@hub/auth';
import { bootHub, type Hub } from './harness.js';
import { generate, selection, type CanOf, type FuzzCase, type Plausible } from './fuzz/generate.js';
import { problemsOf, type Answer, type CheckContext } from './fuzz/check.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const ACTORS = ACTOR_KINDS;
/** Requests in flight at once (the machine is shared: a few, not hundreds). */
const CONCURRENCY = 6;
/** How long an accepted subscription is watched for a late error before it is closed. */
const SUBSCRIPTION_WAIT_MS = 1500;
/**
 * Hostile values per argument place and run, through the gateway (FUZZ_PER_PLACE for a longer run);
 * half as many straight to the subgraphs, whose resolvers the gateway's run reached already. Sized
 * so the file takes about a minute of CPU (one core), whatever the database.
 */
const PER_PLACE = Number(process.env.FUZZ_PER_PLACE ?? 2);
const SUBGRAPH_PER_PLACE = Math.max(1, Math.floor(PER_PLACE / 2));

let hub: Hub;
let gatewaySchema: GraphQLSchema;
let canOf: CanOf;
const plausibleValues: Plausible = { ids: new Map() };
/** ids each actor can read (from the lists it may call); an id outside its own set is another party's */
const visible = new Map<ActorKind, Set<string>>();
const allIds = new Set<string>();
let internalNames: string[] = [];

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  hub = await bootHub();
  canOf = canFromSupergraph(hub.stack.supergraphSdl);
  gatewaySchema = await introspect((q) => hub.gql('authority', q));
  const h0 = Date.now();
  await harvest();
  const cpu = process.cpuUsage();
  console.log(
    `fuzz boot and harvest: ${Date.now() - h0} ms harvesting, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU so far`,
  );
  // table and column names with an underscore or a schema prefix: never words of a message
  const rows = await hub.stack.database.query<{ s: string; t: string; c: string }>(
    sql`select table_schema as s, table_name as t, column_name as c from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const names = new Set<string>();
  for (const r of rows) {
    names.add(`${r.s}.${r.t}`);
    if (r.t.includes('_')) names.add(r.t);
    if (r.c.includes('_')) names.add(r.c);
  }
  internalNames = [...names];
}, 120_000);
afterAll(async () => hub?.close());

async function introspect(run: (q: string) => Promise<{ data?: unknown; errors?: unknown }>): Promise<GraphQLSchema> {
  const r = await run(getIntrospectionQuery());
  if (!r.data) throw new Error(`introspection failed: ${JSON.stringify(r.errors)}`);
  return buildClientSchema(r.data as IntrospectionQuery);
}

/** `@can` of each root field, read from the composed supergraph (the policy the gateway enforces). */
function canFromSupergraph(sdl: string): CanOf {
  const map = new Map<string, { action: Action; subject: SubjectType }>();
  visit(parse(sdl), {
    ObjectTypeDefinition(type) {
      for (const f of type.fields ?? []) {
        const can = f.directives?.find((d) => d.name.value === 'can');
        const arg = (n: string) => {
          const v = can?.arguments?.find((a) => a.name.value === n)?.value;
          return v?.kind === Kind.STRING ? v.value : undefined;
        };
        if (can)
          map.set(`${type.name.value}.${f.name.value}`, {
            action: arg('action') as Action,
            subject: arg('subject') as SubjectType,
          });
      }
    },
  });
  const root = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;
  return (field, op) => map.get(`${root[op]}.${field}`);
}

/** Ids of the seeded hub per type and per actor: plausible arguments, and what each actor may not see. */
async function harvest() {
  const query = gatewaySchema.getQueryType()!;
  for (const actor of ACTORS) {
    const mine = new Set<string>();
    visible.set(actor, mine);
    const ability = abilityFor(actor === 'public' ? PUBLIC_ACTOR : DEMO_ACTORS[actor]);
    for (const f of Object.values(query.getFields())) {
      if (f.args.some((a) => String(a.type).endsWith('!'))) continue;
      const r = await hub.gql(actor, `{ ${f.name} ${selection(getNamedType(f.type), ability, 0, true)} }`);
      walk(r.data, (typename, id) => {
        mine.add(id);
        allIds.add(id);
        const ids = plausibleValues.ids.get(typename) ?? [];
        if (!ids.includes(id) && ids.length < 50) ids.push(id);
        plausibleValues.ids.set(typename, ids);
      });
    }
  }
}
function walk(v: unknown, found: (typename: string, id: string) => void) {
  if (Array.isArray(v)) return v.forEach((x) => walk(x, found));
  if (!v || typeof v !== 'object') return;
  const o = v as Record<string, unknown>;
  if (typeof o.__typename === 'string' && typeof o.id === 'string') found(o.__typename, o.id);
  Object.values(o).forEach((x) => walk(x, found));
}

const secretsFor = (actor: ActorKind) => {
  const mine = visible.get(actor)!;
  // short ids could occur in any text by chance; the seeded ones are long slugs and uuids
  return [...allIds].filter((id) => id.length >= 8 && !mine.has(id));
};

interface Failure {
  where: string;
  c: FuzzCase;
  problems: string[];
}

/** Runs `cases` through `send`, at most CONCURRENCY at a time, and returns every failing answer. */
async function run(
  where: string,
  cases: FuzzCase[],
  send: (c: FuzzCase) => Promise<Answer>,
  concurrency = CONCURRENCY,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const secrets = new Map(ACTORS.map((a) => [a, secretsFor(a)]));
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const ctx: CheckContext = {
        sent: c.document + JSON.stringify(c.variables),
        secrets: secrets.get(c.actor)!,
        internalNames,
      };
      let answer: Answer;
      const t0 = Date.now();
      try {
        answer = await send(c);
        if (process.env.FUZZ_DEBUG && Date.now() - t0 > 2000)
          console.log(
            `slow ${Date.now() - t0} ms: ${where} ${c.op} ${c.field} ${c.at} ${c.label} ${c.form} ${c.actor}`,
          );
      } catch (e) {
        const cause = (e as { cause?: unknown }).cause;
        answer = {
          status: 599,
          text: String(e),
          errors: [{ message: `no answer: ${String(e)}${cause ? ` (${String(cause)})` : ''}` }],
        };
      }
      const problems = problemsOf(answer, ctx);
      if (problems.length) failures.push({ where, c, problems });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  // the hub runs in this process: its CPU time is the cost of the run, whatever the machine's load
  console.log(
    `fuzz ${where}: ${cases.length} operations, ${Date.now() - t0} ms, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU, ${failures.length} failed`,
  );
  return failures;
}

/** One line per distinct failure (field, place, value, problem), with what reproduces it. */
function report(failures: Failure[]): string[] {
  const lines = new Map<string, string>();
  for (const f of failures) {
    for (const p of f.problems) {
      const key = `${f.where} ${f.c.op} ${f.c.field} ${f.c.at} ${f.c.label} ${f.c.form}: ${p.replace(/\d+/g, 'N')}`;
      if (lines.has(key)) continue;
      const vars = JSON.stringify(f.c.variables);
      lines.set(
        key,
        `${f.where} ${f.c.op} ${f.c.field} at ${f.c.at} = ${f.c.label} (${f.c.form}) as ${f.c.actor}: ${p}\n    ${f.c.document.slice(0, 300)}\n    ${vars.length > 300 ? `${vars.slice(0, 300)}…` : vars}`,
      );
    }
  }
  return [...lines.values()];
}

function expectClean(failures: Failure[], total: number) {
  const lines = report(failures);
  // the whole list, for a run that finds many (the assertion shows the first 40)
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${lines.join('\n')}\n`);
  expect(
    lines,
    `fuzz seed ${SEED}: ${failures.length} of ${total} answers failed (replay with FUZZ_SEED=${SEED}):\n${lines.slice(0, 40).join('\n')}`,
  ).toEqual([]);
}

async function overHttp(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let errors: Answer['errors'];
  try {
    errors = (JSON.parse(text) as { errors?: Answer['errors'] }).errors;
  } catch {
    errors = [{ message: `not JSON: ${text.slice(0, 200)}` }];
  }
  return { status: res.status, text, errors };
}

/** One operation over graphql-ws: its results and errors, until it completes, fails or `waitMs` passes. */
/** Over the WebSocket frame limit (1 MiB, the gateway's maxBody): refused unread with close 1009. */
const oversizeFrame = (c: FuzzCase) =>
  Buffer.byteLength(JSON.stringify({ query: c.document, variables: c.variables })) > 1024 * 1024;

function overWs(client: Client, c: FuzzCase, waitMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer & { errors: NonNullable<Answer['errors']> } = { status: 0, text: '', errors: [] };
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      dispose();
      resolve(answer);
    };
    const dispose = client.subscribe(
      { query: c.document, variables: c.variables },
      {
        next: (v) => {
          answer.text += JSON.stringify(v);
          answer.errors.push(...((v.errors ?? []) as never[]));
        },
        error: (e) => {
          if (Array.isArray(e)) {
            answer.text += JSON.stringify(e);
            answer.errors.push(...e);
          } else if (e && typeof e === 'object' && 'code' in e) {
            const code = (e as { code: number }).code;
            // 1009 is the WebSocket's 413: a frame over the 1 MiB limit (the gateway's maxBody) is refused
            // unread. Only a message that was that large may be answered so.
            if (!(code === 1009 && oversizeFrame(c))) answer.closeCode = code;
          } else answer.errors.push({ message: `no answer: ${String(e)}` });
          done();
        },
        complete: done,
      },
    );
    const timer = setTimeout(done, waitMs);
  });
}

const byOp = (cases: FuzzCase[], ...ops: FuzzCase['op'][]) => cases.filter((c) => ops.includes(c.op));

describe('schema-driven fuzz', () => {
  it('through the gateway over HTTP: every query and mutation argument, hostile values, every actor', async () => {
    const cases = byOp(
      generate({
        schema: gatewaySchema,
        seed: SEED,
        plausible: plausibleValues,
        actors: ACTORS,
        canOf,
        inline: true,
        perPlace: PER_PLACE,
        ops: ['query', 'mutation'],
      }),
      'query',
      'mutation',
    );
    const tokens = new Map<ActorKind, string | undefined>();
    for (const a of ACTORS) tokens.set(a, await hub.token(a));
    const started = Date.now();
    const failures = await run('gateway/http', cases, (c) => {
      const t = tokens.get(c.actor);
      return overHttp(
        hub.url,
        { query: c.document, variables: c.variables },
        t ? { authorization: `Bearer ${t}` } : {},
      );
    });
    console.log(`fuzz gateway/http: ${cases.length} operations in ${Date.now() - started} ms`);
    expectClean(failures, cases.length);
  }, 600_000);

  it('through the gateway over graphql-ws: every subscription argument, and queries and mutations too', async () => {
    const all = generate({
      schema: gatewaySchema,
      seed: SEED + 1,
      plausible: plausibleValues,
      actors: ACTORS,
      canOf,
      inline: true,
      perPlace: PER_PLACE,
    });
    const subscriptions = byOp(all, 'subscription');
    // queries and mutations over WS take the same path after the handshake: a sample of them
    const others = byOp(all, 'query', 'mutation').filter((_, i) => i % 8 === 0);
    const clients = new Map<ActorKind, Client>(ACTORS.map((a) => [a, hub.ws(a)]));
    const started = Date.now();
    const failures = [
      ...(await run('gateway/ws', subscriptions, (c) => overWs(clients.get(c.actor)!, c, SUBSCRIPTION_WAIT_MS), 24)),
      // an oversize frame closes its connection: on a connection of its own, not the actor's shared one
      ...(await run('gateway/ws', others, (c) =>
        overWs(oversizeFrame(c) ? hub.ws(c.actor) : clients.get(c.actor)!, c, 60_000),
      )),
    ];
    console.log(
      `fuzz gateway/ws: ${subscriptions.length} subscriptions and ${others.length} other operations in ${Date.now() - started} ms`,
    );
    expectClean(failures, subscriptions.length + others.length);
  }, 600_000);

  it('straight to every subgraph with a validly signed assertion: every root field, _entities included', async () => {
    // assertions live 60 s: re-signed now and then over a long run
    const assertions = new Map<ActorKind, { token: string; until: number }>();
    const assertion = async (a: ActorKind) => {
      const hit = assertions.get(a);
      if (hit && hit.until > Date.now()) return hit.token;
      const token = await signActorAssertion(hub.stack.internalKey, a === 'public' ? PUBLIC_ACTOR : DEMO_ACTORS[a]);
      assertions.set(a, { token, until: Date.now() + 20_000 });
      return token;
    };
    let total = 0;
    const failures: Failure[] = [];
    const started = Date.now();
    for (const [i, s] of hub.stack.subgraphs.entries()) {
      const schema = await introspect(async (q) =>
        overHttp(s.url, { query: q }, { [ACTOR_HEADER]: await assertion('authority') }).then((a) => JSON.parse(a.text)),
      );
      const all = generate({
        schema,
        seed: SEED + 10 + i,
        plausible: plausibleValues,
        actors: ACTORS,
        canOf,
        inline: true,
        perPlace: SUBGRAPH_PER_PLACE,
        skip: (f) => f === '_service',
      });
      const cases = byOp(all, 'query', 'mutation');
      const subscriptions = byOp(all, 'subscription');
      total += cases.length + subscriptions.length;
      failures.push(
        ...(await run(`${s.name}/http`, cases, async (c) =>
          overHttp(s.url, { query: c.document, variables: c.variables }, { [ACTOR_HEADER]: await assertion(c.actor) }),
        )),
      );
      if (subscriptions.length) {
        const clients = new Map<ActorKind, Client>();
        const clientFor = async (a: ActorKind) => {
          let c = clients.get(a);
          if (!c) {
            const token = await assertion(a);
            c = createClient({
              url: s.url.replace('http', 'ws'),
              webSocketImpl: WebSocket,
              retryAttempts: 0,
              lazy: true,
              connectionParams: { [ACTOR_HEADER]: token },
            });
            clients.set(a, c);
          }
          return c;
        };
        failures.push(
          ...(await run(
            `${s.name}/ws`,
            subscriptions,
            async (c) => overWs(await clientFor(c.actor), c, SUBSCRIPTION_WAIT_MS),
            24,
          )),
        );
        for (const c of clients.values()) await c.dispose();
      }
    }
    console.log(`fuzz subgraphs: ${total} operations in ${Date.now() - started} ms`);
    expectClean(failures, total);
  }, 600_000);
});

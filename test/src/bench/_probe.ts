import autocannon from 'autocannon';
import { ACTOR_HEADER, DEMO_ACTORS, signActorAssertion } from '@hub/auth';
import { createScratchDatabase, openDatabase, sql } from '@hub/db';
import { startStack } from '@hub/stack';
const BODY = JSON.stringify({ query: 'query { cameras(first: 50) { edges { node { id name kind street municipality status location { latitude longitude } } } } }' });
const scratch = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/test');
const database = await openDatabase({ url: scratch.url, max: 20 });
const stack = await startStack({ database, seed: true, production: true });
const name = new URL(scratch.url).pathname.slice(1);
const xacts = async () => { await new Promise((r) => setTimeout(r, 1500)); const [r] = await database.query<{ x: string }>(sql`select xact_commit::text as x from pg_stat_database where datname = ${name}`); return Number(r!.x); };
const conns = Number(process.env.C ?? 50);
for (const [label, url, headers] of [
  ['direct', stack.subgraphs[0]!.url, { 'content-type': 'application/json', [ACTOR_HEADER]: await signActorAssertion(stack.internalKey, DEMO_ACTORS.police) }],
  ['gateway', stack.url, { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(DEMO_ACTORS.police)}` }],
  ['direct', stack.subgraphs[0]!.url, { 'content-type': 'application/json', [ACTOR_HEADER]: await signActorAssertion(stack.internalKey, DEMO_ACTORS.police) }],
] as const) {
  const before = await xacts();
  const r = await new Promise<any>((res, rej) => autocannon({ url, connections: conns, duration: 5, method: 'POST', headers, body: BODY }, (e, r) => (e ? rej(e) : res(r))));
  const after = await xacts();
  const total = r.requests.total ?? r.requests.mean * 5;
  console.log(label, conns, 'req/s', r.requests.mean, 'p50', r.latency.p50, 'xacts/req', ((after - before) / total).toFixed(2));
}
await stack.stop(); await database.close(); await scratch.drop();

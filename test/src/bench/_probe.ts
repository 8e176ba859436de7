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
const officers = Array.from({ length: conns }, (_, i) => ({ ...DEMO_ACTORS.police, sub: `x-${i}` }));
const dh = await Promise.all(officers.map(async (o) => ({ 'content-type': 'application/json', [ACTOR_HEADER]: await signActorAssertion(stack.internalKey, o) })));
const gh = await Promise.all(officers.map(async (o) => ({ 'content-type': 'application/json', authorization: `Bearer ${await stack.token(o)}` })));
for (const [label, url, hs] of [...(process.env.ONLY === 'g' ? [] : [['direct', stack.subgraphs[0]!.url, dh]]), ['gateway', stack.url, gh]] as const) {
  let n = 0;
  const setupClient = (c: any) => c.setHeaders(hs[n++ % hs.length]);
  const before = await xacts();
  const r = await new Promise<any>((res, rej) => autocannon({ url, connections: conns, duration: 5, method: 'POST', body: BODY, setupClient }, (e, r) => (e ? rej(e) : res(r))));
  const after = await xacts();
  const total = r.requests.total ?? r.requests.mean * 5;
  console.log(label, conns, 'req/s', r.requests.mean, 'p50', r.latency.p50, 'xacts/req', ((after - before) / total).toFixed(2));
}
await stack.stop(); await database.close(); await scratch.drop();

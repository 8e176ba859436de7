// `npm run bench:peer` (P4): our gateway against the peer a user would otherwise pick, Apollo Gateway
// 2.x with its standard server and no authentication, in front of the same subgraph processes, with
// the same query and the same actor assertion reaching the subgraphs. Two queries: a one-subgraph
// list and camerasNear (registrations + cameras). Ratios from one run; CPU ms per request of each
// gateway process explain them (/proc, so Linux only).
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Client, type Result } from 'autocannon';
import {
  ACTOR_HEADER,
  DEMO_ACTORS,
  internalSecretKey,
  loadOrCreateDevKeys,
  signActorAssertion,
  signDevToken,
} from '@hub/auth';
import { createScratchDatabase } from '@hub/db';
import { recordInSection } from './results.js';
import { hasNoErrors, machineName, spawnService } from './run.js';

const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const ROUNDS = 2;
const TARGET = 2;
const COMMAND = 'npm run bench:peer';
const APOLLO = fileURLToPath(new URL('./apollo-gateway.ts', import.meta.url));
const QUERIES = {
  list: 'query { cameras(first: 50) { edges { node { id name kind street municipality status location { latitude longitude } } } } }',
  camerasNear:
    'query { camerasNear(lat: 52.0907, lon: 5.1214, radiusMeters: 3000, first: 20) { source distanceMeters camera { id name street status } registration { id ownerName address } } }',
} as const;
type QueryName = keyof typeof QUERIES;
const officers = Array.from({ length: CONNECTIONS }, (_, i) => ({
  ...DEMO_ACTORS.police,
  sub: `${DEMO_ACTORS.police.sub}-peer-${i}`,
}));

interface Gateway {
  name: 'ours' | 'apollo';
  url: string;
  pid: number;
  headers: () => Promise<Record<string, string>[]>;
}
interface Measured {
  reqPerSec: number;
  requests: number;
  p99: number;
  failed: number;
  cpuMsPerRequest: number;
}

/** CPU time (user + system) of a process in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(g: Gateway, query: QueryName, seconds: number): Promise<Measured> {
  const headers = await g.headers(); // fresh per run: an assertion lives 60 s, a run 10
  const body = JSON.stringify({ query: QUERIES[query] });
  const cpuBefore = cpuMs(g.pid);
  const r = await new Promise<Result>((resolve, reject) => {
    let n = 0;
    const setupClient = (client: Client) => client.setHeaders(headers[n++ % headers.length]!);
    autocannon(
      {
        url: g.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        body,
        setupClient,
        verifyBody: hasNoErrors,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  const cpu = cpuMs(g.pid) - cpuBefore;
  const requests = r.requests.mean * seconds;
  await sleep(1500); // in-flight requests finish before the next run
  return {
    reqPerSec: r.requests.mean,
    requests,
    p99: r.latency.p99,
    failed: r.errors + r.non2xx + r.mismatches,
    cpuMsPerRequest: cpu / Math.max(1, requests),
  };
}

async function answer(g: Gateway, query: QueryName): Promise<unknown> {
  const [h] = await g.headers();
  const res = await fetch(g.url, { method: 'POST', headers: h, body: JSON.stringify({ query: QUERIES[query] }) });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (!res.ok || json.errors)
    throw new Error(`${g.name} ${query}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
  return json.data;
}

const best = (runs: Measured[]): Measured => ({
  ...runs.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a)),
  failed: runs.reduce((n, r) => n + r.failed, 0),
});

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-peer-'));
  const secret = randomBytes(32).toString('hex');
  const common = { HUB_INTERNAL_SECRET: secret, HUB_DATA_DIR: dataDir };
  const services: Array<{ stop: () => Promise<void> }> = [];
  try {
    const devKeys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const internalKey = internalSecretKey(secret);
    const db = { ...common, DATABASE_URL: scratch.url, DB_POOL_MAX: '20', HUB_SEED: 'true' };
    const cameras = await spawnService('cameras', db);
    services.push(cameras);
    const registrations = await spawnService('registrations', db);
    services.push(registrations);
    const subgraphUrls = `cameras=${cameras.url},registrations=${registrations.url}`;
    const ours = await spawnService('gateway', { ...common, SUBGRAPH_URLS: subgraphUrls });
    services.push(ours);
    const apollo = await spawnService('apollo', { ...common, SUBGRAPH_URLS: subgraphUrls }, APOLLO);
    services.push(apollo);
    const json = { 'content-type': 'application/json' };
    const bearers = await Promise.all(
      officers.map(async (o) => ({ ...json, authorization: `Bearer ${await signDevToken(devKeys, o)}` })),
    );
    const gateways: Gateway[] = [
      { name: 'ours', url: ours.url, pid: ours.pid, headers: async () => bearers },
      {
        name: 'apollo',
        url: apollo.url,
        pid: apollo.pid,
        headers: () =>
          Promise.all(
            officers.map(async (o) => ({ ...json, [ACTOR_HEADER]: await signActorAssertion(internalKey, o) })),
          ),
      },
    ];
    let failed = 0;
    const rows: string[] = [];
    const date = new Date().toISOString();
    for (const query of Object.keys(QUERIES) as QueryName[]) {
      // the same answer from both, or the comparison means nothing
      const [a, b] = [
        JSON.stringify(await answer(gateways[0]!, query)),
        JSON.stringify(await answer(gateways[1]!, query)),
      ];
      if (a !== b || a.length < 100)
        throw new Error(
          `${query}: the gateways disagree or the answer is empty:\n${a.slice(0, 300)}\n${b.slice(0, 300)}`,
        );
      for (const g of gateways) failed += (await load(g, query, WARMUP_SECONDS)).failed;
      const runs: Record<Gateway['name'], Measured[]> = { ours: [], apollo: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        for (const g of gateways) {
          const m = await load(g, query, SECONDS);
          console.log(
            `${query} round ${round} ${g.name}: ${m.reqPerSec.toFixed(0)} req/s, p99 ${m.p99} ms, gateway CPU ${m.cpuMsPerRequest.toFixed(2)} ms/req, ${m.failed} failed`,
          );
          runs[g.name].push(m);
        }
      }
      const [o, p] = [best(runs.ours), best(runs.apollo)];
      failed += o.failed + p.failed;
      const ratio = o.reqPerSec / p.reqPerSec;
      rows.push(
        `| ${date} | ${machineName()} | ${query} | ${CONNECTIONS} | ${o.reqPerSec.toFixed(0)} (p99 ${o.p99} ms, ${o.cpuMsPerRequest.toFixed(2)} ms CPU) | ${p.reqPerSec.toFixed(0)} (p99 ${p.p99} ms, ${p.cpuMsPerRequest.toFixed(2)} ms CPU) | ${ratio.toFixed(2)}× (target ≥ ${TARGET}×: ${ratio >= TARGET ? 'met' : 'NOT met'}) | ${o.failed + p.failed} | \`${COMMAND}\` |`,
      );
    }
    recordInSection(
      '## P4: our gateway ÷ Apollo Gateway 2.x, same subgraph processes, same query and actor',
      [
        'Method: a scratch PostgreSQL database; the cameras and registrations subgraphs (demo city seeded), our gateway',
        '(compiled: node packages/stack/dist/serve.js) and Apollo Gateway 2.14 with `@apollo/server` standalone (test/src/bench/apollo-gateway.ts, no',
        'authentication: it forwards the gateway-signed actor assertion the load generator sends; run through tsx, which',
        'only transforms at load) each in their own',
        `process, NODE_ENV=production; autocannon in the bench process, ${CONNECTIONS} connections, one police officer each.`,
        'Both answers are checked equal first. 3 s warm-up each, then alternating 10 s rounds, best of 2. CPU ms per',
        "request = the gateway process's user+system time during the run ÷ requests (subgraphs and PostgreSQL excluded).",
        'Our gateway does more per request than the peer: it verifies a JWT, checks the policy on the document and signs',
        'an assertion per actor; Apollo Gateway does none of that here.',
        '',
        '| date | machine | query | connections | ours req/s | Apollo Gateway req/s | ratio | errors | command |',
        '|---|---|---|---|---|---|---|---|---|',
      ],
      rows,
    );
    console.log(['', ...rows].join('\n'));
    if (failed) console.error(`${failed} requests failed`);
    return failed ? 1 : 0;
  } finally {
    for (const s of services.reverse()) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

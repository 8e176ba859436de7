// `npm run bench`: what the gateway costs. The same camera list is loaded through the gateway and
// straight from the cameras subgraph, in one process on one machine, and the ratio is reported:
// on 2 noisy shared cores only ratios from the same run compare (STACK-NOTES), not absolute req/s.
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon, { type Client } from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const ROUNDS = 2;
const TARGET_RATIO = 0.5;
/** Autocannon stops at its deadline, not the server: let requests still in flight finish first. */
const SETTLE_MS = 2000;
const COMMAND = 'npm run bench';
const SERVE = fileURLToPath(new URL('../../../packages/stack/src/serve.ts', import.meta.url));
const SERVE_DIST = fileURLToPath(new URL('../../../packages/stack/dist/serve.js', import.meta.url));
// `status` is readable by police only: the field-level policy is part of what gets measured.
const QUERY =
  'query { cameras(first: 50) { edges { node { id name kind street municipality status location { latitude longitude } } } } }';
const BODY = JSON.stringify({ query: QUERY });
// One police officer per connection, like 50 users. With a single actor the gateway's HTTP executor
// merges identical in-flight queries (@graphql-tools/executor-http deduplicateInflightRequests):
// only ~1 in 10 gateway requests reached the subgraph and the gateway "beat" direct 1.8×.
const officers = Array.from({ length: CONNECTIONS }, (_, i) => ({
  ...DEMO_ACTORS.police,
  sub: `${DEMO_ACTORS.police.sub}-${i}`,
}));

interface Target {
  name: 'direct' | 'gateway';
  url: string;
  /** Headers per connection; fetched again during a run when they expire (the subgraph assertion: 60 s). */
  headers: () => Promise<Record<string, string>[]>;
  refreshMs?: number;
}
interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
}

// GraphQL reports most failures in a 200 body, so a body carrying `errors` counts as failed too.
export const hasNoErrors = (body: string) => !body.includes('"errors"');

/** The p-quantile (0..1) of ascending latencies, nearest rank. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;

async function load(t: Target, seconds: number): Promise<Measured> {
  const measured = await t.headers().then(
    (initial) =>
      new Promise<Measured>((resolve, reject) => {
        let headers = initial;
        // eslint-disable-next-line prefer-const -- assigned after the handlers that clear it are defined
        let timer: NodeJS.Timeout | undefined;
        const connectionOf = new Map<Client, number>();
        const headersOf = (client: Client) => headers[connectionOf.get(client)! % headers.length]!;
        // setupClient runs before a connection's first request: each connection is its own officer
        const setupClient = (client: Client) => {
          connectionOf.set(client, connectionOf.size);
          client.setHeaders(headersOf(client));
        };
        const instance = autocannon(
          {
            url: t.url,
            connections: CONNECTIONS,
            duration: seconds,
            method: 'POST',
            body: BODY,
            setupClient,
            verifyBody: hasNoErrors,
          },
          (err, r) => {
            clearInterval(timer);
            if (err) reject(err);
            else
              resolve({
                reqPerSec: r.requests.mean,
                p50: r.latency.p50,
                p99: r.latency.p99,
                failed: r.errors + r.non2xx + r.mismatches,
              });
          },
        );
        if (!t.refreshMs) return;
        // Autocannon builds a connection's request once: after re-signing, each connection gets
        // the new headers on its next response (one rebuild per connection, not per request).
        let generation = 0;
        const seen = new WeakMap<Client, number>();
        timer = setInterval(() => void t.headers().then((h) => ((headers = h), generation++)), t.refreshMs);
        instance.on('response', (client) => {
          if (seen.get(client) === generation) return;
          client.setHeaders(headersOf(client));
          seen.set(client, generation);
        });
      }),
  );
  // so the next run (or the stack's shutdown) does not meet this run's leftovers
  await sleep(SETTLE_MS);
  return measured;
}

async function nodeIds(t: Target): Promise<string[]> {
  const [headers] = await t.headers();
  const res = await fetch(t.url, { method: 'POST', headers, body: BODY });
  const json = (await res.json()) as { data?: { cameras?: { edges: { node: { id: string } }[] } }; errors?: unknown };
  if (!res.ok || json.errors || !json.data?.cameras)
    throw new Error(`${t.name}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json.data.cameras.edges.map((e) => e.node.id);
}

/** Best round: noise on shared cores only ever lowers throughput. Failures add up over all rounds. */
function best(runs: Measured[]): Measured {
  const top = runs.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  return { ...top, failed: runs.reduce((n, r) => n + r.failed, 0) };
}

/**
 * "2 cores, AMD EPYC, node v20.20.2, load 12.7": the machine column of BENCHMARKS.md. The 1-minute
 * load average says how much else the shared cores were running when the row was written.
 */
export function machineName(): string {
  const cpu = cpus();
  return `${cpu.length} cores, ${(cpu[0]?.model ?? 'unknown cpu').replace(/\s+/g, ' ').trim()}, node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`;
}

function record(results: Record<Target['name'], Measured>): void {
  const date = new Date().toISOString();
  const machine = machineName();
  const ratio = results.gateway.reqPerSec / results.direct.reqPerSec;
  const verdict = ratio >= TARGET_RATIO ? 'met' : 'NOT met';
  const rows = (['direct', 'gateway'] as const).map((name) => {
    const m = results[name];
    return `| ${date} | ${machine} | ${name} | ${CONNECTIONS} | ${m.reqPerSec.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.failed} | \`${COMMAND}\` |`;
  });
  rows.push(
    `| ${date} | ${machine} | ratio gateway/direct | ${CONNECTIONS} | ${(ratio * 100).toFixed(0)}% (target ≥ ${TARGET_RATIO * 100}%: ${verdict}) | | | | \`${COMMAND}\` |`,
  );
  recordInSection(
    '## Gateway overhead: `cameras(first: 50)` through the gateway vs the cameras subgraph directly',
    [
      'Method: the cameras subgraph and the gateway each in their own process (serve.ts, NODE_ENV=production),',
      `autocannon in the bench process; ${CONNECTIONS} connections, one police officer each; direct = the subgraph`,
      'with a gateway-signed assertion, gateway = the same query with a Bearer token; best of alternating rounds.',
      `Target: gateway ≥ ${TARGET_RATIO * 100}% of direct throughput at ${CONNECTIONS} connections.`,
      '',
      '| date | machine | target | connections | req/s (mean) | p50 ms | p99 ms | errors/non-2xx | command |',
      '|---|---|---|---|---|---|---|---|---|',
    ],
    rows,
  );
  console.log(
    [
      '',
      '| date | machine | target | connections | req/s (mean) | p50 ms | p99 ms | errors/non-2xx | command |',
      ...rows,
    ].join('\n'),
  );
}

/**
 * Start one service in its own process and wait for `ready <url>`: by default the compiled service
 * (`node packages/stack/dist/serve.js <role>`, as production runs it; the bench scripts build first),
 * with BENCH_TSX=1 the sources through tsx; `script` (a .ts file of the bench) always through tsx.
 */
export async function spawnService(
  role: string,
  env: Record<string, string>,
  script?: string,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  // BENCH_PROFILE=<role>[,<role>…] writes a V8 CPU profile of those services to BENCH_PROFILE_DIR (default /tmp/hub-profiles)
  const profile = (process.env.BENCH_PROFILE ?? '').split(',').includes(role)
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? '/tmp/hub-profiles'}`]
    : [];
  const compiled = !script && process.env.BENCH_TSX !== '1';
  if (compiled && !existsSync(SERVE_DIST)) throw new Error(`${SERVE_DIST} is missing: npm run build (or BENCH_TSX=1)`);
  const args = compiled ? [SERVE_DIST, role] : ['--conditions=@hub/source', '--import', 'tsx', script ?? SERVE, role];
  const child = spawn(process.execPath, [...profile, ...args], {
    // production mode with the dev keys asked for explicitly (the bench mints dev tokens)
    env: { ...process.env, HUB_DEV_KEYS: '1', HUB_ALLOWED_ORIGINS: 'same-origin', ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  // The production layout: the cameras subgraph and the gateway each in their own process, the
  // load generator in this one, so no two of them share an event loop.
  const secret = randomBytes(32).toString('hex');
  const common = { HUB_INTERNAL_SECRET: secret, HUB_DATA_DIR: dataDir };
  const services: Array<{ stop: () => Promise<void> }> = [];
  try {
    const devKeys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const internalKey = internalSecretKey(secret);
    const cameras = await spawnService('cameras', {
      ...common,
      DATABASE_URL: scratch.url,
      DB_POOL_MAX: '20',
      HUB_SEED: 'true',
    });
    services.push(cameras);
    const gw = await spawnService('gateway', { ...common, SUBGRAPH_URLS: `cameras=${cameras.url}` });
    services.push(gw);
    const json = { 'content-type': 'application/json' };
    const bearers = await Promise.all(
      officers.map(async (o) => ({ ...json, authorization: `Bearer ${await signDevToken(devKeys, o)}` })),
    );
    const direct: Target = {
      name: 'direct',
      url: cameras.url,
      headers: () =>
        Promise.all(officers.map(async (o) => ({ ...json, [ACTOR_HEADER]: await signActorAssertion(internalKey, o) }))),
      // assertions live 60 s: re-sign well before that if a run is long
      refreshMs: SECONDS + WARMUP_SECONDS > 50 ? 45_000 : undefined,
    };
    const gateway: Target = { name: 'gateway', url: gw.url, headers: async () => bearers };

    // Same answer from both, or the comparison means nothing.
    const [a, b] = [await nodeIds(direct), await nodeIds(gateway)];
    if (a.length !== 50 || a.join() !== b.join()) {
      throw new Error(`direct and gateway disagree: ${a.length} vs ${b.length} ids, first ${a[0]} vs ${b[0]}`);
    }

    let failed = 0;
    for (const t of [direct, gateway]) failed += (await load(t, WARMUP_SECONDS)).failed;
    const runs: Record<Target['name'], Measured[]> = { direct: [], gateway: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of [direct, gateway]) {
        const m = await load(t, SECONDS);
        console.log(
          `round ${round} ${t.name}: ${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.failed} failed`,
        );
        runs[t.name].push(m);
      }
    }
    const results = { direct: best(runs.direct), gateway: best(runs.gateway) };
    record(results);
    failed += results.direct.failed + results.gateway.failed;
    if (failed) console.error(`${failed} requests failed`);
    return failed ? 1 : 0;
  } finally {
    for (const s of services.reverse()) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

// Run only as the entry point: footage.ts imports the helpers above.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main().catch((e: unknown) => {
    console.error(e);
    return 1;
  });
}

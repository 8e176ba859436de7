// `npm run bench:fairness`: one caller cannot starve the others. The hub as
// `npm start` runs it (packages/stack/dist/main.js: the gateway and every subgraph in one process, the
// most exposed layout: one event loop) on a scratch PostgreSQL database, with the production rate
// limits on. Light callers — another police officer reading one camera, a municipality listing its
// cameras, the public reading the register — each send one request at a time, first alone, then while
// one police officer floods the hub with heavy audited reads (every camera's recordings, as many
// aliases as the cost budget allows) on many connections at once. Reported: the light callers'
// p50/p99 alone and during the flood, their failures (must be 0), and what the flooder got (answers,
// RATE_LIMITED). Target: no light failure, light p50 during ≤ 4× alone (p99 reported beside it).
// The load runs in this process; the hub in its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { DEMO_ACTORS, loadOrCreateDevKeys, signDevToken, type Actor } from '@hub/auth';
import { createScratchDatabase } from '@hub/db';
import { machineName } from './run.js';
import { recordInSection } from './results.js';

const MAIN = fileURLToPath(new URL('../../../packages/stack/dist/main.js', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const FLOOD_CONNECTIONS = 32;
const TARGET_RATIO = 4;
const COMMAND = 'npm run bench:fairness';
const SECTION = '## Fairness: light callers while one caller floods the hub';

const DAY = 86_400_000;
const window = () => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date().toISOString() });
/** `aliases` × every camera's recordings: the heaviest read is the first of SIZES the cost budget lets through. */
const heavy = ([aliases, cameras, recordings]: readonly [number, number, number]) => {
  const { from, to } = window();
  const one = (i: number) =>
    `a${i}: cameras(first: ${cameras}) { edges { node { id recordings(purpose: "PL0900-2026-flood", first: ${recordings}, from: "${from}", to: "${to}") { edges { node { id startedAt } } } } } }`;
  return `{ ${Array.from({ length: aliases }, (_, i) => one(i)).join(' ')} }`;
};
const SIZES = [
  [15, 100, 100],
  [5, 100, 100],
  [3, 100, 50],
  [1, 100, 100],
  [1, 100, 50],
  [1, 50, 50],
  [1, 50, 20],
  [1, 20, 20],
] as const;

interface LightCaller {
  name: string;
  actor: Actor | null;
  query: string;
}
const LIGHT: LightCaller[] = [
  {
    name: 'police officer, one camera',
    actor: { ...DEMO_ACTORS.police, sub: 'agent-light-1' },
    query: '{ camera(id: "utrecht-neude-1") { id name status } }',
  },
  {
    name: 'municipality, its cameras',
    actor: DEMO_ACTORS.municipality,
    query: '{ cameras(first: 20) { edges { node { id name } } } }',
  },
  {
    name: 'public, the register',
    actor: null,
    query: '{ publicCameraRegister(municipality: "GM0344", first: 20) { edges { node { cameraId name } } } }',
  },
];

interface LightResult {
  latencies: number[];
  failures: string[];
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;

async function lightLoop(url: string, token: string | undefined, query: string, until: number): Promise<LightResult> {
  const out: LightResult = { latencies: [], failures: [] };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ query });
  while (Date.now() < until) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { method: 'POST', headers, body });
      const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      if (!res.ok || json.errors) out.failures.push(`${res.status} ${json.errors?.[0]?.extensions?.code ?? ''}`);
      else out.latencies.push(performance.now() - t0);
    } catch (e) {
      out.failures.push(String(e));
    }
    await new Promise((r) => setTimeout(r, 250)); // a person or a dashboard, not a loop
  }
  return out;
}

async function startHub(dataDir: string, databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    // the production defaults of plugins/rate-limit.ts (on in production; asked for here)
    HUB_RATE_LIMITS: 'police=600:120',
  };
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /GraphQL \(HTTP, SSE, graphql-ws\): (\S+)/.exec(text);
      if (m && /ready in/.test(text)) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited with ${code} before it was ready:\n${text}`)));
  });
  child.stdout!.resume();
  return { child, url };
}

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-fairness-'));
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const { child, url } = await startHub(join(dir, 'data'), scratch.url);
  try {
    const keys = await loadOrCreateDevKeys(join(dir, 'data', 'keys'));
    const tokenOf = (a: Actor | null) => (a ? signDevToken(keys, a, { expiresIn: '1h' }) : Promise.resolve(undefined));
    const lightTokens = await Promise.all(LIGHT.map((l) => tokenOf(l.actor)));
    const flooder = await tokenOf({ ...DEMO_ACTORS.police, sub: 'agent-flood' });

    // the heaviest query the budget allows
    let size: (typeof SIZES)[number] | undefined;
    let query = '';
    for (const candidate of SIZES) {
      query = heavy(candidate);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${flooder}` },
        body: JSON.stringify({ query }),
      });
      const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      if (!json.errors) {
        size = candidate;
        break;
      }
      if (json.errors[0]?.extensions?.code !== 'COST_LIMIT_EXCEEDED')
        throw new Error(`the flood query failed: ${JSON.stringify(json).slice(0, 400)}`);
    }
    if (!size) throw new Error('no flood query within the cost budget');
    console.log(`flood query: ${size[0]} aliases × cameras(first: ${size[1]}) × recordings(first: ${size[2]})`);

    // warm-up, then the light callers alone
    await Promise.all(LIGHT.map((l, i) => lightLoop(url, lightTokens[i], l.query, Date.now() + 3000)));
    const alone = await Promise.all(
      LIGHT.map((l, i) => lightLoop(url, lightTokens[i], l.query, Date.now() + SECONDS * 1000)),
    );

    // the same light callers while one officer floods
    const statuses = new Map<string, number>();
    const flood = new Promise<Result>((resolve, reject) =>
      autocannon(
        {
          url,
          connections: FLOOD_CONNECTIONS,
          duration: SECONDS,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${flooder}` },
          body: JSON.stringify({ query }),
          setupClient: (c) =>
            c.on('body', (b: Buffer) => {
              const code = /"code":"([A-Z_]+)"/.exec(b.toString())?.[1] ?? 'answered';
              statuses.set(code, (statuses.get(code) ?? 0) + 1);
            }),
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      ),
    );
    const during = await Promise.all(
      LIGHT.map((l, i) => lightLoop(url, lightTokens[i], l.query, Date.now() + SECONDS * 1000)),
    );
    const floodResult = await flood;

    const date = new Date().toISOString();
    const machine = machineName();
    const floodSummary = [...statuses].map(([k, n]) => `${k} ${n}`).join(', ');
    const rows = LIGHT.map((l, i) => {
      const a = alone[i]!;
      const d = during[i]!;
      const ratio = pct(d.latencies, 50) / pct(a.latencies, 50);
      const ratio99 = pct(d.latencies, 99) / pct(a.latencies, 99);
      const failures = a.failures.length + d.failures.length;
      const met = failures === 0 && ratio <= TARGET_RATIO;
      const fmt = (r: LightResult) =>
        `${r.latencies.length} ok, p50 ${pct(r.latencies, 50).toFixed(1)} / p99 ${pct(r.latencies, 99).toFixed(1)} ms`;
      return `| ${date} | ${machine} | ${l.name} | ${fmt(a)} | ${fmt(d)} | ${ratio.toFixed(2)} / ${ratio99.toFixed(2)} | ${failures}${failures ? ` (${[...new Set([...a.failures, ...d.failures])].slice(0, 3).join('; ')})` : ''} | ${FLOOD_CONNECTIONS} connections, ${size[0]} × cameras(${size[1]}) × recordings(${size[2]}): ${floodResult.requests.total} requests (${floodSummary}) | ${met ? 'met' : 'NOT met'} | \`${COMMAND}\` |`;
    });
    recordInSection(
      SECTION,
      [
        `Method (\`${COMMAND}\`, test/src/bench/fairness.ts): the hub as \`npm start\` runs it (packages/stack/dist/main.js, every`,
        'subgraph and the gateway in one process) on a scratch PostgreSQL database, production rate limits on (HUB_RATE_LIMITS).',
        `Light callers, one request at a time each (250 ms apart), ${SECONDS} s alone, then ${SECONDS} s while one police officer`,
        `sends the heaviest audited read the cost budget allows on ${FLOOD_CONNECTIONS} connections (autocannon, this process).`,
        `Target per light caller: no failure, p50 during ÷ p50 alone ≤ ${TARGET_RATIO} (the p99 ratio beside it).`,
        '',
        '| date | machine | light caller | alone | during the flood | p50 / p99 ratio | light failures | the flood | target | command |',
        '|---|---|---|---|---|---|---|---|---|---|',
      ],
      rows,
    );
    console.log(['', ...rows].join('\n'));
    return rows.every((r) => r.includes('| met |')) ? 0 : 1;
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

// `npm run bench:floor`: what this machine can do at all for the footage and registrations latency
// targets (p99 < 25 / 20 ms at 20 saturated connections). The SQL of `Camera.recordings` over
// 1,000,000 recordings behind a bare node:http + postgres.js handler (floor-server.ts, its own
// process): no GraphQL, no token, no policy, no federation hop, no hash chain. Once the page alone,
// once with one audit INSERT after it, as every recording read must write (000, 003 §5.2.3).
// Whatever the hub adds comes on top of these figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import postgres from 'postgres';
import { createScratchDatabase } from '@hub/db';
import { hasNoErrors, machineName, spawnService } from './run.js';
import { recordInSection } from './results.js';

const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const ROWS = 1_000_000;
const CAMERAS = 200;
const RECORDING_MS = 10 * 60_000;
const WINDOW_MS = 12 * 3_600_000;
const COMMAND = 'npm run bench:floor';
const SECTION = '## Floor: the same read behind a bare node:http handler';
const SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));

interface Measured {
  mode: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
}

/** A random camera and a 12 h window inside its recorded history (a full page of 50). */
function body(newest: number): string {
  const camera = `cam-${Math.floor(Math.random() * CAMERAS)}`;
  const span = (ROWS / CAMERAS) * RECORDING_MS - WINDOW_MS;
  const from = newest - WINDOW_MS - Math.random() * span;
  return JSON.stringify({ camera, from: new Date(from).toISOString(), to: new Date(from + WINDOW_MS).toISOString() });
}

function load(url: string, seconds: number, newest: number): Promise<Result> {
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        requests: [{ setupRequest: (r) => ({ ...r, method: 'POST', body: body(newest) }) }],
        verifyBody: hasNoErrors,
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    ),
  );
}

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-floor-'));
  const pg = postgres(scratch.url, { max: 1, onnotice: () => {} });
  let server: { url: string; stop: () => Promise<void> } | undefined;
  try {
    // the footage subgraph's shape and index for this read (camera, started_at)
    await pg`create schema floor`;
    await pg`create table floor.recordings (id uuid primary key, camera_id text not null, started_at timestamptz not null,
      ended_at timestamptz not null, storage_ref text not null)`;
    await pg`create index on floor.recordings (camera_id, started_at)`;
    await pg`create table floor.audit (seq bigserial primary key, actor text not null, ids text[] not null, at timestamptz not null default now())`;
    const newest = Date.now();
    await pg`insert into floor.recordings
      select gen_random_uuid(), 'cam-' || (i % ${CAMERAS}::int), ended - interval '10 minutes', ended, 'vms://floor/' || i
      from generate_series(0, ${ROWS - 1}::int) i,
           lateral (select to_timestamp((${newest}::bigint - (i / ${CAMERAS}::int) * ${RECORDING_MS}::bigint) / 1000.0) as ended) t`;
    await pg`vacuum analyze floor.recordings`;
    server = await spawnService('floor', { DATABASE_URL: scratch.url, DB_POOL_MAX: '20' }, SERVER);
    const results: Measured[] = [];
    for (const mode of ['page', 'page-audit']) {
      const url = `${server.url}/${mode}`;
      await load(url, WARMUP_SECONDS, newest);
      const r = await load(url, SECONDS, newest);
      const m = {
        mode,
        reqPerSec: r.requests.mean,
        p50: r.latency.p50,
        p99: r.latency.p99,
        failed: r.errors + r.non2xx + r.mismatches,
      };
      console.log(`${mode}: ${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, failed ${m.failed}`);
      results.push(m);
    }
    const [audited] = await pg<{ n: number }[]>`select count(*)::int as n from floor.audit`;
    const date = new Date().toISOString();
    const rows = results.map(
      (m) =>
        `| ${date} | ${machineName()} | ${m.mode === 'page' ? 'page of 50' : 'page of 50 + audit INSERT'} | ${CONNECTIONS}, saturated | ${m.reqPerSec.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.failed} | \`${COMMAND}\` |`,
    );
    recordInSection(
      SECTION,
      [
        `Method (\`${COMMAND}\`, test/src/bench/floor.ts): ${ROWS.toLocaleString('en')} recordings (${CAMERAS} cameras, 10-minute recordings) on a scratch`,
        'PostgreSQL database with the footage index (camera, started_at); the read of `Camera.recordings(from, to, first: 50)` — the same',
        'WHERE and ORDER BY, a random camera and 12 h window — behind a bare node:http handler with postgres.js (pool 20) in its own',
        `process: no GraphQL, no token, no policy, no federation hop, no hash chain. Autocannon, ${CONNECTIONS} connections, closed loop, ${WARMUP_SECONDS} s`,
        `warm-up then ${SECONDS} s; once the page alone, once followed by one INSERT of the read ids into an audit table (every recording`,
        'read must be logged). What the hub does on top of this can only add to these latencies.',
        '',
        '| date | machine | handler | connections | req/s | p50 ms | p99 ms | errors | command |',
        '|---|---|---|---|---|---|---|---|---|',
      ],
      rows,
    );
    console.log(['', ...rows].join('\n'));
    return results.every((m) => m.failed === 0) && audited!.n > 0 ? 0 : 1;
  } finally {
    await server?.stop();
    await pg.end();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

// `npm run bench:footage`: Camera.recordings at 1,000,000 recordings on PostgreSQL, through the
// gateway at 20 connections, before and while a retention run deletes the 500,000 expired ones.
// Services in their own processes (serve.ts), load generator and data loader in this one. On 2
// noisy shared cores compare the during/before ratio of one run, not absolute figures (STACK-NOTES).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Client, type Result } from 'autocannon';
import { sql } from 'drizzle-orm';
import { DEMO_ACTORS, loadOrCreateDevKeys, signDevToken } from '@hub/auth';
import { createScratchDatabase, openDatabase, type Database } from '@hub/db';
import { paced } from './paced.js';
import { closedLoop, hubVersusFloor, recordRatio } from './ratio.js';
import { recordInSection } from './results.js';
import { hasNoErrors, machineName, percentile, spawnService } from './run.js';

const CONNECTIONS = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const ROWS = 1_000_000;
const EXPIRED = 500_000;
const TARGET_P99_MS = 25;
const TARGET_RATIO = 2;
/** Offered load of the open-loop phase (requests/s): about half of the saturated capacity. */
const PACED_RATE = Number(process.env.FOOTAGE_PACED_RATE ?? 100);
const PAGE = 50;
const DAY_MS = 86_400_000;
/** Each read asks for 12 h of one camera: 72 recordings, so a full page of 50. */
const WINDOW_MS = 12 * 3_600_000;
const SETTLE_MS = 2000;
const COMMAND = 'npm run bench:footage';
const SECTION = '## Footage: Camera.recordings at 1M recordings, retention under load';
const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));

const QUERY = `query($id: ID!, $from: DateTime!, $to: DateTime!) { camera(id: $id) { id recordings(from: $from, to: $to, first: ${PAGE}, purpose: "PL0900-2026-bench") { edges { node { id startedAt endedAt storageRef } } } } }`;
const RETENTION = 'mutation { runRetention { deletedCount batches startedAt finishedAt } }';
// One police officer per connection (run.ts: one actor would let the gateway merge in-flight queries).
const officers = Array.from({ length: CONNECTIONS }, (_, i) => ({
  ...DEMO_ACTORS.police,
  sub: `${DEMO_ACTORS.police.sub}-footage-${i}`,
}));

interface Phase {
  seconds: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
}
interface Running {
  instance: ReturnType<typeof autocannon>;
  /** [completion time (performance.now), latency ms] of every response. */
  samples: Array<[number, number]>;
  done: Promise<Result>;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

function phase(samples: Array<[number, number]>, from: number, to: number, failed: number): Phase {
  const lat = samples
    .filter(([t]) => t >= from && t <= to)
    .map(([, l]) => l)
    .sort((a, b) => a - b);
  const seconds = (to - from) / 1000;
  return {
    seconds,
    requests: lat.length,
    reqPerSec: lat.length / seconds,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    failed,
  };
}
const failures = (r: Result) => r.errors + r.non2xx + r.mismatches;

/**
 * Where the time goes, sampled every 100 ms: active backends of the scratch database by wait event,
 * and what the holder of the audit log's advisory lock is doing (state: last statement).
 */
function sampleWaits(db: Database) {
  const waits = new Map<string, number>();
  const holder = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const loop = (async () => {
    while (!stopped) {
      const rows = await db.query<{ w: string; n: number }>(
        sql`select coalesce(wait_event_type || ':' || wait_event, 'CPU') as w, count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state = 'active' group by 1`,
      );
      const held = await db.query<{ h: string }>(
        sql`select a.state || coalesce(' ' || a.wait_event_type || ':' || a.wait_event, '') || ': ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 40) as h
            from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted and a.datname = current_database()`,
      );
      samples++;
      for (const r of rows) add(waits, r.w, r.n);
      if (held.length === 0) add(holder, 'no holder', 1);
      for (const r of held) add(holder, r.h, 1);
      await sleep(100);
    }
  })();
  const top = (m: Map<string, number>, n: number, f: (x: number) => string) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${k} ${f(v)}`)
      .join(', ');
  return async () => {
    stopped = true;
    await loop;
    return {
      waits: top(waits, 6, (v) => (v / samples).toFixed(1)),
      holder: top(holder, 4, (v) => `${Math.round((100 * v) / samples)}%`),
    };
  };
}

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-footage-'));
  const secret = randomBytes(32).toString('hex');
  const common = { HUB_INTERNAL_SECRET: secret, HUB_DATA_DIR: dataDir };
  const services: Array<{ stop: () => Promise<void> }> = [];
  let db: Database | undefined;
  try {
    const devKeys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const cameras = await spawnService('cameras', {
      ...common,
      DATABASE_URL: scratch.url,
      DB_POOL_MAX: '20',
      HUB_SEED: 'true',
    });
    services.push(cameras);
    // FOOTAGE_RETENTION_INTERVAL_MS=0: no scheduled run, only the one this bench triggers
    const footage = await spawnService('footage', {
      ...common,
      DATABASE_URL: scratch.url,
      DB_POOL_MAX: '20',
      FOOTAGE_RETENTION_INTERVAL_MS: '0',
    });
    services.push(footage);
    const gw = await spawnService('gateway', {
      ...common,
      SUBGRAPH_URLS: `cameras=${cameras.url},footage=${footage.url}`,
    });
    services.push(gw);
    // the loader and the probes: a client of their own on the scratch database
    db = await openDatabase({ url: scratch.url, max: 2 });

    // 1. The footage replica of the cameras (cameraRegistered events) must be complete.
    const replica = await waitForReplica(db);
    console.log(`footage camera replica: ${replica} cameras`);

    // 2. 1,000,000 recordings, loaded with SQL; the oldest 500,000 expired.
    const t0 = new Date();
    const loadStart = performance.now();
    await db.query(sql`
      with cams as (select id, municipality, area_id, covert, (row_number() over (order by id) - 1)::int as n from footage.cameras),
           g as (select i, ${t0.toISOString()}::timestamptz - i * (interval '10 minutes' / (select count(*) from cams)) as ended_at
                 from generate_series(0, ${ROWS - 1}) as s(i))
      insert into footage.recordings (id, source_system, source_id, camera_id, municipality, area_id, covert, kind, started_at, ended_at,
                                      storage_ref, sha256, size_bytes, expires_at, ingested_at)
      select gen_random_uuid()::text, 'bench-vms', 'bench-' || g.i, c.id, c.municipality, c.area_id, c.covert, 'PUBLIC_ORDER',
             g.ended_at - interval '10 minutes', g.ended_at, 's3://bench-vms/' || c.id || '/' || g.i || '.mp4',
             md5(g.i::text) || md5((g.i + 1)::text), 104857600,
             g.ended_at + case when g.i >= ${ROWS - EXPIRED} then interval '28 days' else interval '37 days' end, g.ended_at
      from g join cams c on c.n = g.i % (select count(*) from cams)`);
    const insertSeconds = (performance.now() - loadStart) / 1000;
    // A table this size in production has long been vacuumed; autovacuum kicking in mid-measurement would be noise.
    await db.query(sql`vacuum analyze footage.recordings`);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const [counts] = await db.query<{ total: number; expired: number; oldest_unexpired: string }>(
      sql`select count(*)::int as total, count(*) filter (where expires_at <= now())::int as expired,
                 min(ended_at) filter (where expires_at > now())::text as oldest_unexpired from footage.recordings`,
    );
    if (counts!.total !== ROWS || counts!.expired !== EXPIRED)
      throw new Error(`loaded ${JSON.stringify(counts)}, expected ${ROWS} rows, ${EXPIRED} expired`);
    console.log(
      `loaded ${ROWS} recordings (${EXPIRED} expired) in ${insertSeconds.toFixed(1)} s insert + vacuum analyze = ${loadSeconds.toFixed(1)} s (${Math.round(ROWS / insertSeconds)} rows/s)`,
    );

    // 3. Reads: a random camera and a 12 h window inside the unexpired half (the newest ~36 days).
    const cameraIds = (await db.query<{ id: string }>(sql`select id from footage.cameras order by id`)).map(
      (r) => r.id,
    );
    const unexpiredFrom = new Date(counts!.oldest_unexpired).getTime() + DAY_MS;
    const unexpiredTo = t0.getTime() - DAY_MS - WINDOW_MS;
    const variables = () => {
      const from = unexpiredFrom + Math.random() * (unexpiredTo - unexpiredFrom);
      return {
        id: cameraIds[Math.floor(Math.random() * cameraIds.length)]!,
        from: new Date(from).toISOString(),
        to: new Date(from + WINDOW_MS).toISOString(),
      };
    };
    const body = () => JSON.stringify({ query: QUERY, variables: variables() });
    const json = { 'content-type': 'application/json' };
    const bearers = await Promise.all(
      officers.map(async (o) => ({ ...json, authorization: `Bearer ${await signDevToken(devKeys, o)}` })),
    );

    const sample = variables();
    const probe = await fetch(gw.url, {
      method: 'POST',
      headers: bearers[0],
      body: JSON.stringify({ query: QUERY, variables: sample }),
    });
    const answer = (await probe.json()) as {
      data?: { camera?: { recordings: { edges: unknown[] } } };
      errors?: unknown;
    };
    const got = answer.data?.camera?.recordings.edges.length;
    if (!probe.ok || answer.errors || got !== PAGE)
      throw new Error(`probe read: HTTP ${probe.status}, ${got} recordings: ${JSON.stringify(answer).slice(0, 500)}`);
    console.log(`probe read: ${got} recordings of ${sample.id}`);
    const planBefore = await explain(db, sample);

    const start = (duration: number): Running => {
      const samples: Array<[number, number]> = [];
      let connection = 0;
      const setupClient = (client: Client) => {
        // each connection its own officer, each request its own camera and window
        client.setRequests([
          {
            method: 'POST',
            headers: bearers[connection++ % CONNECTIONS]!,
            setupRequest: (req) => ({ ...req, body: body() }),
          },
        ]);
      };
      let instance!: ReturnType<typeof autocannon>;
      const done = new Promise<Result>((resolve, reject) => {
        instance = autocannon(
          {
            url: gw.url,
            connections: CONNECTIONS,
            duration,
            method: 'POST',
            body: body(),
            setupClient,
            verifyBody: hasNoErrors,
            timeout: 30,
          },
          (err, r) => (err ? reject(err) : resolve(r)),
        );
      });
      instance.on('response', (_c, _status, _bytes, latency) => samples.push([performance.now(), latency]));
      return { instance, samples, done };
    };

    let failed = 0;
    {
      const warm = start(WARMUP_SECONDS);
      failed += failures(await warm.done);
      await sleep(SETTLE_MS);
    }

    // "before": the read load alone
    const stopBeforeWaits = sampleWaits(db);
    const t = performance.now();
    const run1 = start(SECONDS);
    const r1 = await run1.done;
    const before = phase(run1.samples, t, performance.now(), failures(r1));
    const waitsBefore = await stopBeforeWaits();
    failed += before.failed;
    await sleep(SETTLE_MS);
    console.log(
      `before: ${before.reqPerSec.toFixed(0)} req/s, p50 ${ms(before.p50)} ms, p99 ${ms(before.p99)} ms, ${before.failed} failed (autocannon: p50 ${r1.latency.p50}, p99 ${r1.latency.p99})`,
    );
    console.log(`  active backends by wait (mean): ${waitsBefore.waits}\n  audit lock holder: ${waitsBefore.holder}`);

    // an offered load below capacity, open loop (test/src/bench/paced.ts): latency without queueing
    const open = await paced({
      url: gw.url,
      rate: PACED_RATE,
      seconds: SECONDS,
      connections: CONNECTIONS,
      request: (n) => ({ headers: bearers[n % CONNECTIONS]!, body: body() }),
      ok: (b) => !b.includes('"errors"'),
    });
    failed += open.errors;
    await sleep(SETTLE_MS);
    console.log(
      `open loop at ${PACED_RATE} req/s: p50 ${open.p50.toFixed(1)} ms, p99 ${open.p99.toFixed(1)} ms, ${open.errors} errors`,
    );

    // P1: the same reads against the floor (the same SQL and audit INSERT behind a bare handler), same data
    await db.query(sql`create schema if not exists floor`);
    await db.query(
      sql`create table floor.audit (seq bigserial primary key, actor text not null, ids text[] not null, at timestamptz not null default now())`,
    );
    const floorServer = await spawnService(
      'floor',
      { DATABASE_URL: scratch.url, DB_POOL_MAX: '20', FLOOR_RECORDINGS: 'footage.recordings' },
      FLOOR_SERVER,
    );
    let p1: Awaited<ReturnType<typeof hubVersusFloor>>;
    try {
      p1 = await hubVersusFloor(
        (seconds) =>
          closedLoop({
            url: gw.url,
            connections: CONNECTIONS,
            seconds,
            body,
            headers: (n) => bearers[n % CONNECTIONS]!,
            pids: [gw.pid, cameras.pid, footage.pid],
          }),
        (seconds) =>
          closedLoop({
            url: `${floorServer.url}/page-audit`,
            connections: CONNECTIONS,
            pids: [floorServer.pid],
            seconds,
            body: () => {
              const v = variables();
              return JSON.stringify({ camera: v.id, from: v.from, to: v.to });
            },
          }),
        { seconds: SECONDS, warmup: WARMUP_SECONDS, rounds: 2 },
      );
    } finally {
      await floorServer.stop();
    }
    failed += p1.failed;
    recordRatio({
      id: 'P1',
      measure: '`camera(id) { recordings(from, to, first: 50) }` (1M recordings) ÷ its SQL + audit INSERT',
      hub: p1.hub,
      floor: p1.floor,
      floorName: 'page + audit INSERT',
      target: 0.3,
      failed: p1.failed,
      command: COMMAND,
    });

    // 4. "during": the same load, and 1 s in a retention run through the gateway; stop when it returns.
    const run2 = start(3600);
    await sleep(1000);
    const stopDuringWaits = sampleWaits(db);
    const retentionHeaders = {
      ...json,
      authorization: `Bearer ${await signDevToken(devKeys, { ...DEMO_ACTORS.police, sub: `${DEMO_ACTORS.police.sub}-retention` })}`,
    };
    const rStart = performance.now();
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: retentionHeaders,
      body: JSON.stringify({ query: RETENTION }),
      signal: AbortSignal.timeout(600_000),
    }).catch((e: unknown) => e as Error);
    const rEnd = performance.now();
    run2.instance.stop();
    const r2 = await run2.done;
    const waitsDuring = await stopDuringWaits();
    await sleep(SETTLE_MS);
    const during = phase(run2.samples, rStart, rEnd, failures(r2));
    failed += during.failed;
    if (res instanceof Error)
      throw new Error(`retention request failed after ${((rEnd - rStart) / 1000).toFixed(1)} s: ${res.message}`);
    const proofJson = (await res.json()) as {
      data?: { runRetention?: { deletedCount: number; batches: number; startedAt: string; finishedAt: string } };
      errors?: unknown;
    };
    const proof = proofJson.data?.runRetention;
    if (!res.ok || proofJson.errors || !proof)
      throw new Error(`retention: HTTP ${res.status} ${JSON.stringify(proofJson).slice(0, 500)}`);
    const wallSeconds = (rEnd - rStart) / 1000;
    const runSeconds = (new Date(proof.finishedAt).getTime() - new Date(proof.startedAt).getTime()) / 1000;
    const deletesPerSec = proof.deletedCount / runSeconds;
    const ratio = during.p99 / before.p99;
    console.log(
      `retention: deleted ${proof.deletedCount} in ${proof.batches} batches, run ${runSeconds.toFixed(1)} s (request ${wallSeconds.toFixed(1)} s), ${Math.round(deletesPerSec)} deletes/s`,
    );
    console.log(
      `during: ${during.reqPerSec.toFixed(0)} req/s, p50 ${ms(during.p50)} ms, p99 ${ms(during.p99)} ms, ${during.failed} failed; p99 during/before ${ratio.toFixed(2)}×`,
    );
    console.log(`  active backends by wait (mean): ${waitsDuring.waits}\n  audit lock holder: ${waitsDuring.holder}`);

    // 5. What is left: the 500,000 unexpired, nothing expired.
    const [left] = await db.query<{ total: number; expired: number }>(
      sql`select count(*)::int as total, count(*) filter (where expires_at <= now())::int as expired from footage.recordings`,
    );
    const [audited] = await db.query<{ reads: number }>(
      sql`select count(*)::int as reads from audit.entries where action = 'footage.recording.read'`,
    );
    console.log(`after: ${left!.total} recordings, ${left!.expired} expired; ${audited!.reads} audited reads`);
    const planAfter = await explain(db, sample);
    console.log(
      `plan of the read (same camera and window) before retention:\n${planBefore}\nafter retention:\n${planAfter}`,
    );
    const verified = left!.total === ROWS - EXPIRED && left!.expired === 0 && proof.deletedCount === EXPIRED;
    if (!verified) console.error(`expected ${ROWS - EXPIRED} recordings left, none expired, ${EXPIRED} deleted`);

    // 6. BENCHMARKS.md
    const p99Met = before.p99 < TARGET_P99_MS;
    const openMet = open.p99 < TARGET_P99_MS;
    const ratioMet = ratio <= TARGET_RATIO;
    const row = [
      new Date().toISOString(),
      machineName(),
      `\`${COMMAND}\``,
      `${ROWS / 1e6}M (${EXPIRED / 1e3}k expired), load ${Math.round(loadSeconds)} s`,
      before.reqPerSec.toFixed(0),
      ms(before.p50),
      ms(before.p99),
      during.reqPerSec.toFixed(0),
      ms(during.p50),
      ms(during.p99),
      `${Math.round(deletesPerSec)} (${proof.deletedCount} in ${runSeconds.toFixed(1)} s)`,
      `${ratio.toFixed(2)}×`,
      `p99 < ${TARGET_P99_MS} ms: saturated ${p99Met ? 'met' : 'NOT met'}, open loop ${openMet ? 'met' : 'NOT met'}; ratio ≤ ${TARGET_RATIO}×: ${ratioMet ? 'met' : 'NOT met'}`,
      String(failed),
      `${PACED_RATE}/s: ${open.p50.toFixed(1)} / ${open.p99.toFixed(1)}`,
    ];
    record(`| ${row.join(' | ')} |`);
    if (failed) console.error(`${failed} requests failed`);
    return failed || !verified ? 1 : 0;
  } finally {
    await db?.close();
    for (const s of services.reverse()) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

/** Poll footage.cameras until it holds every camera of the cameras subgraph, and then some more polls without change. */
async function waitForReplica(db: Database): Promise<number> {
  const deadline = Date.now() + 60_000;
  let last = -1;
  let stable = 0;
  while (Date.now() < deadline) {
    const [r] = await db.query<{ replica: number; source: number }>(
      sql`select (select count(*)::int from footage.cameras) as replica, (select count(*)::int from cameras.cameras) as source`,
    );
    if (r!.replica > 0 && r!.replica === r!.source && r!.replica === last && ++stable >= 3) return r!.replica;
    if (r!.replica !== last) stable = 0;
    last = r!.replica;
    await sleep(250);
  }
  throw new Error(`footage camera replica incomplete after 60 s: ${last} cameras`);
}

/** EXPLAIN ANALYZE of the read as the footage subgraph issues it (drizzle's SQL, literal values), key lines only. */
/** The plan of the read as subgraphs/footage/src/db/recordings.ts builds it (with its lower started_at bound). */
async function explain(db: Database, v: { id: string; from: string; to: string }): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(
    sql`explain (analyze, buffers) select * from footage.recordings
        where (camera_id = ${v.id} and ended_at >= ${v.from}::timestamptz and started_at <= ${v.to}::timestamptz
               and started_at >= ${v.from}::timestamptz - interval '1 day')
        order by started_at asc, id asc limit ${PAGE + 1}`,
  );
  return rows
    .map((r) => r['QUERY PLAN'])
    .filter((l) => /Scan|Index Cond|Filter|Rows Removed|Buffers|Execution Time|Sort/.test(l))
    .map((l) => `  ${l.trim()}`)
    .join('\n');
}

function record(row: string): void {
  const header = [
    SECTION,
    '',
    `Method: a scratch PostgreSQL database; the cameras subgraph (demo city seeded), the footage subgraph (scheduler off,`,
    `FOOTAGE_RETENTION_INTERVAL_MS=0) and the gateway each in their own process (serve.ts, NODE_ENV=production, DB pool 20).`,
    `${ROWS.toLocaleString('en')} recordings loaded with one INSERT … SELECT generate_series over the footage camera replica`,
    `(10-minute recordings back in time, each camera's 10 min apart), then VACUUM ANALYZE; the oldest ${EXPIRED.toLocaleString('en')} expired.`,
    `Reads: \`camera(id) { recordings(from, to, first: ${PAGE}) }\` through the gateway, ${CONNECTIONS} connections, one police`,
    `officer each, a random camera and 12 h window in the unexpired half per request (every read appends to the audit log).`,
    `Before: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s. During: the same load, and 1 s in \`runRetention\` through the gateway as police;`,
    `latencies of the responses completed while the run was in flight. p50/p99 in ms, from every response.`,
    `From 22:35 on also an open-loop phase after "before": ${PACED_RATE} req/s for ${SECONDS} s, requests started on schedule whether or`,
    `not earlier ones came back (≤ ${CONNECTIONS} keep-alive connections, test/src/bench/paced.ts), latency from the scheduled start.`,
    `"Before" is closed-loop and saturated: its latency is mostly queueing (${CONNECTIONS} / req/s by Little's law).`,
    `Targets: p99 before < ${TARGET_P99_MS} ms; p99 during ≤ ${TARGET_RATIO}× p99 before.`,
    '',
    '| date | machine | command | rows | req/s before | p50 before | p99 before | req/s during | p50 during | p99 during | deletes/s | p99 during/before | targets | errors | open loop: rate, p50 / p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  recordInSection(SECTION, header.slice(2), [row]);
  console.log(['', ...header.slice(-2), row].join('\n'));
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

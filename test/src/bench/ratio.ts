// Same-run ratios (BENCHMARKS.md): a hub read against the floor — the same SQL behind a bare node:http
// handler (floor-server.ts) on the same data, in the same run — alternating rounds, best of each
// (noise on shared cores only ever lowers throughput). Rows go to one section of BENCHMARKS.md.
import autocannon, { type Client, type Result } from 'autocannon';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordInSection } from './results.js';
import { hasNoErrors, machineName } from './run.js';

export const RATIO_SECTION = '## P1, P2: hub ÷ floor, same run, same data';

export interface Closed {
  reqPerSec: number;
  p99: number;
  failed: number;
  /** user+system CPU ms per request of the processes given as `pids` (gateway, subgraphs), if any */
  cpuMsPerRequest?: number;
}

/** CPU time (user + system) of a process in ms, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** Closed loop: `connections` each sending the next request when the last came back, for `seconds`. */
export function closedLoop(opts: {
  url: string;
  connections: number;
  seconds: number;
  body: () => string;
  headers?: (n: number) => Record<string, string>;
  pids?: number[];
}): Promise<Closed> {
  const cpu = () => (opts.pids ?? []).reduce((n, pid) => n + cpuMs(pid), 0);
  const cpuBefore = cpu();
  return new Promise<Closed>((resolve, reject) => {
    let n = 0;
    autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        method: 'POST',
        verifyBody: hasNoErrors,
        setupClient: (client: Client) => {
          const headers = { 'content-type': 'application/json', ...opts.headers?.(n++) };
          client.setRequests([{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: opts.body() }) }]);
        },
      },
      (err, r: Result) => {
        if (err) return reject(err);
        const requests = Math.max(1, r.requests.mean * opts.seconds);
        resolve({
          reqPerSec: r.requests.mean,
          p99: r.latency.p99,
          failed: r.errors + r.non2xx + r.mismatches,
          cpuMsPerRequest: opts.pids ? (cpu() - cpuBefore) / requests : undefined,
        });
      },
    );
  }).then(async (m) => (await sleep(1500), m)); // in-flight requests finish before the next run
}

/** Alternating rounds of hub and floor after a warm-up of each; the best round of each. */
export async function hubVersusFloor(
  hub: (seconds: number) => Promise<Closed>,
  floor: (seconds: number) => Promise<Closed>,
  opts: { seconds: number; warmup: number; rounds: number },
) {
  let failed = (await hub(opts.warmup)).failed + (await floor(opts.warmup)).failed;
  const best = { hub: undefined as Closed | undefined, floor: undefined as Closed | undefined };
  for (let i = 0; i < opts.rounds; i++) {
    for (const [name, run] of [
      ['hub', hub],
      ['floor', floor],
    ] as const) {
      const m = await run(opts.seconds);
      const cpuNote = m.cpuMsPerRequest === undefined ? '' : `, ${m.cpuMsPerRequest.toFixed(2)} CPU ms/req`;
      console.log(
        `  round ${i + 1} ${name}: ${m.reqPerSec.toFixed(0)} req/s, p99 ${m.p99} ms${cpuNote}, ${m.failed} failed`,
      );
      failed += m.failed;
      if (!best[name] || m.reqPerSec > best[name]!.reqPerSec) best[name] = m;
    }
  }
  return { hub: best.hub!, floor: best.floor!, failed };
}

export function recordRatio(r: {
  id: string;
  measure: string;
  hub: Closed;
  floor: Closed;
  floorName: string;
  target: number;
  failed: number;
  command: string;
}): string {
  const ratio = r.hub.reqPerSec / r.floor.reqPerSec;
  const cpu = (m: Closed) => (m.cpuMsPerRequest === undefined ? '' : `, ${m.cpuMsPerRequest.toFixed(2)} CPU ms`);
  const row = `| ${new Date().toISOString()} | ${machineName()} | ${r.id} | ${r.measure} | ${r.hub.reqPerSec.toFixed(0)} (p99 ${r.hub.p99} ms${cpu(r.hub)}) | ${r.floorName}: ${r.floor.reqPerSec.toFixed(0)} (p99 ${r.floor.p99} ms${cpu(r.floor)}) | ${ratio.toFixed(2)} | ≥ ${r.target}: ${ratio >= r.target ? 'met' : 'NOT met'} | ${r.failed} | \`${r.command}\` |`;
  recordInSection(
    RATIO_SECTION,
    [
      'Method: in the run of the command, on its data, after its own measurements: the hub read through the gateway and the',
      'floor — the same SQL behind a bare node:http + postgres.js handler (test/src/bench/floor-server.ts, its own process,',
      'pool 20) — 20 closed-loop connections each, 3 s warm-up of each, then alternating 10 s rounds (hub, floor, hub,',
      'floor), best round of each. Services compiled (node on dist), NODE_ENV=production. CPU ms: user+system time per',
      "request of the hub's processes (gateway and subgraphs) or of the floor handler, PostgreSQL excluded. The machine",
      'column ends with the load average: only the ratio of one row means anything on these shared cores.',
      '',
      '| date | machine | id | measure | hub req/s | floor req/s | ratio | target | errors | command |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ],
    [row],
  );
  console.log(row);
  return row;
}

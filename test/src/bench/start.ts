// `npm run bench:start` (P6): what `npm start` costs on a fresh clone. The hub's launcher
// (packages/stack/dist/main.bundle.mjs on node, as `npm start` runs it after its prestart build) is started
// with a new, empty data directory (embedded PGlite, no DATABASE_URL: a fresh clone's first run), and
// again on that same directory (the second start). Measured: seconds from spawn to the "ready" line,
// CPU seconds of the process until then (user + system, /proc: what the start costs whatever else
// runs on the machine), RSS when ready. A query through the gateway must answer before a start counts.
// Targets: < 8 s to ready, < 400 MB RSS when ready.
// BENCH_PROFILE=start writes a V8 CPU profile of each start to BENCH_PROFILE_DIR (default /tmp/hub-profiles).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineName } from './run.js';
import { recordInSection } from './results.js';

/** BENCH_MAIN: another launcher to measure (e.g. the unbundled dist/main.js), relative to the repository root. */
const MAIN = fileURLToPath(
  new URL(`../../../${process.env.BENCH_MAIN ?? 'packages/stack/dist/main.bundle.mjs'}`, import.meta.url),
);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_S = 8;
const TARGET_MB = 400;
const COMMAND = 'npm run bench:start';
/** BENCH_LABEL: what differs in this run (a lever on or off), shown after the data directory column. */
const LABEL = process.env.BENCH_LABEL ? ` (${process.env.BENCH_LABEL})` : '';
const SECTION = '## P6: `npm start` on a fresh clone: seconds to ready, RSS when ready';

interface Start {
  kind: 'fresh' | 'second';
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  peakMb: number;
}

/** user + system CPU seconds of a process (clock ticks of 10 ms) */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}
const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function start(kind: Start['kind'], dataDir: string): Promise<Start> {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, PORT: '0' };
  delete env.DATABASE_URL; // a fresh clone runs on embedded PGlite
  delete env.NODE_ENV; // as `npm start` runs it
  env.MALLOC_ARENA_MAX ??= '2'; // as `npm start` sets it (package.json): fewer glibc malloc arenas, ~40–80 MB less RSS
  const profile =
    process.env.BENCH_PROFILE === 'start'
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? '/tmp/hub-profiles'}`]
      : [];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...profile, MAIN], {
    env,
    cwd: join(dataDir, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let text = '';
    const out = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        // the launcher prints the URL and then one token per demo actor, police first
        if (/ready in[\s\S]*police\s+\S+\n/.test(text)) resolve(text);
      });
      child.once('exit', (code) =>
        reject(new Error(`npm start's process exited with ${code} before it was ready:\n${text}`)),
      );
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(child.pid!);
    const rssMb = memoryMb(child.pid!, 'VmRSS');
    const peakMb = memoryMb(child.pid!, 'VmHWM');
    // ready means answering: the demo city through the gateway, as police
    const url = /GraphQL \(HTTP, SSE, graphql-ws\): (\S+)/.exec(out)![1]!;
    const token = /police\s+(\S+)/.exec(out)![1]!;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ cameras(first: 5) { edges { node { id status } } } }' }),
    });
    const json = (await res.json()) as { data?: { cameras: { edges: unknown[] } }; errors?: unknown };
    if (!res.ok || json.errors || json.data?.cameras.edges.length !== 5)
      throw new Error(
        `${kind} start: the hub did not answer: ${JSON.stringify(json).slice(0, 300)}\nits error log:\n` +
          text
            .split('\n')
            .filter((l) => /"level":"(error|warn|fatal)"/.test(l))
            .slice(0, 20)
            .join('\n'),
      );
    return { kind, seconds, cpuSeconds: cpu, rssMb, peakMb };
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

async function main(): Promise<number> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm start's prestart does)`);
  const runs: Start[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'hub-bench-start-'));
    try {
      for (const kind of ['fresh', 'second'] as const) {
        const s = await start(kind, join(dir, 'data'));
        console.log(
          `round ${round} ${kind}: ready in ${s.seconds.toFixed(1)} s (${s.cpuSeconds.toFixed(1)} CPU s), RSS ${s.rssMb.toFixed(0)} MB (peak ${s.peakMb.toFixed(0)} MB)`,
        );
        runs.push(s);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const date = new Date().toISOString();
  const rows = (['fresh', 'second'] as const).map((kind) => {
    const of = runs.filter((r) => r.kind === kind);
    // best of the rounds: noise on shared cores only ever slows a start
    const s = of.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const all = of.map((r) => `${r.seconds.toFixed(1)} s / ${r.rssMb.toFixed(0)} MB`).join(', ');
    const verdict = `< ${TARGET_S} s: ${s.seconds < TARGET_S ? 'met' : 'NOT met'}; < ${TARGET_MB} MB: ${s.rssMb < TARGET_MB ? 'met' : 'NOT met'}`;
    return `| ${date} | ${machineName()} | ${kind === 'fresh' ? 'new data directory' : 'same directory again'}${LABEL} | ${s.seconds.toFixed(1)} | ${s.cpuSeconds.toFixed(1)} | ${s.rssMb.toFixed(0)} (peak ${s.peakMb.toFixed(0)}) | ${(s.seconds / TARGET_S).toFixed(2)} / ${(s.rssMb / TARGET_MB).toFixed(2)} | ${verdict} | ${all} | \`${COMMAND}\` |`;
  });
  recordInSection(
    SECTION,
    [
      `Method (\`${COMMAND}\`, test/src/bench/start.ts): \`node packages/stack/dist/main.bundle.mjs\` — what \`npm start\` runs after its`,
      "prestart build — with HUB_DATA_DIR a new empty directory and no DATABASE_URL (embedded PGlite: a fresh clone's first",
      'run), then again on the same directory. Seconds from spawn to the ready line; CPU seconds of the process until then',
      "(/proc user + system: the start's own cost, whatever else the machine runs); RSS when ready (and its peak). A police",
      `query through the gateway must answer before a start counts. Best of ${ROUNDS} rounds; the machine column ends with the`,
      `1-minute load average (2 cores) when the row was written. Targets: < ${TARGET_S} s, < ${TARGET_MB} MB; ratio = measured ÷ target (≤ 1 is met).`,
      '',
      '| date | machine | data directory | s to ready | CPU s | RSS MB when ready | ratio s / MB | targets | every round | command |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ],
    rows,
  );
  console.log(['', ...rows].join('\n'));
  return 0;
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

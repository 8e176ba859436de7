// `npm start` answers like the per-process hub, and stops cleanly when SIGTERM or SIGINT is sent to the npm process: npm
// passes the signal on, the hub shuts down, and nothing is left holding the port. Runs the compiled
// build (dist/, as npm start does; `npm run build` first), pre-scripts skipped (the build step).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
/** npm processes started here: whatever a failed test leaves running is killed with its children. */
const started: number[] = [];
afterAll(() => {
  for (const pid of started)
    for (const p of [...descendants(pid), pid])
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const portTaken = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer()
      .once('error', () => resolve(true))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
/** Every process descending from `pid` (ps: pid and parent of all). */
function descendants(pid: number): number[] {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid='])
    .stdout.toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  const walk = (p: number) => rows.filter(([, pp]) => pp === p).forEach(([c]) => (out.push(c!), walk(c!)));
  walk(pid);
  return out;
}

describe('npm start', () => {
  // one data directory for both: the first boot creates the embedded database (slow on a busy machine)
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-npm-start-'));
  dirs.push(dataDir);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops on ${signal} to the npm process and frees its port`, async () => {
      const port = await freePort();
      const npm = spawn('npm', ['start', '--ignore-scripts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HUB_DATA_DIR: dataDir, DATABASE_URL: '', VITEST: '', NODE_ENV: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push(npm.pid!);
      let out = '';
      npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
      npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
      await expect.poll(() => out, { timeout: 540_000, interval: 200 }).toMatch(/hub ready in/);
      expect(await portTaken(port)).toBe(true);
      // what npm start runs is a bundle (packages/stack/scripts/bundle.mjs): a subgraph's refusal must reach the
      // caller with its code, not as a masked 500 (two copies of graphql in one bundle did that)
      await expect.poll(() => out, { timeout: 60_000, interval: 200 }).toMatch(/police\s+\S+\n/);
      const token = /police\s+(\S+)/.exec(out)![1]!;
      for (const query of [
        '{ camera(id: "no-such-camera") { id } }',
        'mutation { setCameraStatus(id: "no-such-camera", status: ACTIVE) { id } }',
      ]) {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        expect([res.status, body.errors?.map((e) => e.extensions?.code)], query).toEqual([200, ['NOT_FOUND']]);
      }
      const children = descendants(npm.pid!);
      expect(children.length).toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      npm.kill(signal);
      expect(await exited).toBe(0);
      // the hub's processes are gone and the port is free
      await expect
        .poll(() => children.filter((p) => spawnSync('kill', ['-0', String(p)]).status === 0), { timeout: 30_000 })
        .toEqual([]);
      expect(await portTaken(port)).toBe(false);
    }, 600_000);
  }
});

// The production topology as real processes, for the fault-injection suite: a throwaway PostgreSQL
// cluster of its own (never the machine's shared one), every subgraph ×2 behind a round-robin TCP
// balancer each (what a Kubernetes Service does), two gateways. Processes run the compiled build
// (`node packages/stack/dist/serve.js <role>`), as production does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVE = join(ROOT, 'packages/stack/dist/serve.js');
export const SUBGRAPH_NAMES = ['cameras', 'footage', 'registrations', 'requests', 'anpr'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PostgreSQL cluster under /tmp on its own port, run as the postgres user when we are root. */
export class ThrowawayPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'hub-faults-pg-'));
  constructor(
    readonly port: number,
    private readonly bin = pgBin(),
  ) {}
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  private run(cmd: string, args: string[]) {
    const asRoot = process.getuid?.() === 0;
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(this.bin, cmd), ...args])
      : spawnSync(join(this.bin, cmd), args);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr?.toString() || r.stdout?.toString()}`);
  }
  init() {
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres', this.dir]);
    chmodSync(this.dir, 0o700);
    this.run('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }
  start() {
    // fsync off: only processes die in this suite, never the machine, so the OS cache keeps what
    // PostgreSQL wrote (synchronous_commit stays on: a commit is in the WAL before it is answered)
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', opts, '-l', join(this.dir, 'log'), '-w', 'start']);
  }
  /** Stops at once (`immediate`: as a crash, recovery from WAL on start) or cleanly (`fast`). */
  stop(mode: 'immediate' | 'fast' = 'fast') {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }
  destroy() {
    try {
      this.stop('immediate');
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function pgBin(): string {
  const r = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']);
  const dir = r.stdout.toString().trim();
  if (!dir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  return dir;
}

export interface Proc {
  name: string;
  role: string;
  port: number;
  child: ChildProcess | undefined;
  /** stderr lines of every life of this process (warnings are counted from it). */
  stderr: string[];
  started: number;
}

/**
 * Round-robin TCP balancer over a subgraph's replicas, as a Kubernetes Service with readiness does:
 * a connection goes to the next replica; a refused one is tried on each other replica once, and a
 * replica that refused is skipped for a second (its endpoint is "not ready").
 */
export class Balancer {
  private next = 0;
  private server: Server | undefined;
  private downUntil = new Map<number, number>();
  readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly backends: number[],
  ) {}
  async start() {
    this.server = createServer((client) => this.route(client, new Set()));
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  private pick(tried: Set<number>): number | undefined {
    const now = Date.now();
    const candidates = this.backends.filter((p) => !tried.has(p));
    const up = candidates.filter((p) => (this.downUntil.get(p) ?? 0) <= now);
    const from = up.length ? up : candidates;
    return from.length ? from[this.next++ % from.length] : undefined;
  }
  private route(client: Socket, tried: Set<number>) {
    const port = this.pick(tried);
    if (port === undefined) return void client.destroy();
    tried.add(port);
    const upstream = createConnection({ port, host: '127.0.0.1' });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => {
      if (connected) return client.destroy();
      this.downUntil.set(port, Date.now() + 1000);
      this.route(client, tried);
    });
    upstream.on('close', () => connected && client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
  }
  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

export interface TopologyOptions {
  basePort: number;
  pgPort: number;
  /** Subgraph replicas (2 in the suite). */
  replicas?: number;
  gateways?: number;
}

/** Everything the suite starts, with what kills and restarts it. */
export class Topology {
  readonly pg: ThrowawayPostgres;
  readonly procs: Proc[] = [];
  readonly balancers = new Map<SubgraphName, Balancer>();
  readonly secret = randomBytes(32).toString('hex');
  readonly dataDir = mkdtempSync(join(tmpdir(), 'hub-faults-'));
  private readonly env: Record<string, string>;
  private port: number;

  constructor(private readonly opts: TopologyOptions) {
    this.pg = new ThrowawayPostgres(opts.pgPort);
    this.port = opts.basePort;
    this.env = {
      NODE_ENV: 'production',
      HUB_INTERNAL_SECRET: this.secret,
      HUB_DATA_DIR: this.dataDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${opts.pgPort}/hub`,
      DB_POOL_MAX: '8',
      ANPR_HASH_KEY: randomBytes(32).toString('hex'),
      ANPR_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      AUDIT_HMAC_KEY: randomBytes(32).toString('hex'),
      PLAYBACK_URL_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // the suite signs its callers' tokens with the dev key pair (no identity provider here)
      HUB_DEV_KEYS: '1',
      HUB_ALLOWED_ORIGINS: 'same-origin',
    };
  }

  get gateways() {
    return this.procs.filter((p) => p.role === 'gateway');
  }
  gatewayUrl(i: number) {
    return `http://127.0.0.1:${this.gateways[i]!.port}/graphql`;
  }
  replicas(subgraph: SubgraphName) {
    return this.procs.filter((p) => p.role === subgraph);
  }

  async start(log: (s: string) => void) {
    this.pg.init();
    this.pg.start();
    spawnSync('bash', ['-c', `psql "${this.pg.url}" -qc "create database hub"`]);
    await this.runOnce('migrate');
    log('migrated');
    const replicas = this.opts.replicas ?? 2;
    for (const name of SUBGRAPH_NAMES) {
      const ports: number[] = [];
      for (let r = 0; r < replicas; r++) {
        const p: Proc = {
          name: `${name}-${r + 1}`,
          role: name,
          port: this.port++,
          child: undefined,
          stderr: [],
          started: 0,
        };
        this.procs.push(p);
        ports.push(p.port);
      }
      const lb = new Balancer(this.port++, ports);
      await lb.start();
      this.balancers.set(name, lb);
    }
    // the first cameras replica loads the demo city; the others start together
    await Promise.all(
      this.procs
        .filter((p) => p.role !== 'gateway')
        .map((p) => this.launch(p, p.name === 'cameras-1' ? { HUB_SEED: 'true' } : {})),
    );
    log(`subgraphs ready: ${this.procs.map((p) => p.name).join(', ')}`);
    const urls = SUBGRAPH_NAMES.map((n) => `${n}=http://127.0.0.1:${this.balancers.get(n)!.port}/graphql`).join(',');
    for (let g = 0; g < (this.opts.gateways ?? 2); g++) {
      const p: Proc = {
        name: `gateway-${g + 1}`,
        role: 'gateway',
        port: this.port++,
        child: undefined,
        stderr: [],
        started: 0,
      };
      this.procs.push(p);
      await this.launch(p, { SUBGRAPH_URLS: urls });
    }
    log(`gateways ready: ${this.gateways.map((g) => g.port).join(', ')}`);
  }

  private extra = new Map<string, Record<string, string>>();

  /** Starts (or restarts) a process and waits for its `ready` line. */
  async launch(p: Proc, extra: Record<string, string> = this.extra.get(p.name) ?? {}): Promise<number> {
    this.extra.set(p.name, extra);
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', '--trace-warnings', SERVE, p.role], {
      env: { ...process.env, ...this.env, ...extra, PORT: String(p.port), OTEL_SERVICE_NAME: p.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    p.child = child;
    child.stderr!.setEncoding('utf8').on('data', (d: string) => p.stderr.push(...d.split('\n').filter(Boolean)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString();
        if (/^ready /m.test(out)) {
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // JSON log lines after ready: read and dropped
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`${p.name} exited with ${code} before ready: ${p.stderr.slice(-5).join(' | ')}`)),
      );
    });
    p.started = Date.now();
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM')
        p.stderr.push(`exited unexpectedly: code ${code} signal ${signal}`);
    });
    return Date.now() - t0;
  }

  private async runOnce(role: string) {
    const child = spawn(process.execPath, [SERVE, role], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    if (code !== 0) throw new Error(`${role} failed: ${err}`);
  }

  /** SIGKILL: no shutdown hook runs, connections drop as in a crash. */
  kill(p: Proc): Promise<void> {
    const child = p.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Resident set size of a live process (kB), from /proc. */
  rssKb(p: Proc): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.child!.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  async stop() {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (!p.child || p.child.exitCode !== null) return resolve();
            const t = setTimeout(() => p.child!.kill('SIGKILL'), 10_000);
            p.child.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            p.child.kill('SIGTERM');
          }),
      ),
    );
    for (const lb of this.balancers.values()) await lb.stop();
    this.pg.destroy();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export { sleep };

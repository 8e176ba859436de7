// `npm run test:gateway-heap` (RELIABILITY.md, memory): does a gateway holding many subscriptions keep
// memory per delivered event? The fault suite's soak saw gateway-2's heap rise (116 → 153 MB) while
// it held 200 subscriptions, but sampled heap used without forcing a collection. Here the gateway
// (compiled, production) runs with the inspector on 127.0.0.1: after every round of status changes
// the script forces a full collection through it (HeapProfiler.collectGarbage) and reads the heap
// (Runtime.getHeapUsage). A leak grows with deliveries; a flat heap after collection rules it out.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_ACTORS, loadOrCreateDevKeys, signDevToken } from '@hub/auth';
import { createScratchDatabase } from '@hub/db';
import { spawnService } from '../bench/run.js';

const SUBSCRIBERS = Number(process.env.HEAP_SUBSCRIBERS ?? 200);
const ROUNDS = Number(process.env.HEAP_ROUNDS ?? 8);
const ROUND_S = Number(process.env.HEAP_ROUND_SECONDS ?? 30);
const CHANGES_PER_S = 4;
const INSPECT_PORT = 9339;
/** Heap growth per delivered event after a full collection that still counts as flat. */
const FLAT_BYTES_PER_DELIVERY = 16;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A minimal Chrome DevTools Protocol session on the gateway's inspector. */
async function inspector(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  let chunks: string[] = [];
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString()) as { id?: number; result?: unknown };
    if (msg.id === undefined) {
      const ev = msg as { method?: string; params?: { chunk: string } };
      if (ev.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(ev.params!.chunk);
      return;
    }
    waiting.get(msg.id)?.(msg.result);
    waiting.delete(msg.id);
  });
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      waiting.set(++id, resolve as (v: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    /** Heap used (MB) after two full collections. */
    async heapAfterGc(): Promise<number> {
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      return (await call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
    },
    /** A heap snapshot written to `file` (HEAP_SNAPSHOTS=dir: for finding what grows). */
    async snapshot(file: string): Promise<void> {
      chunks = [];
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      writeFileSync(file, chunks.join(''));
      chunks = [];
    },
    close: () => ws.close(),
  };
}

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-gateway-heap-'));
  const common = { HUB_INTERNAL_SECRET: randomBytes(32).toString('hex'), HUB_DATA_DIR: dataDir };
  const services: Array<{ stop: () => Promise<void> }> = [];
  const clients: Client[] = [];
  try {
    const keys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const cameras = await spawnService('cameras', { ...common, DATABASE_URL: scratch.url, HUB_SEED: 'true' });
    services.push(cameras);
    const gw = await spawnService('gateway', {
      ...common,
      SUBGRAPH_URLS: `cameras=${cameras.url}`,
      NODE_OPTIONS: `--inspect=127.0.0.1:${INSPECT_PORT}`,
    });
    services.push(gw);
    const police = await signDevToken(keys, DEMO_ACTORS.police, { expiresIn: '1h' });
    const gql = async (query: string) => {
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${police}` },
        body: JSON.stringify({ query }),
      });
      const json = (await res.json()) as { data?: any; errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
      return json.data;
    };
    const list = await gql('{ cameras(first: 100) { edges { node { id municipality status covert } } } }');
    const utrecht = (list.cameras.edges as Array<{ node: { id: string; municipality: string; covert: boolean } }>)
      .filter((e) => e.node.municipality === 'GM0344' && !e.node.covert)
      .map((e) => e.node.id)
      .slice(0, 4);

    // the subscribers: distinct municipality officers of Utrecht, as dashboards
    let delivered = 0;
    const wsUrl = gw.url.replace(/^http/, 'ws');
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const token = await signDevToken(
        keys,
        { kind: 'municipality', sub: `oov-heap-${i}`, org: 'gemeente-utrecht-oov', municipality: 'GM0344' },
        { expiresIn: '1h' },
      );
      const c = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      clients.push(c);
      c.subscribe(
        { query: 'subscription { cameraStatusChanged(municipality: "GM0344") { cursor camera { id status } } }' },
        { next: () => void delivered++, error: (e) => console.error('subscription error', e), complete: () => {} },
      );
    }
    await sleep(5000);
    const probe = await inspector(INSPECT_PORT);
    const samples: Array<{ round: number; delivered: number; heapMb: number; rssMb: number }> = [];
    const sample = async (round: number) => {
      samples.push({ round, delivered, heapMb: await probe.heapAfterGc(), rssMb: rssMb(gw.pid) });
      const s = samples.at(-1)!;
      console.log(
        `round ${round}: ${s.delivered} deliveries, heap after GC ${s.heapMb.toFixed(1)} MB, RSS ${s.rssMb.toFixed(0)} MB`,
      );
    };
    await sample(0);
    const statuses = ['OFFLINE', 'ACTIVE', 'MAINTENANCE', 'ACTIVE'];
    let n = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const end = Date.now() + ROUND_S * 1000;
      while (Date.now() < end) {
        const id = utrecht[n % utrecht.length]!;
        const status = statuses[Math.floor(n / utrecht.length) % statuses.length]!;
        n++;
        await gql(
          `mutation { setCameraStatus(id: "${id}", status: ${status}, reason: "heap round ${round}") { status } }`,
        ).catch(
          () => undefined, // the same status again is refused: no event, no matter
        );
        await sleep(1000 / CHANGES_PER_S);
      }
      await sleep(2000); // the last events delivered
      await sample(round);
      if (process.env.HEAP_SNAPSHOTS && (round === 1 || round === ROUNDS))
        await probe.snapshot(join(process.env.HEAP_SNAPSHOTS, `gateway-round-${round}.heapsnapshot`));
    }
    probe.close();
    // growth from the first loaded round (caches and JIT settled) to the last, per delivery
    const first = samples[1]!;
    const last = samples.at(-1)!;
    const perDelivery = ((last.heapMb - first.heapMb) * 1024 * 1024) / Math.max(1, last.delivered - first.delivered);
    const flat = perDelivery <= FLAT_BYTES_PER_DELIVERY;
    console.log(
      `\n${SUBSCRIBERS} subscriptions, ${last.delivered} deliveries in ${ROUNDS} × ${ROUND_S} s: heap after GC ${samples
        .map((s) => s.heapMb.toFixed(1))
        .join(' → ')} MB; RSS ${samples.map((s) => s.rssMb.toFixed(0)).join(' → ')} MB; ` +
        `${perDelivery.toFixed(1)} bytes per delivery from round 1 on (flat ≤ ${FLAT_BYTES_PER_DELIVERY}): ${flat ? 'flat' : 'GROWS'}`,
    );
    return flat ? 0 : 1;
  } finally {
    for (const c of clients) await c.dispose();
    for (const s of services.reverse()) await s.stop();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

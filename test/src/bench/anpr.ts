// `npm run bench:anpr`: ANPR ingest on PostgreSQL at 1,000,000 reads through the real ingest path
// (gateway → anpr subgraph: validation, hashing, encryption, hotlist matching, idempotency) against
// a raw COPY of the same rows into a bare table in the same run (target ≥ 0.5 of COPY), and the
// latency from ingest call to the client's anprHit event while ingesting (target p99 < 200 ms).
// Services in their own processes (serve.ts); load generator, subscriber and COPY in this one.
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket from 'ws';
import { DEMO_ACTORS, loadOrCreateDevKeys, signDevToken } from '@hub/auth';
import { createScratchDatabase } from '@hub/db';
import { machineName, percentile, spawnService } from './run.js';
import { recordInSection } from './results.js';

const READS = Number(process.env.ANPR_READS ?? 1_000_000);
/** Lines per write on a stream (a camera system's buffer). */
const PIECE = Number(process.env.ANPR_PIECE ?? 200);
/** Concurrent streams, one per camera system. */
const CALLERS = Number(process.env.ANPR_CALLERS ?? 4);
const STREAM_PATH = '/ingest/anpr-reads';
/** The paced phase: a steady rate well below capacity, where hit latency is not queueing. */
const PACED_RATE = Number(process.env.ANPR_PACED_RATE ?? 5000);
const PACED_SECONDS = Number(process.env.ANPR_PACED_SECONDS ?? 20);
const PACE_MS = 20;
const HOTLIST_SIZE = 1000;
/** One read in this many is of a hotlisted plate (0.1 %). */
const HIT_EVERY = 1000;
const TARGET_RATIO = 0.5;
/** P3 (BENCHMARKS.md): ingest ÷ COPY of the same rows into a table with the two indexes the rules require. */
const TARGET_P3 = 0.6;
const TARGET_P99_MS = 200;
const COMMAND = 'npm run bench:anpr';
const SECTION = '## ANPR: ingest at 1,000,000 reads vs COPY, hit latency';
/** The demo city's ANPR cameras (subgraphs/cameras/src/seed/demo-city.data.ts). */
const ANPR_CAMERAS = [
  'antwerpen-noorderlaan-1',
  'antwerpen-boomsesteenweg-1',
  'antwerpen-plantin-en-moretuslei-1',
  'antwerpen-anpr-koffer-1',
];
const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'UNKNOWN'];
const HOURS_MS = 3 * 3_600_000;

const INGEST = `mutation($reads: [AnprReadInput!]!) { ingestAnprReads(reads: $reads) { created duplicates hits rejected { index reason } } }`;
const ADD_ENTRY = `mutation($h: ID!, $p: String!, $c: String!) { addHotlistEntry(hotlistId: $h, plate: $p, country: $c, reason: "bench: stolen vehicle") { id } }`;
const HIT_SUBSCRIPTION = 'subscription { anprHit { id observedAt camera { id } } }';

interface ReadInput {
  sourceReadId: string;
  cameraId: string;
  observedAt: string;
  plate: string;
  country: string;
  confidence: number;
  direction: string;
  lane: number;
  imageRef: string;
}
interface IngestAnswer {
  data?: {
    ingestAnprReads: {
      created: number;
      duplicates: number;
      hits: number;
      rejected: Array<{ index: number; reason: string }>;
    };
  };
  errors?: unknown;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const L = 'ABCDEFGHJKLMNPRSTVWXYZ'; // no Q: hotlist NL plates start with Q, so random plates never hit by chance
const letter = () => pick([...L]);
const digit = () => String(Math.floor(Math.random() * 10));
/** NL "AB-123-C" style (6 after normalisation) or BE "1-ABC-234" (7); BE first digit 1-8 (9 is the hotlist's). */
function randomPlate(): { plate: string; country: string } {
  if (Math.random() < 0.7)
    return { plate: `${letter()}${letter()}-${digit()}${digit()}${digit()}-${letter()}`, country: 'NL' };
  return {
    plate: `${1 + Math.floor(Math.random() * 8)}-${letter()}${letter()}${letter()}-${digit()}${digit()}${digit()}`,
    country: 'BE',
  };
}
const hotPlate = (n: number) =>
  n % 2 === 0
    ? { plate: `Q${String(n).padStart(4, '0')}X`, country: 'NL' }
    : { plate: `9-HOT-${String(n).padStart(4, '0')}`, country: 'BE' };

const hitKey = (cameraId: string, observedAt: string | number | Date) =>
  `${cameraId}|${new Date(observedAt).getTime()}`;

/** CPU seconds so far of the anpr and gateway processes and of all PostgreSQL processes (ps). */
function cpuSeconds(): Record<'anpr' | 'gateway' | 'postgres' | 'cameras', number> {
  const out = { anpr: 0, gateway: 0, postgres: 0, cameras: 0 };
  for (const line of execFileSync('ps', ['-eo', 'times,args'], { encoding: 'utf8' }).split('\n').slice(1)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [secs, args] = [Number(m[1]), m[2]!];
    if (/serve\.ts anpr\b/.test(args)) out.anpr += secs;
    else if (/serve\.ts gateway\b/.test(args)) out.gateway += secs;
    else if (/serve\.ts cameras\b/.test(args)) out.cameras += secs;
    else if (/^postgres/.test(args)) out.postgres += secs;
  }
  return out;
}

interface Ack {
  created: number;
  duplicates: number;
  /** absent for a source system: it is not told about hits (they are counted on the subscription) */
  hits?: number;
  rejected: Array<{ line: number; reason: string }>;
}

/** POSTs one NDJSON stream; `send` writes pieces (waiting for drain); acknowledgements arrive as they are committed. */
function streamReads(
  url: URL,
  token: string,
  send: (write: (text: string) => Promise<void>) => Promise<void>,
  onAck: (a: Ack) => void,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` } },
      (res) => {
        let buf = '';
        let last: Record<string, unknown> = {};
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buf += d;
          for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
            const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
            buf = buf.slice(nl + 1);
            if (Array.isArray(line.rejected)) onAck(line as unknown as Ack);
            last = line;
          }
        });
        res.on('end', () =>
          res.statusCode === 200 ? resolve(last) : reject(new Error(`HTTP ${res.statusCode}: ${buf}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const write = (text: string) =>
      req.write(text) ? Promise.resolve() : new Promise<void>((r) => req.once('drain', () => r()));
    send(write).then(() => req.end(), reject);
  });
}

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-anpr-'));
  const common = { HUB_INTERNAL_SECRET: randomBytes(32).toString('hex'), HUB_DATA_DIR: dataDir };
  const services: Array<{ stop: () => Promise<void> }> = [];
  // raw SQL and COPY: a postgres.js client of its own (STACK-NOTES: not one drizzle holds)
  const pg = postgres(scratch.url, { max: 2, onnotice: () => {} });
  let ws: ReturnType<typeof createClient> | undefined;
  try {
    const devKeys = await loadOrCreateDevKeys(join(dataDir, 'keys'));
    const cameras = await spawnService('cameras', { ...common, DATABASE_URL: scratch.url, HUB_SEED: 'true' });
    services.push(cameras);
    const anpr = await spawnService('anpr', {
      ...common,
      DATABASE_URL: scratch.url,
      DB_POOL_MAX: '20',
      ANPR_HASH_KEY: randomBytes(32).toString('hex'),
      ANPR_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ANPR_RETENTION_INTERVAL_MS: '0',
    });
    services.push(anpr);
    // the bench's own set-up adds 1,001 hotlist entries as one officer: past the per-caller rate limit
    // (HUB_RATE_LIMITS), which is not what this bench measures
    const gw = await spawnService('gateway', {
      ...common,
      SUBGRAPH_URLS: `cameras=${cameras.url},anpr=${anpr.url}`,
      HUB_RATE_LIMITS: 'off',
    });
    services.push(gw);

    // 1. anpr's camera replica must hold the demo ANPR cameras
    for (let i = 0; ; i++) {
      const [r] = await pg<
        { n: number }[]
      >`select count(*)::int as n from anpr.cameras where id in ${pg(ANPR_CAMERAS)}`.catch(() => [{ n: 0 }]);
      if (r!.n === ANPR_CAMERAS.length) break;
      if (i > 600)
        throw new Error(`anpr camera replica has ${r!.n} of the ${ANPR_CAMERAS.length} ANPR cameras after 60 s`);
      await sleep(100);
    }

    const officers = Array.from({ length: CALLERS + 1 }, (_, i) => ({
      ...DEMO_ACTORS.police,
      sub: `${DEMO_ACTORS.police.sub}-anpr-${i}`,
    }));
    const tokens = await Promise.all(officers.map((o) => signDevToken(devKeys, o)));
    const headers = tokens.map((t) => ({ 'content-type': 'application/json', authorization: `Bearer ${t}` }));
    const gql = async <T>(query: string, variables: Record<string, unknown>, caller = 0): Promise<T> => {
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: headers[caller],
        body: JSON.stringify({ query, variables }),
      });
      const json = (await res.json()) as { data?: T; errors?: unknown };
      if (!res.ok || json.errors || !json.data)
        throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 500)}`);
      return json.data;
    };

    // 2. a hotlist of HOTLIST_SIZE plates (+1 for the probe), entries added through the API, 8 at a time
    const t0 = performance.now();
    const { createHotlist } = await gql<{ createHotlist: { id: string } }>(
      `mutation($until: DateTime!) { createHotlist(name: "bench", reason: "benchmark hotlist", legalBasis: "art. 126jj Sv", validUntil: $until) { id } }`,
      { until: new Date(Date.now() + 86_400_000).toISOString() },
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next <= HOTLIST_SIZE) {
          const n = next++;
          const p = hotPlate(n);
          await gql(ADD_ENTRY, { h: createHotlist.id, p: p.plate, c: p.country });
        }
      }),
    );
    console.log(`hotlist: ${HOTLIST_SIZE + 1} entries added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // 3. subscribe to anprHit through the gateway as police, and check it delivers with one probe read
    const arrived = new Map<string, number>();
    // eslint-disable-next-line prefer-const -- set once the probe read is ready; the client calls it before
    let onHit: ((key: string) => void) | undefined;
    ws = createClient({
      url: gw.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${tokens[CALLERS]}` },
    });
    let subError: unknown;
    ws.subscribe<{ anprHit: { id: string; observedAt: string; camera: { id: string } } }>(
      { query: HIT_SUBSCRIPTION },
      {
        next: (r) => {
          const at = performance.now();
          if (!r.data) return void (subError = r.errors);
          const key = hitKey(r.data.anprHit.camera.id, r.data.anprHit.observedAt);
          arrived.set(key, at);
          onHit?.(key);
        },
        error: (e) => (subError = e),
        complete: () => {},
      },
    );
    const now0 = Date.now();
    const probe: ReadInput = {
      sourceReadId: 'probe-0',
      cameraId: ANPR_CAMERAS[0]!,
      observedAt: new Date(now0 - 60_000).toISOString(),
      ...hotPlate(HOTLIST_SIZE),
      confidence: 0.99,
      direction: 'INBOUND',
      lane: 1,
      imageRef: 's3://anpr-bench/probe.jpg',
    };
    const probeKey = hitKey(probe.cameraId, probe.observedAt);
    for (let i = 0; !arrived.has(probeKey); i++) {
      if (subError) throw new Error(`anprHit subscription: ${JSON.stringify(subError)}`);
      if (i > 150) throw new Error('the probe hit never arrived on the anprHit subscription');
      // the first call stores the read and its hit; later ones are duplicates: wait for the event
      if (i === 0) await sleep(500); // let the subscription reach the subgraph first
      if (i === 1) {
        const r = await gql<IngestAnswer['data'] & {}>(INGEST, { reads: [probe] });
        // hits are matched after the answer (anpr db/match.ts: no timing signal), so it counts none: the probe
        // is proven by the event alone
        if (r.ingestAnprReads.created !== 1) throw new Error(`probe: ${JSON.stringify(r)}`);
      }
      await sleep(200);
    }
    arrived.clear();
    console.log('probe hit received through the gateway subscription');

    // 4. the reads, streamed as NDJSON through the gateway by CALLERS camera systems (system
    //    credentials), each its own contiguous share; every HIT_EVERY-th read is of a hotlisted plate
    const hotReads = new Map<string, number>(); // hit key → read index
    const usedHitKeys = new Set<string>();
    const makeReads = (from: number, to: number): ReadInput[] => {
      const reads: ReadInput[] = [];
      for (let i = from; i < to; i++) {
        const cameraId = pick(ANPR_CAMERAS);
        let at = now0 - 120_000 - Math.floor(Math.random() * HOURS_MS);
        const hot = i % HIT_EVERY === HIT_EVERY / 2;
        if (hot) {
          while (usedHitKeys.has(hitKey(cameraId, at))) at++;
          usedHitKeys.add(hitKey(cameraId, at));
          hotReads.set(hitKey(cameraId, at), i);
        }
        reads.push({
          sourceReadId: `bench-${i}`,
          cameraId,
          observedAt: new Date(at).toISOString(),
          ...(hot ? hotPlate(Math.floor(i / HIT_EVERY) % HOTLIST_SIZE) : randomPlate()),
          confidence: Math.round((0.7 + Math.random() * 0.3) * 1000) / 1000,
          direction: pick(DIRECTIONS),
          lane: 1 + Math.floor(Math.random() * 3),
          imageRef: `s3://anpr-bench/${cameraId.slice(-8)}/${i}.jpg`,
        });
      }
      return reads;
    };
    const systems = await Promise.all(
      Array.from({ length: CALLERS }, (_, i) =>
        signDevToken(devKeys, {
          kind: 'system',
          sub: `anpr-bench-system-${i}`,
          org: 'politiezone-antwerpen',
          municipality: '11002',
        }),
      ),
    );
    // hot read index → when the piece carrying it was written to the stream
    const sentAt = new Map<number, number>();
    let latencies: number[] = [];
    let range = [0, 0];
    onHit = (key) => {
      const i = hotReads.get(key);
      const start = i === undefined || i < range[0]! || i >= range[1]! ? undefined : sentAt.get(i);
      if (start !== undefined) latencies.push(arrived.get(key)! - start);
    };
    let firstPiece: ReadInput[] | undefined;
    /**
     * Streams reads [first, first + count) over CALLERS streams, as fast as they are taken or, with
     * `perSecond`, paced (each stream writes its share of the rate every PACE_MS).
     */
    const phase = async (label: string, first: number, count: number, perSecond?: number) => {
      latencies = [];
      range = [first, first + count];
      const totals = { created: 0, duplicates: 0, rejected: 0, hits: 0, acks: 0 };
      const share = Math.ceil(count / CALLERS);
      const piece = perSecond ? Math.max(1, Math.round((perSecond / CALLERS) * (PACE_MS / 1000))) : PIECE;
      // every stream's NDJSON is made before the clock starts: the load generator shares the 2 cores,
      // and the COPY it is compared with reads rows made beforehand too
      const pieces = Array.from({ length: CALLERS }, (_, caller) => {
        const from = first + caller * share;
        const to = Math.min(first + count, from + share);
        const out: Array<{ at: number; n: number; text: string }> = [];
        for (let i = from; i < to; i += piece) {
          const reads = makeReads(i, Math.min(to, i + piece));
          if (i === 0) firstPiece = reads;
          out.push({ at: i, n: reads.length, text: reads.map((r) => JSON.stringify(r)).join('\n') + '\n' });
        }
        return out;
      });
      const cpuBefore = cpuSeconds();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CALLERS }, async (_, caller) => {
          const done = await streamReads(
            new URL(STREAM_PATH, gw.url),
            systems[caller]!,
            async (write) => {
              let tick = performance.now();
              for (const { at, n, text } of pieces[caller]!) {
                const t = performance.now();
                for (let k = at; k < at + n; k++) if (k % HIT_EVERY === HIT_EVERY / 2) sentAt.set(k, t);
                await write(text);
                if (perSecond) {
                  tick += PACE_MS;
                  const wait = tick - performance.now();
                  if (wait > 0) await sleep(wait);
                }
              }
            },
            (ack) => {
              totals.acks++;
              totals.created += ack.created;
              totals.hits += ack.hits ?? 0;
              totals.duplicates += ack.duplicates;
              totals.rejected += ack.rejected.length;
              if (ack.rejected.length) console.error(`rejected ${JSON.stringify(ack.rejected.slice(0, 3))}`);
            },
          );
          if (!done.done) throw new Error(`stream ${caller}: ${JSON.stringify(done)}`);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = cpuSeconds();
      const expected = [...hotReads.values()].filter((i) => i >= first && i < first + count).length;
      // events still on their way
      for (let i = 0; i < 100 && latencies.length < expected; i++) await sleep(100);
      const lat = [...latencies].sort((x, y) => x - y);
      const cpu = Object.fromEntries(
        Object.entries(cpuAfter).map(([k, v]) => [k, v - cpuBefore[k as keyof typeof cpuBefore]]),
      );
      const rate = totals.created / seconds;
      console.log(
        `${label}: ${totals.created} created (${totals.duplicates} duplicates, ${totals.rejected} rejected, ${totals.hits} hits) in ${seconds.toFixed(1)} s = ${Math.round(rate)} reads/s` +
          ` (${CALLERS} streams, pieces of ${piece} lines, ${totals.acks} chunks acknowledged)`,
      );
      console.log(`  CPU seconds (${seconds.toFixed(0)} s wall, 2 cores): ${JSON.stringify(cpu)}`);
      console.log(
        `  hits: ${lat.length}/${expected} events received, latency p50 ${percentile(lat, 0.5).toFixed(0)} ms, p99 ${percentile(lat, 0.99).toFixed(0)} ms, max ${lat.at(-1)?.toFixed(0)} ms`,
      );
      return { ...totals, rate, lat, expected, seconds };
    };

    const saturated = await phase('saturated', 0, READS);
    const paced = await phase(`paced at ${PACED_RATE} reads/s`, READS, PACED_RATE * PACED_SECONDS, PACED_RATE);
    const created = saturated.created;
    const { rejected } = saturated;
    const ingestRate = saturated.rate;
    const lat = saturated.lat;
    const expectedHits = saturated.expected;

    // 5. idempotency: the first piece again creates nothing (stream and GraphQL mutation alike)
    const replayed = { created: 0, duplicates: 0, hits: 0 };
    await streamReads(
      new URL(STREAM_PATH, gw.url),
      systems[0]!,
      (write) => write(firstPiece!.map((r) => JSON.stringify(r)).join('\n') + '\n'),
      (ack) => {
        replayed.created += ack.created;
        replayed.duplicates += ack.duplicates;
        replayed.hits += ack.hits ?? 0;
      },
    );
    const viaGraphql = await gql<NonNullable<IngestAnswer['data']>>(INGEST, { reads: firstPiece!.slice(0, 100) }, 0);
    const idempotent =
      replayed.created === 0 &&
      replayed.hits === 0 &&
      replayed.duplicates === firstPiece!.length &&
      viaGraphql.ingestAnprReads.created === 0 &&
      viaGraphql.ingestAnprReads.duplicates === 100;
    console.log(
      `replay of the first ${firstPiece!.length} reads: created ${replayed.created}, duplicates ${replayed.duplicates}, hits ${replayed.hits}; via ingestAnprReads: created ${viaGraphql.ingestAnprReads.created} (${idempotent ? 'idempotent' : 'NOT idempotent'})`,
    );

    // 6. COPY the same rows (copied out of anpr.reads first, untimed) into a bare table, timed
    const [stored] = await pg<
      { n: number }[]
    >`select count(*)::int as n from anpr.reads where source_read_id like 'bench-%' and substr(source_read_id, 7)::int < ${READS}`;
    const columns =
      'id, camera_id, source_read_id, observed_at, plate_hash, plate_cipher, country, confidence, direction, lane, image_ref, ingested_at';
    await pg`create table public.bench_copy (id text not null, camera_id text not null, source_read_id text not null, observed_at timestamptz not null,
      plate_hash text not null, plate_cipher text not null, country text not null, confidence double precision not null, direction text,
      lane smallint, image_ref text, ingested_at timestamptz not null)`;
    const file = join(dataDir, 'reads.copy');
    {
      // COPY text format by hand: every column as text, NULL as \N (no tabs, newlines or backslashes in these values)
      const out = createWriteStream(file);
      const cols = columns
        .split(', ')
        .map((c) => `${c}::text as ${c}`)
        .join(', ');
      for await (const rows of pg
        .unsafe(
          `select ${cols} from anpr.reads where source_read_id like 'bench-%' and substr(source_read_id, 7)::int < ${READS}`,
        )
        .cursor(20_000)) {
        const chunk =
          rows
            .map((r) =>
              Object.values(r)
                .map((v) => (v == null ? '\\N' : String(v)))
                .join('\t'),
            )
            .join('\n') + '\n';
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    await pg`checkpoint`;
    const copyStart = performance.now();
    await pipeline(
      createReadStream(file),
      await pg.unsafe(`copy public.bench_copy (${columns}) from stdin`).writable(),
    );
    const copySeconds = (performance.now() - copyStart) / 1000;
    const [copied] = await pg<{ n: number }[]>`select count(*)::int as n from public.bench_copy`;
    const copyRate = copied!.n / copySeconds;
    const ratio = ingestRate / copyRate;
    console.log(
      `COPY: ${copied!.n} rows (anpr.reads holds ${stored!.n} bench reads) in ${copySeconds.toFixed(1)} s = ${Math.round(copyRate)} rows/s; ingest/COPY = ${ratio.toFixed(2)}`,
    );
    // 6b. The floor the issue's own rules set: the same COPY into a table with only the two indexes they
    // require — the idempotency key (camera, read id, observedAt) and the plate search (hash, time) —
    // byte-wise keys as in anpr.reads. No hashing, encryption, parsing or network: what is left is the
    // index work any ingest must do.
    await pg`create table public.bench_copy_indexed (like public.bench_copy)`;
    await pg`alter table public.bench_copy_indexed alter camera_id type text collate "C", alter source_read_id type text collate "C", alter plate_hash type text collate "C"`;
    await pg`create unique index on public.bench_copy_indexed (camera_id, source_read_id, observed_at)`;
    await pg`create index on public.bench_copy_indexed (plate_hash, observed_at)`;
    await pg`checkpoint`;
    const indexedStart = performance.now();
    await pipeline(
      createReadStream(file),
      await pg.unsafe(`copy public.bench_copy_indexed (${columns}) from stdin`).writable(),
    );
    const indexedRate = copied!.n / ((performance.now() - indexedStart) / 1000);
    const floorRatio = indexedRate / copyRate;
    console.log(
      `COPY into the two required indexes: ${Math.round(indexedRate)} rows/s = ${floorRatio.toFixed(2)} of bare COPY (the ceiling of any ingest ratio)`,
    );

    // 7. BENCHMARKS.md
    const p50 = percentile(lat, 0.5);
    const p99 = percentile(lat, 0.99);
    const ratioMet = ratio >= TARGET_RATIO;
    const p3 = ingestRate / indexedRate;
    console.log(
      `P3: ingest ÷ COPY into the two required indexes = ${p3.toFixed(2)} (target ≥ ${TARGET_P3}: ${p3 >= TARGET_P3 ? 'met' : 'NOT met'})`,
    );
    const pacedP50 = percentile(paced.lat, 0.5);
    const pacedP99 = percentile(paced.lat, 0.99);
    // the latency target is judged where the hub is not saturated: at the paced rate
    const p99Met = pacedP99 < TARGET_P99_MS && paced.lat.length === paced.expected && lat.length === expectedHits;
    const complete = created === READS && rejected === 0 && copied!.n === READS;
    const intro = [
      `Method (\`${COMMAND}\`, test/src/bench/anpr.ts): cameras (demo city seeded), anpr (retention scheduler off, DB pool 20) and`,
      `the gateway each in their own process on a scratch PostgreSQL database. A hotlist of ${HOTLIST_SIZE.toLocaleString('en')} plates, entries added`,
      `through the API. ${READS.toLocaleString('en')} synthetic reads (NL/BE plates, the 4 demo ANPR cameras, observedAt within the last 3 h,`,
      `confidence 0.7–1, unique sourceReadId), one in ${HIT_EVERY} on a hotlisted plate.`,
      `- **stream** (rows from 22:00 on): ${CALLERS} camera systems (system credentials) each stream their share as NDJSON to`,
      `  \`POST ${STREAM_PATH}\` through the gateway, written ${PIECE} lines at a time with back-pressure; the anpr subgraph commits`,
      `  chunks of up to 1000 lines or 25 ms. Hit latency: from writing the piece that holds a hotlisted read to its \`anprHit\` event.`,
      `- **graphql** (earlier rows): \`ingestAnprReads\` calls of 4000 reads (under the 1 MiB body limit), 4 concurrent police callers,`,
      `  failed calls (deadlocks on anpr.hourly_counts, fixed since) retried. Hit latency: from the start of the call.`,
      `reads/s = reads ÷ wall time. Events on one graphql-ws subscription through the gateway. Then the same rows (copied out of`,
      `anpr.reads, untimed) by \`COPY … FROM STDIN\` (postgres.js) into a bare table with the same 12 columns, no index: rows/s.`,
      `Hit latency is reported saturated (as fast as the streams are taken: mostly queueing) and **paced**: then ${CALLERS} streams`,
      `together send a steady ${PACED_RATE} reads/s for ${PACED_SECONDS} s (a piece every ${PACE_MS} ms each), below capacity, as a city network does.`,
      `From 11-24 03:00 on, the targets cell also gives the **floor**: the same file COPYed into a table with only the two indexes`,
      `the rules require (unique idempotency key camera, read id, observedAt; plate search hash, time; collation C), as a`,
      `fraction of bare COPY: no ingest path that keeps reads idempotent and searchable can beat it.`,
      `Targets: ingest ≥ ${TARGET_RATIO} of COPY; hit p99 < ${TARGET_P99_MS} ms (judged paced). From issue 18 on (rows whose targets cell`,
      `starts with P3) the ratio is judged against that floor instead: ingest ÷ COPY into the two required indexes ≥ ${TARGET_P3}.`,
      '',
      '| date | machine | reads | ingest reads/s | path (failed calls retried) | COPY rows/s | ingest/COPY | hit p50 ms | hit p99 ms | paced: rate, hit p50 / p99 ms | hits received/expected | idempotent replay | targets | command |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    const row = [
      new Date().toISOString(),
      machineName(),
      String(created),
      String(Math.round(ingestRate)),
      `stream, ${CALLERS} × NDJSON`,
      String(Math.round(copyRate)),
      ratio.toFixed(2),
      p50.toFixed(0),
      p99.toFixed(0),
      `${PACED_RATE}/s × ${PACED_SECONDS} s: ${pacedP50.toFixed(0)} / ${pacedP99.toFixed(0)}`,
      `${lat.length}/${expectedHits} + ${paced.lat.length}/${paced.expected}`,
      idempotent ? 'yes (created 0)' : 'NO',
      `P3 ingest ÷ COPY into the required indexes ${p3.toFixed(2)} (≥ ${TARGET_P3}: ${p3 >= TARGET_P3 ? 'met' : 'NOT met'}); ratio to bare COPY ≥ ${TARGET_RATIO}: ${ratioMet ? 'met' : 'NOT met'} (floor: COPY into the required indexes ${Math.round(indexedRate)} rows/s = ${floorRatio.toFixed(2)} of bare COPY); p99 < ${TARGET_P99_MS} ms: ${p99Met ? 'met' : 'NOT met'}`,
      `\`${COMMAND}\``,
    ];
    recordInSection(SECTION, intro, [`| ${row.join(' | ')} |`]);
    console.log(`\n| ${row.join(' | ')} |`);
    return complete && idempotent ? 0 : 1;
  } finally {
    await ws?.dispose();
    await pg.end();
    for (const s of services.reverse()) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

process.exitCode = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});

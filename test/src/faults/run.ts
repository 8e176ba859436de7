// `npm run test:faults`: the fault-injection suite (RELIABILITY.md). Starts the production topology as
// real processes (topology.ts: own PostgreSQL on FAULTS_PG_PORT, every subgraph ×2 behind a
// balancer, two gateways), drives mixed load through both gateways (police reads of every
// subgraph, ANPR NDJSON streams from three systems, 200 municipality subscriptions, company
// registrations, footage requests whose approval places a legal hold through the outbox) and:
//   1. SIGKILLs one replica of each subgraph in turn, then starts it again;
//   2. restarts PostgreSQL (immediate stop: a crash, recovery from WAL);
//   3. SIGKILLs the gateway holding half of the subscriptions: its clients resume through the other
//      with `after` (their last cursor);
//   4. soaks for FAULTS_SOAK_SECONDS (default 600) of mixed load;
// then drains and checks: every ANPR read stored once, every subscriber got every status change of
// its municipality exactly once and in order, every approved request's hold placed exactly once,
// acknowledged registrations present, no error naming internals, no 5xx in the soak, RSS per
// process, consumer lag, MaxListenersExceededWarning count. Exits 1 if a check fails.
// Needs a build (`npm run build`; the script runs it first) and PostgreSQL server binaries.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'node:http';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import postgres from 'postgres';
import { DEMO_ACTORS, loadOrCreateDevKeys, signDevToken, type Actor } from '@hub/auth';
import { SUBGRAPH_NAMES, Topology, sleep, type SubgraphName } from './topology.js';

const SOAK_S = Number(process.env.FAULTS_SOAK_SECONDS ?? 600);
const SUBSCRIBERS = Number(process.env.FAULTS_SUBSCRIBERS ?? 200);
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55432);
const BASE_PORT = Number(process.env.FAULTS_BASE_PORT ?? 46100);
const MUNICIPALITY = 'GM0344';
const ANPR_CAMERAS = ['antwerpen-noorderlaan-1', 'antwerpen-boomsesteenweg-1', 'antwerpen-plantin-en-moretuslei-1'];
/** An error that names internals: hosts, ports, stack frames, SQL, driver or socket errors. */
const INTERNALS =
  /127\.0\.0\.1|localhost|:\d{4,5}\b|ECONN|EPIPE|socket hang up|\bat .+\.(js|ts):\d|select |insert |postgres|relation "|stack/i;

const t0 = performance.now();
const now = () => performance.now();
const log = (s: string) => process.stdout.write(`[${((now() - t0) / 1000).toFixed(1).padStart(6)} s] ${s}\n`);

type Outcome = {
  at: number;
  ms: number;
  ok: boolean;
  status: number;
  errors: string[];
  gateway: number;
  subgraph: SubgraphName | 'mixed';
};
const outcomes: Outcome[] = [];
let phase = 'boot';
const byPhase = new Map<string, Outcome[]>();
const record = (o: Outcome) => {
  outcomes.push(o);
  let list = byPhase.get(phase);
  if (!list) byPhase.set(phase, (list = []));
  list.push(o);
};

async function main(): Promise<number> {
  const topo = new Topology({ basePort: BASE_PORT, pgPort: PG_PORT });
  const keys = await loadOrCreateDevKeys(join(topo.dataDir, 'keys'));
  const token = (a: Actor) => signDevToken(keys, a, { expiresIn: '6h' });
  const bearer = async (a: Actor) => ({
    authorization: `Bearer ${await token(a)}`,
    'content-type': 'application/json',
  });
  // Many callers, as in production: the gateway limits each one (police 600 operations a minute, a
  // company 120; HUB_RATE_LIMITS), so the read load rotates over officers and companies. `police` and
  // `company` stand for "the next one"; the request and status loops keep an officer each.
  const police = await bearer(DEMO_ACTORS.police);
  const company = await bearer(DEMO_ACTORS.company);
  const officers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => bearer({ ...DEMO_ACTORS.police, sub: `faults-officer-${i}` })),
  );
  const companyReaders = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      bearer({ ...DEMO_ACTORS.company, sub: `faults-reader-${i}`, org: `KVK-${91000000 + i}` }),
    ),
  );
  const reviewer = await bearer({ ...DEMO_ACTORS.police, sub: 'faults-reviewer' });
  const statusOfficer = await bearer({ ...DEMO_ACTORS.police, sub: 'faults-status' });
  let turn = 0;
  const caller = (h: Record<string, string>) =>
    h === police
      ? officers[turn++ % officers.length]!
      : h === company
        ? companyReaders[turn++ % companyReaders.length]!
        : h;
  const municipalityToken = await token(DEMO_ACTORS.municipality);
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  let stopping = false;
  const loops: Promise<void>[] = [];
  let db: postgres.Sql | undefined;
  // interrupted: every process it started and its PostgreSQL cluster go too
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping the topology`);
      void topo.stop().finally(() => process.exit(130));
    });
  }
  try {
    await topo.start(log);
    db = postgres(topo.pg.url.replace(/\/postgres$/, '/hub'), { max: 2, onnotice: () => {} });
    let rr = 0;
    const gql = async (
      headers: Record<string, string>,
      query: string,
      variables: Record<string, unknown> = {},
      subgraph: Outcome['subgraph'] = 'mixed',
      gateway = rr++ % 2,
    ) => {
      const at = now();
      try {
        const res = await fetch(topo.gatewayUrl(gateway), {
          method: 'POST',
          headers: caller(headers),
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await res.json().catch(() => ({}))) as {
          data?: Record<string, any>;
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        };
        const errors = (body.errors ?? []).map((e) => `${e.extensions?.code ?? '-'}: ${e.message}`);
        const o = {
          at,
          ms: now() - at,
          ok: res.ok && errors.length === 0,
          status: res.status,
          errors,
          gateway,
          subgraph,
        };
        record(o);
        return { ...o, data: body.data };
      } catch (e) {
        const o = {
          at,
          ms: now() - at,
          ok: false,
          status: 0,
          errors: [`client: ${(e as Error).message}`],
          gateway,
          subgraph,
        };
        record(o);
        return { ...o, data: undefined };
      }
    };

    // ---- load ----------------------------------------------------------------------------------
    const PROBES: Record<SubgraphName, [Record<string, string>, string]> = {
      cameras: [police, '{ cameras(first: 1) { edges { node { id } } } }'],
      footage: [police, '{ legalHolds(first: 1) { id } }'],
      registrations: [company, '{ myRegistrations(first: 1) { edges { node { id } } } }'],
      requests: [police, '{ footageRequests(first: 1) { edges { node { id } } } }'],
      anpr: [police, '{ hotlists { id } }'],
    };
    for (const [name, [h, q]] of Object.entries(PROBES) as Array<[SubgraphName, [Record<string, string>, string]]>) {
      const r = await gql(h, q, {}, name);
      if (!r.ok) throw new Error(`probe ${name} failed before any fault: ${r.status} ${r.errors.join('; ')}`);
    }
    const loop = (every: number, fn: () => Promise<unknown>) =>
      loops.push(
        (async () => {
          while (!stopping) {
            const start = now();
            await fn().catch(() => {});
            await sleep(Math.max(0, every - (now() - start)));
          }
        })(),
      );
    // police (and a company) reads of every subgraph, ~8 requests/s each, alternating gateways
    for (const [name, [h, q]] of Object.entries(PROBES) as Array<[SubgraphName, [Record<string, string>, string]]>)
      loop(125, () => gql(h, q, {}, name));

    // status changes of Utrecht's public cameras: the events the municipality subscribers must all get
    const statusCams = (
      await db<
        { id: string }[]
      >`select id from cameras.cameras where municipality = ${MUNICIPALITY} and not covert and status in ('ACTIVE', 'MAINTENANCE') order by id limit 4`
    ).map((r) => r.id);
    let flip = 0;
    loop(300, async () => {
      const id = statusCams[flip % statusCams.length]!;
      const status = Math.floor(flip++ / statusCams.length) % 2 ? 'ACTIVE' : 'MAINTENANCE';
      await gql(
        statusOfficer,
        'mutation($id: ID!, $s: CameraStatus!) { setCameraStatus(id: $id, status: $s, reason: "fault suite") { id } }',
        { id, s: status },
        'cameras',
      );
    });

    // company registrations: every acknowledged one must exist at the end. A company may register
    // at most 200 cameras a day (quota, RATE_LIMITED): a new company every 150
    const registered: string[] = [];
    const companies = new Map<number, Promise<Record<string, string>>>();
    let regN = 0;
    loop(1000, async () => {
      const n = regN++;
      const k = Math.floor(n / 150);
      if (!companies.has(k))
        companies.set(k, bearer({ ...DEMO_ACTORS.company, sub: `faults-company-${k}`, org: `KVK-${90000000 + k}` }));
      const r = await gql(
        await companies.get(k)!,
        'mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id } }',
        {
          i: {
            ownerName: 'Faults BV',
            placeType: 'SHOP',
            address: `Faultstraat ${n}, Utrecht`,
            location: { latitude: 52.09 + n * 1e-5, longitude: 5.11 },
            mounting: 'FIXED',
            purpose: 'theft prevention',
            filmsPublicSpace: false,
            liveView: false,
            retentionDays: 28,
            signage: true,
            contact: { name: 'F. Ault', phone: '+31 30 1234567', email: 'f@example.nl' },
            municipality: MUNICIPALITY,
          },
        },
        'registrations',
      );
      if (r.ok) registered.push(r.data!.registerPrivateCamera.id);
    });

    // footage requests: approval → requests.holdRequested → footage places the hold → footage.holdsPlaced
    const approved: string[] = [];
    loop(2000, async () => {
      const hour = 3_600_000;
      const f = await gql(
        reviewer,
        'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id } }',
        {
          i: {
            kind: 'POLICE_REPORT',
            reportNumber: `PL0900-2026-${Math.floor(Math.random() * 1e6)}`,
            cameraIds: ['utrecht-neude-1'],
            windowStart: new Date(Date.now() - 2 * hour).toISOString(),
            windowEnd: new Date(Date.now() - hour).toISOString(),
            place: 'Neude, Utrecht',
            description: 'Fault suite: a street robbery reported at the desk',
          },
        },
        'requests',
      );
      if (!f.ok) return;
      const id = f.data!.fileFootageRequest.id as string;
      const REVIEW =
        'mutation($id: ID!, $a: RequestReviewAction!, $r: String) { reviewFootageRequest(id: $id, action: $a, reason: $r) { id status } }';
      if (!(await gql(reviewer, REVIEW, { id, a: 'START_REVIEW' }, 'requests')).ok) return;
      if ((await gql(reviewer, REVIEW, { id, a: 'APPROVE', r: 'fault suite' }, 'requests')).ok) approved.push(id);
    });

    // ANPR NDJSON streams from three systems; a failed stream is sent again from its first
    // unacknowledged line (the same lines: storing is idempotent)
    const anprSent = new Set<string>();
    const anprAcked = new Set<string>();
    let streamRetries = 0;
    for (let s = 0; s < 3; s++) {
      const system = await bearer({ ...DEMO_ACTORS.system, sub: `faults-anpr-${s}` });
      let n = 0;
      loops.push(
        (async () => {
          while (!stopping) {
            const lines = Array.from({ length: 100 }, () => {
              const i = n++;
              return {
                sourceReadId: `faults-${s}-${i}`,
                cameraId: ANPR_CAMERAS[s]!,
                observedAt: new Date(Date.now() - 60_000).toISOString(),
                plate: `${s + 1}-FLT-${String(i % 1000).padStart(3, '0')}`,
                country: 'BE',
                confidence: 0.9,
              };
            });
            for (const l of lines) anprSent.add(l.sourceReadId);
            let pending = lines;
            for (let attempt = 0; pending.length && attempt < 50; attempt++) {
              if (attempt) {
                streamRetries++;
                await sleep(500);
              }
              const acked = await sendStream(
                topo.gatewayUrl((s + attempt) % 2).replace(/graphql$/, 'ingest/anpr-reads'),
                system,
                pending,
                20,
              );
              for (const i of acked) anprAcked.add(pending[i]!.sourceReadId);
              pending = pending.filter((_, i) => !acked.has(i));
            }
          }
        })(),
      );
    }

    // 200 municipality subscriptions, half through each gateway, from one start position
    const start = await gql(
      { authorization: `Bearer ${municipalityToken}`, 'content-type': 'application/json' },
      '{ liveCursor }',
      {},
      'cameras',
    );
    if (!start.ok) throw new Error(`liveCursor: ${start.errors.join('; ')}`);
    const startCursor = start.data!.liveCursor as string;
    const subs = Array.from(
      { length: SUBSCRIBERS },
      (_, i) =>
        new Subscriber(i, i % 2, startCursor, (g) => topo.gatewayUrl(g).replace('http', 'ws'), municipalityToken),
    );
    for (const s of subs) s.connect();
    await waitUntil(() => subs.every((s) => s.connected), 60_000, 'subscribers connected');
    log(
      `load running: ${SUBSCRIBERS} subscriptions, 5 read loops, status changes, registrations, footage requests, 3 ANPR streams`,
    );
    phase = 'warm';
    await sleep(10_000);

    // ---- 1. SIGKILL one replica of each subgraph in turn -----------------------------------------
    const killRows: string[] = [];
    // each killed replica starts again in the background while the next subgraph's is killed
    const relaunches: Promise<number>[] = [];
    const restartTimes = new Map<string, Promise<number>>();
    for (const name of SUBGRAPH_NAMES) {
      phase = `kill ${name}`;
      const victim = topo.replicas(name)[0]!;
      await sleep(2000);
      const killedAt = now();
      await topo.kill(victim);
      // first success of this subgraph's reads that started after the kill
      await waitUntil(
        () => outcomes.some((o) => o.subgraph === name && o.at > killedAt && o.ok),
        60_000,
        `${name} answers after kill`,
      );
      const firstOk = outcomes.find((o) => o.subgraph === name && o.at > killedAt && o.ok)!;
      await sleep(5000);
      const window = outcomes.filter((o) => o.at >= killedAt - 200 && o.at < killedAt + 5000);
      const failed = window.filter((o) => !o.ok);
      const lastFail = failed.length ? Math.max(...failed.map((o) => o.at)) - killedAt : 0;
      const leaked = failed.flatMap((o) => o.errors).filter((e) => INTERNALS.test(e));
      const relaunched = topo.launch(victim);
      relaunches.push(relaunched);
      const restart = '…';
      restartTimes.set(name, relaunched);
      killRows.push(
        `| ${name} | ${(firstOk.at - killedAt).toFixed(0)} | ${failed.length} of ${window.length} | ${failed.length ? lastFail.toFixed(0) : '–'} | ${leaked.length} | ${[...new Set(failed.flatMap((o) => (o.errors.length ? o.errors : [`HTTP ${o.status}`])))].slice(0, 2).join('; ').replace(/\|/g, '/') || '–'} | ${restart} |`,
      );
      check(leaked.length === 0, `kill ${name}: no failed request names internals (${leaked.slice(0, 1).join('')})`);
      const slowest = Math.max(0, ...window.map((o) => o.ms));
      log(
        `killed ${victim.name}: first success ${(firstOk.at - killedAt).toFixed(0)} ms after, ${failed.length}/${window.length} failed in the 5 s after, slowest request ${slowest.toFixed(0)} ms; failures: ${[...new Set(failed.flatMap((o) => (o.errors.length ? o.errors : [`HTTP ${o.status}`])))].slice(0, 3).join(' / ')}`,
      );
    }
    const restarted = await Promise.all(relaunches);
    for (let i = 0; i < killRows.length; i++) killRows[i] = killRows[i]!.replace('| … |', `| ${restarted[i]} |`);
    log(`killed replicas all back (${restarted.join(', ')} ms to ready)`);

    // ---- 2. restart PostgreSQL ----------------------------------------------------------------------
    phase = 'postgres restart';
    await sleep(3000);
    const pgDownAt = now();
    topo.pg.stop('immediate');
    await sleep(3000);
    topo.pg.start();
    const pgUpAt = now();
    const recovered: Record<string, number> = {};
    await waitUntil(
      () => {
        for (const name of SUBGRAPH_NAMES) {
          if (recovered[name] === undefined) {
            const ok = outcomes.find((o) => o.subgraph === name && o.at > pgUpAt && o.ok);
            if (ok) recovered[name] = ok.at - pgUpAt;
          }
        }
        return Object.keys(recovered).length === SUBGRAPH_NAMES.length;
      },
      180_000,
      'every subgraph answers after the PostgreSQL restart',
    ).catch((e: Error) => {
      const last = SUBGRAPH_NAMES.filter((n) => recovered[n] === undefined).map(
        (n) =>
          `${n}: ${outcomes
            .filter((o) => o.subgraph === n)
            .slice(-3)
            .map((o) => o.errors.join(',') || o.status)
            .join(' | ')}`,
      );
      throw new Error(`${e.message}; recovered ${JSON.stringify(recovered)}; still failing: ${last.join('; ')}`);
    });
    const readyAt = await waitForReady(topo, 120_000);
    const pgWindow = outcomes.filter((o) => o.at >= pgDownAt && o.at < pgUpAt + 10_000);
    const pgLeaked = pgWindow
      .filter((o) => !o.ok)
      .flatMap((o) => o.errors)
      .filter((e) => INTERNALS.test(e));
    check(
      pgLeaked.length === 0,
      `postgres restart: no failed request names internals (${pgLeaked.slice(0, 1).join('')})`,
    );
    log(
      `postgres down ${(pgUpAt - pgDownAt).toFixed(0)} ms; first success after it is up: ${JSON.stringify(recovered)}; every process ready ${(readyAt - pgUpAt).toFixed(0)} ms after`,
    );

    // ---- 3. SIGKILL a gateway holding half of the subscriptions --------------------------------------
    phase = 'gateway kill';
    await sleep(5000);
    const gw = topo.gateways[0]!;
    const onIt = subs.filter((s) => s.gateway === 0);
    const gwKilledAt = now();
    await topo.kill(gw);
    await waitUntil(
      () => onIt.every((s) => s.resumedAt !== undefined && s.resumedAt > gwKilledAt),
      120_000,
      'subscribers resumed through the other gateway',
    );
    const reconnect = onIt.map((s) => s.reconnectedAt! - gwKilledAt).sort((a, b) => a - b);
    const resume = onIt.map((s) => s.resumedAt! - gwKilledAt).sort((a, b) => a - b);
    const gwRestart = await topo.launch(gw);
    log(
      `gateway-1 killed with ${onIt.length} subscriptions: reconnected p50 ${pct(reconnect, 0.5)} / max ${pct(reconnect, 1)} ms, first event after resume p50 ${pct(resume, 0.5)} / max ${pct(resume, 1)} ms; restarted in ${gwRestart} ms`,
    );

    // ---- 4. soak -----------------------------------------------------------------------------------
    phase = 'soak';
    const rssStart = new Map(topo.procs.map((p) => [p.name, topo.rssKb(p)]));
    const heapStart = await heapUsed(topo);
    const soakStart = now();
    let maxLag = 0;
    while (now() - soakStart < SOAK_S * 1000) {
      await sleep(Math.min(10_000, SOAK_S * 1000 - (now() - soakStart)));
      maxLag = Math.max(maxLag, await consumerLag(topo));
    }
    const rssEnd = new Map(topo.procs.map((p) => [p.name, topo.rssKb(p)]));
    const heapEnd = await heapUsed(topo);
    const soak = byPhase.get('soak') ?? [];
    const soak5xx = soak.filter((o) => o.status >= 500).length;
    const soakFailed = soak.filter((o) => !o.ok);
    check(soak5xx === 0, `soak: no 5xx (${soak5xx} of ${soak.length})`);
    check(
      soakFailed.length === 0,
      `soak: every request succeeded (${soakFailed.length} failed: ${[...new Set(soakFailed.flatMap((o) => o.errors))].slice(0, 3).join('; ')})`,
    );

    // ---- drain and check ---------------------------------------------------------------------------
    phase = 'drain';
    stopping = true;
    await Promise.all(loops);
    await waitUntil(
      async () => (await consumerLag(topo)) === 0 && (await pendingConsumers(db!)) === 0,
      120_000,
      'consumers caught up',
    );
    await sleep(3000); // the last live events reach the subscribers

    const [reads] = await db<
      { n: number; distinct: number }[]
    >`select count(*)::int as n, count(distinct (camera_id, source_read_id))::int as distinct from anpr.reads where source_read_id like 'faults-%'`;
    check(
      anprAcked.size === anprSent.size,
      `ANPR: every line sent was acknowledged in the end (${anprAcked.size} of ${anprSent.size}, ${streamRetries} stream retries)`,
    );
    check(
      reads!.n === anprSent.size && reads!.distinct === reads!.n,
      `ANPR: ${reads!.n} reads stored for ${anprSent.size} sent, none lost or doubled`,
    );

    const truth = (
      await db<{ c: string }[]>`select tx::text || ':' || id::text as c from events.outbox
        where topic = 'cameras.cameraStatusChanged' and payload->'camera'->>'municipality' = ${MUNICIPALITY}
          and (tx, id) > (${startCursor.split(':')[0]!}::bigint, ${startCursor.split(':')[1]!}::bigint) order by tx, id`
    ).map((r) => r.c);
    const wrong = subs.filter((s) => s.cursors.join() !== truth.join());
    const repeated = subs.filter((s) => s.repeats.length);
    const repeatPhases = [...new Set(repeated.flatMap((s) => s.repeats.map((r) => r.phase)))];
    check(
      wrong.length === 0,
      `subscriptions: all ${subs.length} got every one of the ${truth.length} status changes, in order, none missing (${wrong.length} differ${wrong[0] ? `; e.g. #${wrong[0].index}: ${wrong[0].cursors.length} received` : ''})`,
    );
    log(
      `subscriptions: ${repeated.length} subscribers were sent ${repeated.reduce((n, s) => n + s.repeats.length, 0)} events again after a resume (dropped by cursor), in phases: ${repeatPhases.join(', ') || '–'}`,
    );

    const holds = await db<{ id: string; requested: number; placed: number }[]>`
      select r.id, (select count(*)::int from events.outbox o where o.topic = 'requests.holdRequested' and o.payload->>'requestId' = r.id) as requested,
                   (select count(*)::int from events.outbox o where o.topic = 'footage.holdsPlaced' and o.payload->>'requestId' = r.id) as placed
      from unnest(${approved}::text[]) as r(id)`;
    const badHolds = holds.filter((h) => h.requested !== 1 || h.placed !== 1);
    check(
      approved.length > 0 && badHolds.length === 0,
      `holds: ${approved.length} approved requests, each hold requested and placed exactly once (${badHolds.length} not)`,
    );
    const [regs] = await db<
      { n: number }[]
    >`select count(*)::int as n from registrations.registrations where id = any(${registered}::text[])`;
    check(
      regs!.n === registered.length,
      `registrations: all ${registered.length} acknowledged are stored (${regs!.n})`,
    );
    const warnings = topo.procs
      .map((p) => [p.name, p.stderr.filter((l) => l.includes('MaxListenersExceededWarning')).length] as const)
      .filter(([, n]) => n > 0);
    check(
      warnings.length === 0,
      `no MaxListenersExceededWarning in any process (${warnings.map(([p, n]) => `${p}: ${n}`).join(', ')})`,
    );

    // ---- report ------------------------------------------------------------------------------------
    const report = [
      `Fault suite ${new Date().toISOString()} (soak ${SOAK_S} s, ${SUBSCRIBERS} subscriptions): ${failures.length ? `${failures.length} FAILED` : 'all checks passed'}`,
      '',
      '| killed (SIGKILL, replica 1 of 2) | kill → first success, ms | failed in the 5 s after | kill → last failure, ms | errors naming internals | what the failures said | restart to ready, ms |',
      '|---|---|---|---|---|---|---|',
      ...killRows,
      '',
      `PostgreSQL immediate stop → start: down ${(pgUpAt - pgDownAt).toFixed(0)} ms; first success per subgraph after it was up (ms): ${Object.entries(
        recovered,
      )
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(
          ', ',
        )}; every process ready again after ${(readyAt - pgUpAt).toFixed(0)} ms; failed requests while down: ${pgWindow.filter((o) => !o.ok).length} of ${pgWindow.length}.`,
      `Gateway SIGKILL with ${onIt.length} subscriptions: reconnected through the other gateway p50 ${pct(reconnect, 0.5)} ms, max ${pct(reconnect, 1)} ms; first event after resuming p50 ${pct(resume, 0.5)} ms, max ${pct(resume, 1)} ms; status changes missed: ${wrong.length ? 'see FAIL' : 0} (every subscriber ${truth.length} events, checked against the outbox); events sent again after a resume and dropped by cursor: ${repeated.reduce((n, s) => n + s.repeats.length, 0)} to ${repeated.length} subscribers (${repeatPhases.join(', ') || '–'}).`,
      `ANPR: ${anprSent.size} reads sent over ${streamRetries} retried streams, ${reads!.n} stored (0 lost, 0 doubled). Holds: ${approved.length} placed once each. Registrations: ${registered.length} stored.`,
      `Soak ${SOAK_S} s: ${soak.length} requests, ${soak5xx} 5xx, ${soakFailed.length} failed; max consumer lag ${maxLag.toFixed(1)} s.`,
      '',
      '| process | RSS at soak start, MB | RSS at soak end, MB | V8 heap used at start, MB | at end, MB |',
      '|---|---|---|---|---|',
      ...topo.procs.map(
        (p) =>
          `| ${p.name} | ${mb(rssStart.get(p.name))} | ${mb(rssEnd.get(p.name))} | ${mb(heapStart.get(p.name))} | ${mb(heapEnd.get(p.name))} |`,
      ),
      '',
      ...failures.map((f) => `FAILED: ${f}`),
    ].join('\n');
    process.stdout.write(`\n${report}\n`);
    for (const s of subs) s.close();
    return failures.length ? 1 : 0;
  } catch (err) {
    for (const p of topo.procs)
      if (p.stderr.length) log(`${p.name} stderr (last 5): ${p.stderr.slice(-5).join(' | ').slice(0, 1500)}`);
    throw err;
  } finally {
    stopping = true;
    await db?.end({ timeout: 2 }).catch(() => {});
    await topo.stop();
  }
}

const mb = (kb: number | undefined) => (kb === undefined ? '–' : (kb / 1024).toFixed(0));
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!.toFixed(0) : '–';

async function waitUntil(pred: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = now() + ms;
  while (!(await pred())) {
    if (now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}

/** When every process answers /readyz with 200 (the gateway: /readyz too). */
async function waitForReady(topo: Topology, ms: number): Promise<number> {
  await waitUntil(
    async () => {
      const all = await Promise.all(
        topo.procs.map((p) =>
          fetch(`http://127.0.0.1:${p.port}/readyz`).then(
            (r) => r.status === 200,
            () => false,
          ),
        ),
      );
      return all.every(Boolean);
    },
    ms,
    'every process ready',
  );
  return now();
}

/** The largest hub_events_consumer_lag_seconds any subgraph process reports now. */
async function consumerLag(topo: Topology): Promise<number> {
  let max = 0;
  for (const p of topo.procs.filter((x) => x.role !== 'gateway')) {
    const text = await fetch(`http://127.0.0.1:${p.port}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    for (const m of text.matchAll(/^hub_events_consumer_lag_seconds\{[^}]*\} (\S+)$/gm))
      max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** nodejs_heap_size_used_bytes of every process (kB), from its /metrics. */
async function heapUsed(topo: Topology): Promise<Map<string, number | undefined>> {
  const out = new Map<string, number | undefined>();
  for (const p of topo.procs) {
    const text = await fetch(`http://127.0.0.1:${p.port}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    const m = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text);
    out.set(p.name, m ? Number(m[1]) / 1024 : undefined);
  }
  return out;
}

/** Outbox events some durable consumer has not applied yet. */
async function pendingConsumers(db: postgres.Sql): Promise<number> {
  const [r] = await db<
    { n: number }[]
  >`select count(*)::int as n from events.consumers c join events.outbox o on (o.tx, o.id) > (c.tx, c.id)
    and (c.topics is null or o.topic = any(c.topics))`;
  return r!.n;
}

/**
 * POSTs NDJSON lines, `perSecond` of them a second, and returns the indexes of the lines the hub
 * acknowledged as committed. Any failure (refused, reset, an error line) ends the attempt.
 */
function sendStream(
  url: string,
  headers: Record<string, string>,
  lines: object[],
  perSecond: number,
): Promise<Set<number>> {
  const acked = new Set<number>();
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve(acked);
      }
    };
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' } },
      (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buf += d;
          for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            try {
              const ack = JSON.parse(line) as { lines?: [number, number]; rejected?: Array<{ line: number }> };
              if (ack.lines) {
                const rejected = new Set((ack.rejected ?? []).map((r) => r.line));
                for (let l = ack.lines[0]; l <= ack.lines[1]; l++) if (!rejected.has(l)) acked.add(l - 1);
              }
            } catch {
              // not JSON: the attempt failed
            }
          }
        });
        res.on('end', done);
        res.on('error', done);
        res.on('close', done);
      },
    );
    req.on('error', done);
    (async () => {
      for (let i = 0; i < lines.length; i += Math.max(1, perSecond / 10)) {
        if (settled) return;
        req.write(
          lines
            .slice(i, i + Math.max(1, perSecond / 10))
            .map((l) => `${JSON.stringify(l)}\n`)
            .join(''),
        );
        await sleep(100);
      }
      req.end();
    })().catch(done);
  });
}

/** One municipality dashboard: resumes through the other gateway with its last cursor when its connection goes. */
const laterCursor = (a: string, b: string) => {
  const [at, ai] = a.split(':').map(BigInt) as [bigint, bigint];
  const [bt, bi] = b.split(':').map(BigInt) as [bigint, bigint];
  return at > bt || (at === bt && ai > bi);
};

class Subscriber {
  cursors: string[] = [];
  /** Events delivered again after a resume (dropped by cursor), with the phase they came in. */
  repeats: Array<{ cursor: string; phase: string }> = [];
  connected = false;
  reconnectedAt: number | undefined;
  resumedAt: number | undefined;
  private client: Client | undefined;
  private closed = false;
  private lostAt: number | undefined;
  constructor(
    readonly index: number,
    public gateway: number,
    private readonly startCursor: string,
    private readonly wsUrl: (gateway: number) => string,
    private readonly token: string,
  ) {}
  get last() {
    return this.cursors.at(-1) ?? this.startCursor;
  }
  connect() {
    const client = createClient({
      url: this.wsUrl(this.gateway),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {}, // a lost connection is handled by the sink's error (fail over)
      connectionParams: { authorization: `Bearer ${this.token}` },
      on: {
        connected: () => {
          this.connected = true;
          if (this.lostAt !== undefined) this.reconnectedAt = now();
        },
      },
    });
    this.client = client;
    let failed = false;
    const fail = () => {
      if (failed || this.closed) return;
      failed = true;
      this.connected = false;
      this.lostAt = now();
      this.reconnectedAt = undefined;
      this.resumedAt = undefined;
      void client.dispose();
      this.gateway = 1 - this.gateway; // the other gateway
      setTimeout(() => this.connect(), 200);
    };
    client.subscribe<{ cameraStatusChanged: { cursor: string } }>(
      {
        query: `subscription($a: String) { cameraStatusChanged(municipality: "${MUNICIPALITY}", after: $a) { cursor status camera { id } } }`,
        variables: { a: this.last },
      },
      {
        next: (r) => {
          const c = r.data?.cameraStatusChanged?.cursor;
          if (!c) return;
          // as a dashboard does: an event at or before the last one seen is a repeat, dropped (counted)
          if (this.cursors.length && !laterCursor(c, this.last)) {
            this.repeats.push({ cursor: c, phase });
            return;
          }
          this.cursors.push(c);
          if (this.lostAt !== undefined && this.resumedAt === undefined) this.resumedAt = now();
        },
        error: fail,
        complete: fail,
      },
    );
  }
  close() {
    this.closed = true;
    void this.client?.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`fault suite aborted: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);

// The streaming NDJSON ingest of ANPR reads (POST /ingest/anpr-reads) through the gateway: a source
// system's credential, per-line rejection, replay idempotency, bodies far beyond the GraphQL 1 MiB
// limit, hits announced while the stream is still open — and who may stream, at both layers.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  ACTOR_HEADER,
  DEMO_ACTORS,
  PUBLIC_ACTOR,
  internalSecretKey,
  signActorAssertion,
  type ActorKind,
} from '@hub/auth';
import { ANPR_STREAM_PATH } from '@hub/anpr';
import { bootHub, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const CAM = 'antwerpen-noorderlaan-1';
let seq = 0;
const tag = Math.random().toString(36).slice(2, 8);
function read(o: Record<string, unknown> = {}) {
  seq++;
  return {
    sourceReadId: `stream-${tag}-${seq}`,
    cameraId: CAM,
    observedAt: new Date(hub.clock.now().getTime() - 60_000).toISOString(),
    plate: `1-ST-${String(seq).padStart(3, '0').slice(-3)}`,
    country: 'BE',
    confidence: 0.9,
    ...o,
  };
}
const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

interface Streamed {
  status: number;
  lines: Array<Record<string, any>>;
}

/** POSTs a body (or pieces of it, written `gapMs` apart) and collects the response lines. */
function stream(
  url: URL,
  headers: Record<string, string>,
  pieces: string[],
  gapMs = 0,
  onLine?: (l: Record<string, any>) => void,
): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...headers } },
      (res) => {
        let buf = '';
        const lines: Array<Record<string, any>> = [];
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buf += d;
          for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
            const l = JSON.parse(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
            lines.push(l);
            onLine?.(l);
          }
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, lines: buf.trim() ? [...lines, JSON.parse(buf)] : lines }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    (async () => {
      for (const p of pieces) {
        req.write(p);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      req.end();
    })().catch(reject);
  });
}
const gatewayStream = () => new URL(ANPR_STREAM_PATH, hub.url);
const bearer = async (who: ActorKind) => {
  const t = await hub.token(who);
  return t ? { authorization: `Bearer ${t}` } : ({} as Record<string, string>);
};
const countReads = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.reads`))[0]!.n;

describe('streaming NDJSON ingest', () => {
  it('a source system streams reads: rejections per line, valid lines stored, a replay creates nothing', async () => {
    const body = ndjson([
      read(),
      '{"not json',
      read({ plate: '!!' }),
      '',
      read({ confidence: 1.5 }),
      read({ observedAt: new Date(hub.clock.now().getTime() + DAY).toISOString() }),
      read({ cameraId: 'no-such-camera' }),
      read({ direction: 'SIDEWAYS' }),
      read(),
    ]);
    const before = await countReads();
    const first = await stream(gatewayStream(), await bearer('system'), [body]);
    expect(first.status).toBe(200);
    const done = first.lines.at(-1)!;
    // a source system is not told about hits (whether a plate is listed is police knowledge)
    expect(done).toEqual({ done: true, lines: 9, created: 2, duplicates: 0, rejected: 6 });
    expect(first.lines.every((l) => !('hits' in l))).toBe(true);
    const rejected = first.lines.slice(0, -1).flatMap((l) => l.rejected);
    expect(rejected.map((r: any) => r.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(rejected[0].reason).toBe('not valid JSON');
    expect(rejected[1].reason).toMatch(/plate/);
    expect(rejected[2].reason).toMatch(/confidence/);
    expect(rejected[3].reason).toMatch(/future/);
    expect(rejected[4].reason).toMatch(/not a known ANPR camera/);
    expect(rejected[5].reason).toMatch(/direction/);
    expect(await countReads()).toBe(before + 2);

    const replay = await stream(gatewayStream(), await bearer('system'), [body]);
    expect(replay.lines.at(-1)).toEqual({ done: true, lines: 9, created: 0, duplicates: 2, rejected: 6 });
    expect(await countReads()).toBe(before + 2);
  });

  it('carries bodies far beyond the GraphQL body limit, acknowledging chunks with their line numbers', async () => {
    const rows = Array.from({ length: 12_000 }, () =>
      read({ imageRef: `s3://anpr-antwerpen/${'x'.repeat(60)}/${seq}.jpg` }),
    );
    rows[11_000] = { ...rows[11_000]!, plate: '' }; // line 11001
    const body = ndjson(rows);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const before = await countReads();
    // written in 64 KiB pieces, as a socket would
    const pieces = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) =>
      body.slice(i * 65_536, (i + 1) * 65_536),
    );
    const r = await stream(gatewayStream(), await bearer('police'), pieces);
    expect(r.lines.at(-1)).toEqual({ done: true, lines: 12_000, created: 11_999, duplicates: 0, rejected: 1 });
    const acks = r.lines.slice(0, -1);
    expect(acks.length).toBeGreaterThan(1);
    // the acknowledged ranges cover every line once, in order
    let next = 1;
    for (const a of acks) {
      expect(a.lines[0]).toBe(next);
      next = a.lines[1] + 1;
    }
    expect(next).toBe(12_001);
    expect(acks.flatMap((a) => a.rejected)).toEqual([
      { line: 11_001, sourceReadId: rows[11_000]!.sourceReadId, reason: expect.stringMatching(/plate/) },
    ]);
    expect(await countReads()).toBe(before + 11_999);
  });

  it('announces a hit while the stream is still open', async () => {
    const list = await hub.gql(
      'police',
      `mutation($v: DateTime!) { createHotlist(name: "stream", reason: "theft", legalBasis: "art. 126jj Sv", validUntil: $v) { id } }`,
      {
        v: new Date(hub.clock.now().getTime() + 30 * DAY).toISOString(),
      },
    );
    const add = await hub.gql(
      'police',
      `mutation { addHotlistEntry(hotlistId: "${list.data!.createHotlist.id}", plate: "9-HOT-999", country: "BE", reason: "stolen") { id } }`,
    );
    expect(add.errors).toBeUndefined();
    const probe = await hub.gql(
      'police',
      `mutation { addHotlistEntry(hotlistId: "${list.data!.createHotlist.id}", plate: "9-PRB-999", country: "BE", reason: "probe") { id } }`,
    );
    expect(probe.errors).toBeUndefined();
    const police = collect(hub.ws('police'), 'subscription { anprHit { read { plate } } }');
    const seen = (plate: string) => police.events.some((e: any) => e.anprHit.read.plate === plate);
    try {
      // the subscription reaches the subgraph through the gateway, later on a busy machine: a probe
      // hit proves it is live before the stream starts (bounded: 10 probes)
      for (let i = 0; i < 10 && !seen('9PRB999'); i++) {
        await stream(gatewayStream(), await bearer('system'), [ndjson([read({ plate: '9PRB999' })])]);
        await waitFor(() => seen('9PRB999'), 4000, 'probe hit').catch(() => undefined);
      }
      expect(seen('9PRB999')).toBe(true);
      let ended = false;
      // about 6 s of stream (more when busy): the hit, matched within about a second, arrives meanwhile
      const pieces = [
        ndjson([read(), read({ plate: '9HOT999' })]),
        ...Array.from({ length: 120 }, () => ndjson([read()])),
      ];
      const sending = stream(gatewayStream(), await bearer('system'), pieces, 50).then((r) => ((ended = true), r));
      await waitFor(() => seen('9HOT999'), 20_000, 'hit during the stream');
      const hitWhileOpen = !ended;
      const r = await sending;
      expect(hitWhileOpen).toBe(true);
      expect(police.events.filter((e: any) => e.anprHit.read.plate === '9HOT999')).toEqual([
        { anprHit: { read: { plate: '9HOT999' } } },
      ]);
      expect(r.lines.at(-1)).toMatchObject({ done: true, lines: 122, created: 122 });
      expect(r.lines.at(-1)!.hits).toBeUndefined(); // the police client heard of it; the camera system does not
    } finally {
      police.dispose();
    }
  });

  it('a line longer than 64 KiB ends the stream with what was stored', async () => {
    // the first line is committed (25 ms, more on a busy machine) before the long one arrives
    const r = await stream(
      gatewayStream(),
      await bearer('system'),
      [ndjson([read()]), `{"plate":"${'A'.repeat(70_000)}"}\n`],
      1000,
    );
    expect(r.lines[0]).toMatchObject({ lines: [1, 1], created: 1 });
    expect(r.lines.at(-1)).toEqual({ error: expect.stringMatching(/longer than/), committedThroughLine: 1 });
  });

  it("a stream cut off for a 2 MB line does not break the next streams, another caller's included", async () => {
    // the whole body at once, with a length (as curl --data-binary sends it)
    const body = `${'{"plate":"' + 'A'.repeat(2_000_000)}"}\n${ndjson([read()])}`;
    const cut = await stream(
      gatewayStream(),
      { ...(await bearer('system')), 'content-length': String(Buffer.byteLength(body)) },
      [body],
    );
    expect(cut.lines.at(-1)).toEqual({ error: expect.stringMatching(/longer than/), committedThroughLine: 0 });
    for (const who of ['police', 'system'] as const) {
      const next = await stream(gatewayStream(), await bearer(who), [ndjson([read()])]);
      expect(next.status).toBe(200);
      expect(next.lines.at(-1)).toMatchObject({ done: true, lines: 1, created: 1 });
    }
  });

  it('rejects text the database cannot hold and times without an offset, per line, and stores the rest', async () => {
    const before = await countReads();
    const r = await stream(gatewayStream(), await bearer('system'), [
      ndjson([
        read({ sourceReadId: 'nul\u0000id' }),
        read({ imageRef: 'bad\ud800' }),
        read({ observedAt: '2026-11-23T10:00:00' }),
        read(),
      ]),
    ]);
    const rejected = r.lines.slice(0, -1).flatMap((l) => l.rejected);
    expect(rejected.map((x: any) => [x.line, x.reason])).toEqual([
      [1, expect.stringMatching(/NUL or an unpaired surrogate/)],
      [2, expect.stringMatching(/NUL or an unpaired surrogate/)],
      [3, expect.stringMatching(/RFC 3339/)],
    ]);
    expect(r.lines.at(-1)).toEqual({ done: true, lines: 4, created: 1, duplicates: 0, rejected: 3 });
    expect(await countReads()).toBe(before + 1);
  });

  it("a source system delivers only for its own municipality's cameras: another's count as unknown", async () => {
    const utrechtSystem = {
      kind: 'system' as const,
      sub: 'anpr-utrecht',
      org: 'politie-midden-nederland',
      municipality: 'GM0344',
    };
    const token = await hub.token(utrechtSystem);
    const r = await stream(gatewayStream(), { authorization: `Bearer ${token}` }, [ndjson([read(), read()])]);
    expect(r.lines.at(-1)).toEqual({ done: true, lines: 2, created: 0, duplicates: 0, rejected: 2 });
    expect(r.lines[0]!.rejected.map((x: any) => x.reason)).toEqual([
      expect.stringMatching(/not a known ANPR camera/),
      expect.stringMatching(/not a known ANPR camera/),
    ]);
  });
});

describe('a stream outliving its token', () => {
  it('ends with UNAUTHENTICATED once the token (plus the clock tolerance) expires; what was acknowledged is stored', async () => {
    // exp 28 s ago: accepted when opened, past the 30 s tolerance two seconds later, while still sending
    const token = await hub.stack.token(DEMO_ACTORS.system, Math.floor(Date.now() / 1000) - 28);
    const before = await countReads();
    const pieces = Array.from({ length: 60 }, () => ndjson([read()]));
    const r = await stream(gatewayStream(), { authorization: `Bearer ${token}` }, pieces, 100);
    const last = r.lines.at(-1)!;
    expect(last.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(last.errors?.[0]?.message).toMatch(/expired/);
    const acked = r.lines.filter((l) => Array.isArray(l.rejected)).reduce((n, l) => n + l.created, 0);
    const stored = (await countReads()) - before;
    expect(stored).toBeLessThan(60); // cut off before the end
    expect(stored).toBeGreaterThanOrEqual(acked); // every acknowledged line is stored
  });
});

describe('a stream over the byte limit', () => {
  it('is cut off at the gateway with BAD_USER_INPUT after what was stored, and the hub keeps serving', async () => {
    const small = await bootHub({ limits: { maxStreamBytes: 64 * 1024 } });
    try {
      const token = await small.token('system');
      const at = new Date(small.clock.now().getTime() - 60_000).toISOString();
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        sourceReadId: `limit-${i}`,
        cameraId: CAM,
        observedAt: at,
        plate: `1-LIM-${String(i).padStart(3, '0').slice(-3)}`,
        country: 'BE',
        confidence: 0.9,
      }));
      const body = ndjson(rows); // ~230 KiB
      const pieces = Array.from({ length: Math.ceil(body.length / 16_384) }, (_, i) =>
        body.slice(i * 16_384, (i + 1) * 16_384),
      );
      const r = await stream(new URL(ANPR_STREAM_PATH, small.url), { authorization: `Bearer ${token}` }, pieces, 5);
      const last = r.lines.at(-1)!;
      expect(last.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(last.errors?.[0]?.message).toMatch(/at most 65536 bytes/);
      const [stored] = await small.stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from anpr.reads where source_read_id like 'limit-%'`,
      );
      expect(stored!.n).toBeLessThan(2000); // not everything went through
      const acked = r.lines.filter((l) => Array.isArray(l.rejected)).reduce((n, l) => n + l.created, 0);
      expect(stored!.n).toBeGreaterThanOrEqual(acked); // every acknowledged line is stored
      const ok = await small.gql('police', '{ hotlists { id } }');
      expect(ok.errors).toBeUndefined();
    } finally {
      await small.close();
    }
  }, 180_000);
});

describe('who may stream', () => {
  it('only police and source systems; the others are refused at the gateway and at the subgraph, and nothing is stored', async () => {
    const before = await countReads();
    const anpr = hub.stack.subgraphs.find((s) => s.name === 'anpr')!;
    const direct = new URL(ANPR_STREAM_PATH, anpr.url);
    for (const who of ['public', 'company', 'citizen', 'municipality', 'authority'] as const) {
      const expected = who === 'public' ? { status: 401, code: 'UNAUTHENTICATED' } : { status: 403, code: 'FORBIDDEN' };
      const body = ndjson([read()]);
      const g = await stream(gatewayStream(), await bearer(who), [body]);
      expect([who, g.status, g.lines[0]?.errors?.[0]?.extensions?.code]).toEqual([who, expected.status, expected.code]);
      const actor = who === 'public' ? PUBLIC_ACTOR : DEMO_ACTORS[who];
      const d = await stream(direct, { [ACTOR_HEADER]: await signActorAssertion(hub.stack.internalKey, actor) }, [
        body,
      ]);
      expect([who, d.status, d.lines[0]?.errors?.[0]?.extensions?.code]).toEqual([who, expected.status, expected.code]);
    }
    // a missing or forged assertion at the subgraph, a bad token at the gateway
    expect((await stream(direct, {}, [ndjson([read()])])).status).toBe(401);
    const forged = await signActorAssertion(internalSecretKey('x'.repeat(40)), DEMO_ACTORS.police);
    expect((await stream(direct, { [ACTOR_HEADER]: forged }, [ndjson([read()])])).status).toBe(401);
    expect((await stream(gatewayStream(), { authorization: 'Bearer not-a-jwt' }, [ndjson([read()])])).status).toBe(401);
    expect(await countReads()).toBe(before);
  });

  it('a refused caller that sends a large body at once still reads its refusal', async () => {
    const body = ndjson(Array.from({ length: 8000 }, () => read())); // ~2 MB (25 MB passed as well)
    for (const [who, status] of [
      ['company', 403],
      ['public', 401],
    ] as const) {
      const r = await stream(
        gatewayStream(),
        { ...(await bearer(who)), 'content-length': String(Buffer.byteLength(body)) },
        [body],
      );
      expect([who, r.status]).toEqual([who, status]);
    }
  });
});

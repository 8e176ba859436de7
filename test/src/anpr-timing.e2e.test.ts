// Timing: a source system must not be able to tell from how long its ingest answer takes
// whether a read hit a hotlist (matching runs after the answer: anpr db/match.ts). Hit and no-hit reads
// are sent one at a time, interleaved, at least 200 of each, through the gateway — the GraphQL mutation
// and the NDJSON stream — and their median answer times compared. The bound is generous on purpose
// (a loaded machine is noisy; medians and interleaving take most of that out): matching inside the
// answer made a hit about twice as slow (median 28 vs 11.5 ms), far beyond it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ANPR_STREAM_PATH } from '@hub/anpr';
import { bootHub, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
}, 180_000);
afterAll(async () => hub?.close());

const CAM = 'antwerpen-noorderlaan-1'; // an ANPR camera of the demo source system's municipality
const ROUNDS = 200;
/** Hit median over no-hit median must stay within this factor, either way (a channel works both ways). */
const MAX_RATIO = 1.5;
const withinRatio = (m: { hit: number; miss: number }) => {
  expect(m.hit / m.miss).toBeLessThan(MAX_RATIO);
  expect(m.hit / m.miss).toBeGreaterThan(1 / MAX_RATIO);
};
const LISTED = ['1TIM001', '1TIM002', '1TIM003', '1TIM004', '1TIM005'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
let seq = 0;
const read = (plate: string) => ({
  sourceReadId: `timing-${++seq}`,
  cameraId: CAM,
  observedAt: new Date(hub.clock.now().getTime() - 60_000).toISOString(),
  plate,
  country: 'BE',
  confidence: 0.95,
});
/** A plate that is on no list, shaped like the listed ones. */
const unlisted = () => `2TIM${String(seq % 1000).padStart(3, '0')}`;

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Interleaved hit / no-hit rounds (the order flipped every round); the medians of each. */
async function compare(send: (plate: string) => Promise<void>) {
  const hit: number[] = [];
  const miss: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const listed = LISTED[i % LISTED.length]!;
    if (i % 2 === 0) {
      hit.push(await timed(() => send(listed)));
      miss.push(await timed(() => send(unlisted())));
    } else {
      miss.push(await timed(() => send(unlisted())));
      hit.push(await timed(() => send(listed)));
    }
  }
  return { hit: median(hit), miss: median(miss), n: hit.length };
}

describe('the ingest answer takes as long whether or not a read hits a hotlist', () => {
  let token: string;
  beforeAll(async () => {
    token = (await hub.token('system'))!;
    const list = await hub.gql(
      'police',
      'mutation($v: DateTime!) { createHotlist(name: "timing", reason: "theft", legalBasis: "art. 126jj Sv", validUntil: $v) { id } }',
      {
        v: new Date(hub.clock.now().getTime() + 30 * DAY).toISOString(),
      },
    );
    expect(list.errors).toBeUndefined();
    for (const plate of LISTED) {
      const e = await hub.gql(
        'police',
        `mutation { addHotlistEntry(hotlistId: "${list.data!.createHotlist.id}", plate: "${plate}", country: "BE", reason: "stolen") { id } }`,
      );
      expect(e.errors).toBeUndefined();
    }
  });

  it(`GraphQL ingestAnprReads: ${ROUNDS} hits and ${ROUNDS} misses, medians within ×${MAX_RATIO}`, async () => {
    const hitsBefore = (
      await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.hits`)
    )[0]!.n;
    const send = async (plate: string) => {
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation($r: [AnprReadInput!]!) { ingestAnprReads(reads: $r) { created hits } }',
          variables: { r: [read(plate)] },
        }),
      });
      const body = (await res.json()) as { data?: { ingestAnprReads: { created: number; hits: number | null } } };
      // the answer itself says nothing either
      expect(body.data?.ingestAnprReads).toEqual({ created: 1, hits: null });
    };
    const m = await compare(send);
    console.log(
      `[timing] mutation: median hit ${m.hit.toFixed(1)} ms, no hit ${m.miss.toFixed(1)} ms over ${m.n} each`,
    );
    withinRatio(m);
    // the hits were made all the same, after the answers
    const deadline = Date.now() + 30_000;
    let made = 0;
    while (Date.now() < deadline) {
      made =
        (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.hits`))[0]!.n -
        hitsBefore;
      if (made >= ROUNDS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(made).toBe(ROUNDS);
  }, 600_000);

  it(`NDJSON stream: ${ROUNDS} one-line streams of each, medians within ×${MAX_RATIO}`, async () => {
    const url = new URL(ANPR_STREAM_PATH, hub.url);
    const send = async (plate: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
        body: `${JSON.stringify(read(plate))}\n`,
      });
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.at(-1)).toEqual({ done: true, lines: 1, created: 1, duplicates: 0, rejected: 0 });
    };
    const m = await compare(send);
    console.log(`[timing] stream: median hit ${m.hit.toFixed(1)} ms, no hit ${m.miss.toFixed(1)} ms over ${m.n} each`);
    withinRatio(m);
  }, 600_000);
});

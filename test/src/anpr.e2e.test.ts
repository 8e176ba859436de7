// ANPR end to end: ingest (idempotent, per-row rejection), pseudonymised storage, hotlists with live
// hits over graphql-ws, audited plate search, counts for the municipality, 28-day retention — and
// who may do what, at the gateway and at the subgraph itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor, ActorKind } from '@hub/auth';
import { plateCipher } from '@hub/anpr';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const ANTWERP = '11002';
const CAM = 'antwerpen-noorderlaan-1';
const CAM2 = 'antwerpen-boomsesteenweg-1';
const MOBILE = 'antwerpen-anpr-koffer-1';
const NOT_ANPR = 'utrecht-neude-1';
const antwerp: Actor = {
  kind: 'municipality',
  sub: 'mobiliteit-antwerpen-1',
  org: 'stad-antwerpen',
  municipality: ANTWERP,
};

const INGEST = `mutation($r: [AnprReadInput!]!) { ingestAnprReads(reads: $r) { created duplicates hits rejected { index sourceReadId reason } } }`;
let seq = 0;
/** A read observed `agoMs` before the hub's clock. */
function read(o: Record<string, unknown> = {}, agoMs = 60_000) {
  return {
    sourceReadId: `read-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    cameraId: CAM,
    observedAt: new Date(hub.clock.now().getTime() - agoMs).toISOString(),
    plate: `${String(seq).padStart(2, '0').slice(-2)}-XYZ-${String(seq % 10)}`,
    country: 'BE',
    confidence: 0.93,
    direction: 'INBOUND',
    lane: 1,
    imageRef: `s3://anpr-antwerpen/${seq}.jpg`,
    ...o,
  };
}
type IngestResult = {
  created: number;
  duplicates: number;
  hits: number;
  rejected: Array<{ index: number; sourceReadId: string; reason: string }>;
};
/** How long a new subscription may take to reach the subgraph through the gateway on a loaded machine. */
const SUBSCRIBED_MS = 5000;
const hitCount = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.hits`))[0]!.n;
/** Until the batches stored so far are matched (anpr db/match.ts runs after the answer). */
async function drained(): Promise<void> {
  const end = Date.now() + 8000;
  for (;;) {
    const [q] = await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.match_queue`);
    if (q!.n === 0) return;
    if (Date.now() > end) throw new Error('the match queue did not drain within 8 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}
/** Ingest as the police; `hits`: the hits the batch made, counted once matching ran (the answer has none). */
async function ingest(rows: unknown[]): Promise<IngestResult> {
  await drained();
  const before = await hitCount();
  const r = await hub.gql('police', INGEST, { r: rows });
  expect(r.errors).toBeUndefined();
  expect(r.data!.ingestAnprReads.hits).toBeNull();
  await drained();
  return { ...r.data!.ingestAnprReads, hits: (await hitCount()) - before };
}
const entriesOf = async (hotlistId: string) =>
  (
    await hub.stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from anpr.hotlist_entries where hotlist_id = ${hotlistId}`,
    )
  )[0]!.n;
const countReads = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.reads`))[0]!.n;
const SEARCH = `query($p: String!, $f: DateTime!, $t: DateTime!, $purpose: String!, $first: Int, $after: String) {
  anprReads(plate: $p, from: $f, to: $t, purpose: $purpose, first: $first, after: $after) {
    totalCount edges { node { id plate country confidence observedAt camera { id } hits { id } } } pageInfo { hasNextPage endCursor } } }`;
const window = () => ({
  f: new Date(hub.clock.now().getTime() - 40 * DAY).toISOString(),
  t: new Date(hub.clock.now().getTime() + DAY).toISOString(),
});

async function createHotlist(name = 'stolen vehicles', hitRetentionDays?: number) {
  const r = await hub.gql(
    'police',
    `mutation($v: DateTime!, $d: Int) { createHotlist(name: "${name}", reason: "theft reports", legalBasis: "art. 126jj Sv", validUntil: $v, hitRetentionDays: $d) { id name validUntil hitRetentionDays } }`,
    { v: new Date(hub.clock.now().getTime() + 365 * DAY).toISOString(), d: hitRetentionDays },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.createHotlist.id as string;
}
async function addEntry(hotlistId: string, plate: string, country = 'BE') {
  const r = await hub.gql(
    'police',
    `mutation($h: ID!, $p: String!, $c: String!) { addHotlistEntry(hotlistId: $h, plate: $p, country: $c, reason: "stolen") { id plate country } }`,
    {
      h: hotlistId,
      p: plate,
      c: country,
    },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.addHotlistEntry as { id: string; plate: string; country: string };
}

describe('ingest', () => {
  it('a replayed batch creates nothing new', async () => {
    const batch = [read(), read(), read({ cameraId: MOBILE })];
    const before = await countReads();
    expect(await ingest(batch)).toMatchObject({ created: 3, duplicates: 0, rejected: [] });
    expect(await ingest(batch)).toMatchObject({ created: 0, duplicates: 3, rejected: [] });
    expect(await countReads()).toBe(before + 3);
    // the same read id from another camera is another read
    expect((await ingest([{ ...batch[0], cameraId: CAM2 }])).created).toBe(1);
  });

  it('rejects bad rows with a reason and keeps the valid ones', async () => {
    const before = await countReads();
    const r = await ingest([
      read({ plate: 'AB-12-C!' }),
      read({ observedAt: new Date(hub.clock.now().getTime() + 10 * 60_000).toISOString() }),
      read({ cameraId: 'no-such-camera' }),
      read({ cameraId: NOT_ANPR }),
      read({ confidence: 1.5 }),
      read({ confidence: -0.01 }),
      read({}, 29 * DAY), // already past its retention
      read(),
      read({ observedAt: new Date(hub.clock.now().getTime() + 2 * 60_000).toISOString() }), // within the skew
      read({ cameraId: `${CAM}\u0000` }), // text the database cannot hold: this row only
      read({ imageRef: 's3://x/\ud800' }),
    ]);
    expect(r.created).toBe(2);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 9, 10]);
    expect(r.rejected.slice(7).map((x) => x.reason)).toEqual([
      expect.stringMatching(/cameraId contains NUL/),
      expect.stringMatching(/imageRef contains NUL/),
    ]);
    expect(r.rejected.slice(0, 7).map((x) => x.reason)).toEqual([
      expect.stringMatching(/malformed plate/),
      expect.stringMatching(/future/),
      expect.stringMatching(/not a known ANPR camera/),
      expect.stringMatching(/not a known ANPR camera/),
      expect.stringMatching(/confidence/),
      expect.stringMatching(/confidence/),
      expect.stringMatching(/older than the 28-day retention/),
    ]);
    expect(await countReads()).toBe(before + 2);
  });

  it('concurrent first deliveries of a new day create its partition once and store every read', async () => {
    // a day inside retention that has no partition yet (PostgreSQL: the calls race on separate connections)
    const parts = await hub.stack.database.query<{ name: string }>(
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'anpr.reads'::regclass`,
    );
    const ago = [...Array(20).keys()]
      .map((d) => (d + 5) * DAY)
      .find((a) => {
        const day = new Date(hub.clock.now().getTime() - a).toISOString().slice(0, 10).replaceAll('-', '');
        return !parts.some((p) => p.name === `reads_${day}`);
      })!;
    const before = await countReads();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ingest([read({}, ago), read({ cameraId: CAM2 }, ago)])),
    );
    expect(results.map((r) => r.created)).toEqual(Array(8).fill(2));
    expect(await countReads()).toBe(before + 16);
    const [fallen] = await hub.stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from anpr.reads_default`,
    );
    expect(fallen!.n).toBe(0); // nothing fell into the default partition
  });

  it('joined key columns share one collation, so the indexes serve hotlist matching and retention', async () => {
    // a join across collations compares in C and cannot use an index built with the default one
    const rows = await hub.stack.database.query<{ col: string; collation: string }>(
      sql`select c.relname || '.' || a.attname as col, coalesce(co.collname, '') as collation
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          left join pg_collation co on co.oid = a.attcollation
          where n.nspname = 'anpr' and (c.relname, a.attname) in
            (('reads', 'plate_hash'), ('hotlist_entries', 'plate_hash'), ('reads', 'id'), ('hits', 'read_id'), ('reads', 'camera_id'), ('cameras', 'id'))`,
    );
    const of = Object.fromEntries(rows.map((r) => [r.col, r.collation]));
    expect(of['reads.plate_hash']).toBe('C');
    expect(of['hotlist_entries.plate_hash']).toBe(of['reads.plate_hash']);
    expect(of['hits.read_id']).toBe(of['reads.id']);
    expect(of['cameras.id']).toBe(of['reads.camera_id']);
  });

  it('a read id repeated in one batch: the second is rejected, unless the first was rejected itself', async () => {
    const twice = await ingest([read({ sourceReadId: 'twice-1' }), read({ sourceReadId: 'twice-1' })]);
    expect(twice).toMatchObject({
      created: 1,
      rejected: [{ index: 1, reason: expect.stringMatching(/appears twice/) }],
    });
    const corrected = await ingest([
      read({ sourceReadId: 'fixed-1', plate: 'AB-12-C!' }),
      read({ sourceReadId: 'fixed-1' }),
    ]);
    expect(corrected).toMatchObject({
      created: 1,
      rejected: [{ index: 0, reason: expect.stringMatching(/malformed plate/) }],
    });
  });

  it('refuses an empty batch', async () => {
    expect(codes(await hub.gql('police', INGEST, { r: [] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('stores no plate in plain text: a keyed hash and a ciphertext the police read back', async () => {
    const plate = '1-PLN-007';
    await ingest([read({ plate })]);
    const rows = await hub.stack.database.query<Record<string, unknown>>(sql`select * from anpr.reads`);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('1PLN007');
    expect(dump).not.toContain('1-PLN-007');
    expect(dump).toContain(plateCipher().hash('1PLN007'));
    const s = await hub.gql('police', SEARCH, { p: '1pln 007', ...window(), purpose: 'PV 2026-001' });
    expect(s.errors).toBeUndefined();
    expect(s.data!.anprReads.edges.map((e: any) => e.node.plate)).toEqual(['1PLN007']);
    expect(s.data!.anprReads.totalCount).toBe(1);
  });
});

describe('hotlists and hits', () => {
  it('a read of a listed plate is a hit, delivered to a police client over graphql-ws through the gateway', async () => {
    const listId = await createHotlist();
    const entry = await addEntry(listId, '2-hot-123');
    expect(entry).toMatchObject({ plate: '2HOT123', country: 'BE' });
    const police = collect(
      hub.ws('police'),
      'subscription { anprHit { id observedAt camera { id } read { plate sourceless: country } hotlist { id name } entry { id plate } } }',
    );
    const municipality = collect(hub.ws(antwerp), 'subscription { anprHit { id } }');
    const pub = collect(hub.ws('public'), 'subscription { anprHit { id } }');
    // the subscriptions reach the subgraph through the gateway: give them time on a busy machine
    await new Promise((r) => setTimeout(r, SUBSCRIBED_MS));
    const r = await ingest([read({ plate: '2 HOT 123' }), read({ plate: '2-NOT-123' })]);
    expect(r).toMatchObject({ created: 2, hits: 1 });
    await waitFor(() => police.events.length + police.errors.length >= 1, 30_000, 'hit event');
    expect(police.errors).toEqual([]);
    expect(police.events[0]).toEqual({
      anprHit: {
        id: expect.any(String),
        observedAt: expect.any(String),
        camera: { id: CAM },
        read: { plate: '2HOT123', sourceless: 'BE' },
        hotlist: { id: listId, name: 'stolen vehicles' },
        entry: { id: entry.id, plate: '2HOT123' },
      },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(police.events).toHaveLength(1);
    expect(municipality.events).toHaveLength(0);
    expect(JSON.stringify(municipality.errors)).toMatch(/FORBIDDEN|Not allowed/);
    expect(pub.events).toHaveLength(0);
    police.dispose();

    const hits = await hub.gql(
      'police',
      `query { anprHits(hotlistId: "${listId}") { id read { plate } } hotlists { id entries { plate removedAt } } }`,
    );
    expect(hits.errors).toBeUndefined();
    expect(hits.data!.anprHits).toHaveLength(1);
    expect(hits.data!.hotlists.find((h: any) => h.id === listId).entries).toEqual([
      { plate: '2HOT123', removedAt: null },
    ]);

    // a removed entry matches nothing any more
    const rm = await hub.gql('police', `mutation { removeHotlistEntry(entryId: "${entry.id}") { removedAt } }`);
    expect(rm.errors).toBeUndefined();
    expect((await ingest([read({ plate: '2HOT123' })])).hits).toBe(0);
  });

  it('the ingest answer tells nobody whether a read hit a hotlist: matching runs after it; the police see the hits', async () => {
    const listId = await createHotlist('silent');
    await addEntry(listId, '7SIL777');
    const q = `mutation($r: [AnprReadInput!]!) { ingestAnprReads(reads: $r) { created hits } }`;
    const bySystem = await hub.gql('system', q, { r: [read({ plate: '7SIL777' })] });
    expect(bySystem.errors).toBeUndefined();
    expect(bySystem.data!.ingestAnprReads).toEqual({ created: 1, hits: null });
    const byPolice = await hub.gql('police', q, { r: [read({ plate: '7SIL777' })] });
    expect(byPolice.data!.ingestAnprReads).toEqual({ created: 1, hits: null });
    // the hit itself was stored for both, once matched
    await drained();
    expect((await hub.gql('police', `query { anprHits(hotlistId: "${listId}") { id } }`)).data!.anprHits).toHaveLength(
      2,
    );
  });

  it('a hit needs the same plate and country: the same characters on a plate of another country are another vehicle', async () => {
    const listId = await createHotlist('country');
    await addEntry(listId, '4CTY444', 'BE');
    expect(
      (await ingest([read({ plate: '4CTY444', country: 'DE' }), read({ plate: '4CTY444', country: 'FR' })])).hits,
    ).toBe(0);
    expect((await ingest([read({ plate: '4-CTY-444', country: 'be' })])).hits).toBe(1);
  });

  it('an expired hotlist matches nothing', async () => {
    const listId = await createHotlist('short list');
    await addEntry(listId, '3EXP999');
    await hub.stack.database.query(
      sql`update anpr.hotlists set valid_until = now() - interval '1 minute' where id = ${listId}`,
    );
    expect((await ingest([read({ plate: '3EXP999' })])).hits).toBe(0);
  });

  it('rejects malformed hotlist input', async () => {
    const listId = await createHotlist('bad input');
    const r = await hub.gql(
      'police',
      `mutation { addHotlistEntry(hotlistId: "${listId}", plate: "!!", country: "BE", reason: "x") { id } }`,
    );
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    // the country rule is ingest's: a made-up or alpha-3 code is refused there and here, and nothing is written
    for (const country of ['XX', 'BEL']) {
      const bad = await hub.gql(
        'police',
        `mutation { addHotlistEntry(hotlistId: "${listId}", plate: "1BAD234", country: "${country}", reason: "x") { id } }`,
      );
      expect(codes(bad), country).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors![0]!.message).toMatch(/ISO 3166-1 alpha-2/);
      expect((await ingest([read({ plate: '1BAD234', country })])).rejected).toEqual([
        expect.objectContaining({ reason: expect.stringMatching(/ISO 3166-1 alpha-2/) }),
      ]);
    }
    expect(await entriesOf(listId)).toBe(0);
    const past = await hub.gql(
      'police',
      `mutation { createHotlist(name: "n", reason: "r", legalBasis: "b", validUntil: "2020-01-01T00:00:00Z") { id } }`,
    );
    expect(codes(past)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('hotlist entries: one active entry per plate and country', () => {
  const ADD = `mutation($h: ID!, $p: String!, $c: String!, $r: String!) { addHotlistEntry(hotlistId: $h, plate: $p, country: $c, reason: $r) { id plate country reason removedAt } }`;
  const audited = async (action: string, id: string) =>
    (
      await hub.gql(
        'authority',
        `query { auditLog(filter: { action: "${action}", subjectId: "${id}" }) { totalCount } }`,
      )
    ).data!.auditLog.totalCount as number;

  it('adding a listed plate again (after normalisation) returns the active entry and writes nothing: one passage, one hit', async () => {
    const listId = await createHotlist('idempotent');
    const first = await hub.gql('police', ADD, { h: listId, p: '1IDM234', c: 'BE', r: 'stolen' });
    expect(first.errors).toBeUndefined();
    const entry = first.data!.addHotlistEntry;
    const again = await hub.gql('police', ADD, { h: listId, p: '1-idm-234', c: ' be', r: 'reported again' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.addHotlistEntry).toEqual(entry); // the existing entry, its first reason
    expect(await entriesOf(listId)).toBe(1);
    // concurrent first adds of a plate (separate connections on PostgreSQL) also leave one entry
    const racing = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        hub.gql('police', ADD, { h: listId, p: i % 2 ? '1RCE234' : '1-rce-234', c: 'BE', r: 'stolen' }),
      ),
    );
    expect(racing.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(racing.map((r) => r.data!.addHotlistEntry.id)).size).toBe(1);
    expect(await entriesOf(listId)).toBe(2);
    expect(await audited('anpr.hotlist.add', entry.id)).toBe(1);
    // and the database holds the rule whatever writes: a second active row is refused by the unique index
    const dup = hub.stack.database
      .query(sql`insert into anpr.hotlist_entries (id, hotlist_id, plate_hash, plate_cipher, country, reason, added_by, added_at)
      select 'dup-' || id, hotlist_id, plate_hash, plate_cipher, country, 'raw', 'sql', now() from anpr.hotlist_entries where id = ${entry.id}`);
    const refused = (await dup.then(
      () => null,
      (e: { cause?: { message?: string } }) => e,
    )) as { cause?: { message?: string } } | null;
    expect(refused?.cause?.message).toMatch(/hotlist_entries_one_active|duplicate key/);
    // the same characters on another country's plate are another vehicle: another entry
    expect((await addEntry(listId, '1IDM234', 'FR')).id).not.toBe(entry.id);

    const police = collect(hub.ws('police'), 'subscription { anprHit { id entry { id } } }');
    try {
      await new Promise((r) => setTimeout(r, SUBSCRIBED_MS));
      expect(await ingest([read({ plate: '1-IDM-234' })])).toMatchObject({ created: 1, hits: 1 });
      // hits of this list's entries only: a hit of an earlier test may be announced late on a busy machine
      const ofList = new Set(
        (
          await hub.stack.database.query<{ id: string }>(
            sql`select id from anpr.hotlist_entries where hotlist_id = ${listId}`,
          )
        ).map((r) => r.id),
      );
      const mine = () => police.events.filter((e: any) => ofList.has(e.anprHit.entry.id));
      await waitFor(() => mine().length + police.errors.length >= 1, 30_000, 'hit event');
      expect(police.errors).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
      expect(mine().map((e: any) => e.anprHit.entry.id)).toEqual([entry.id]);
    } finally {
      police.dispose(); // a failed assertion must not leave a subscriber that logs the next test's reads
    }

    // once removed, the plate may be listed anew: a new entry
    expect(
      (await hub.gql('police', `mutation { removeHotlistEntry(entryId: "${entry.id}") { id } }`)).errors,
    ).toBeUndefined();
    const relisted = await hub.gql('police', ADD, { h: listId, p: '1IDM234', c: 'BE', r: 'stolen again' });
    expect(relisted.data!.addHotlistEntry).toMatchObject({
      plate: '1IDM234',
      country: 'BE',
      reason: 'stolen again',
      removedAt: null,
    });
    expect(relisted.data!.addHotlistEntry.id).not.toBe(entry.id);
  });

  it('removing a removed entry is a CONFLICT that writes nothing; an unknown one is NOT_FOUND', async () => {
    const listId = await createHotlist('remove twice');
    const entry = await addEntry(listId, '1RMV234');
    const RM = `mutation { removeHotlistEntry(entryId: "${entry.id}") { id removedAt } }`;
    const first = await hub.gql('police', RM);
    expect(first.errors).toBeUndefined();
    const removedAt = await hub.stack.database.query<{ at: string }>(
      sql`select removed_at::text as at from anpr.hotlist_entries where id = ${entry.id}`,
    );
    for (const r of [await hub.gql('police', RM), await hub.direct('anpr', 'police', RM)])
      expect(codes(r)).toEqual(['CONFLICT']);
    expect(
      await hub.stack.database.query<{ at: string }>(
        sql`select removed_at::text as at from anpr.hotlist_entries where id = ${entry.id}`,
      ),
    ).toEqual(removedAt);
    expect(await audited('anpr.hotlist.remove', entry.id)).toBe(1);
    expect(codes(await hub.gql('police', 'mutation { removeHotlistEntry(entryId: "no-such-entry") { id } }'))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

describe('every read of hits and listed plates is logged (art. 126jj Sv)', () => {
  const LOG = `query($a: String!, $s: String!) { auditLog(filter: { action: $a, subjectId: $s }, first: 100) { edges { node { action subjectType subjectIds purpose actorKind } } } }`;
  const logged = async (action: string, subjectId: string) => {
    const r = await hub.gql('authority', LOG, { a: action, s: subjectId });
    expect(r.errors).toBeUndefined();
    return r.data!.auditLog.edges.map((e: any) => e.node);
  };

  it("anprHits, a live hit and a list's entries each leave an entry the authority reads, without the plate", async () => {
    const listId = await createHotlist('audited reads');
    const entry = await addEntry(listId, '8-AUD-888');
    const police = collect(hub.ws('police'), 'subscription { anprHit { id read { plate } } }');
    // this test's hit (an earlier test's may be announced late on a busy machine)
    const ours = () => police.events.find((e: any) => e.anprHit.read.plate === '8AUD888');
    try {
      await new Promise((r) => setTimeout(r, SUBSCRIBED_MS)); // the subscription reaches the subgraph
      expect((await ingest([read({ plate: '8AUD888' })])).hits).toBe(1);
      await waitFor(() => !!ours() || police.errors.length >= 1, 30_000, 'hit event');
      expect(police.errors).toEqual([]);
    } finally {
      police.dispose();
    }
    const hitId = ours().anprHit.id as string;
    const purpose = `hotlist ${listId} (art. 126jj Sv)`;
    // the live delivery, once: subscriptions of earlier, disposed clients are closed upstream too
    const live = await logged('anpr.hit.read', hitId);
    expect(live).toEqual([
      { action: 'anpr.hit.read', subjectType: 'AnprHit', subjectIds: [hitId], purpose, actorKind: 'police' },
    ]);

    const hits = await hub.gql(
      'police',
      `query { anprHits(hotlistId: "${listId}") { id read { plate } entry { plate } } }`,
    );
    expect(hits.errors).toBeUndefined();
    expect(hits.data!.anprHits).toEqual([{ id: hitId, read: { plate: '8AUD888' }, entry: { plate: '8AUD888' } }]);
    expect(await logged('anpr.hit.read', hitId)).toHaveLength(live.length + 1);

    const lists = await hub.gql('police', '{ hotlists { id entries { id plate } } }');
    expect(lists.errors).toBeUndefined();
    expect(lists.data!.hotlists.find((h: any) => h.id === listId).entries).toEqual([
      { id: entry.id, plate: '8AUD888' },
    ]);
    // one entry per list with entries, the list as its purpose
    expect(await logged('anpr.hotlist.read', entry.id)).toEqual([
      {
        action: 'anpr.hotlist.read',
        subjectType: 'HotlistEntry',
        subjectIds: [entry.id],
        purpose,
        actorKind: 'police',
      },
    ]);
    // the same list reached through a hit: logged too
    expect(
      (await hub.gql('police', `query { anprHits(hotlistId: "${listId}") { hotlist { entries { plate } } } }`)).errors,
    ).toBeUndefined();
    expect(await logged('anpr.hotlist.read', entry.id)).toHaveLength(2);
    expect(await logged('anpr.hit.read', hitId)).toHaveLength(live.length + 2);

    // listing hits is logged also when there are none
    const empty = await createHotlist('no hits yet');
    expect((await hub.gql('police', `query { anprHits(hotlistId: "${empty}") { id } }`)).data!.anprHits).toEqual([]);
    const all = await hub.gql(
      'authority',
      `query { auditLog(filter: { action: "anpr.hit.read" }, first: 100) { edges { node { subjectIds purpose } } } }`,
    );
    expect(all.data!.auditLog.edges.map((e: any) => e.node)).toContainEqual({
      subjectIds: [],
      purpose: `hotlist ${empty} (art. 126jj Sv)`,
    });
    expect(JSON.stringify(all.data)).not.toContain('8AUD888');
  });

  it("a list's entries are logged once per read whatever is selected of them, under the per-request bound", async () => {
    const count = async () =>
      (
        await hub.stack.database.query<{ n: number }>(
          sql`select count(*)::int as n from audit.entries where action = 'anpr.hotlist.read'`,
        )
      )[0]!.n;
    // nothing of the entries but their type selected: still a read of the list, logged once
    const listId = await createHotlist('selection');
    const entry = await addEntry(listId, '5-SEL-555');
    const typed = await hub.gql('police', '{ hotlists { id entries { __typename } } }');
    expect(typed.errors).toBeUndefined();
    expect(typed.data!.hotlists.find((h: any) => h.id === listId).entries).toEqual([{ __typename: 'HotlistEntry' }]);
    expect(await logged('anpr.hotlist.read', entry.id)).toHaveLength(1);

    // more lists with entries than one request may log (MAX_ENTRIES_PER_REQUEST, 100): reading all
    // their entries at once is refused and writes nothing, at the gateway and at the subgraph
    const many: string[] = [];
    for (let i = 0; i < 101; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, 101 - i) }, async (_, k) => {
          const id = await createHotlist(`bound ${i + k}`);
          await addEntry(id, `7-BND-${String(100 + i + k)}`);
          many.push(id);
        }),
      );
    }
    try {
      const before = await count();
      const q = '{ hotlists { id entries { id plate } } }';
      for (const r of [await hub.gql('police', q), await hub.direct('anpr', 'police', q)]) {
        expect(new Set(codes(r))).toEqual(new Set(['BAD_USER_INPUT']));
        expect(r.errors![0]!.message).toMatch(/at most 100 audit entries/);
        expect(JSON.stringify(r.data ?? null)).not.toMatch(/7BND|5SEL/); // no plate returned
      }
      expect(await count()).toBe(before);
      // the lists themselves, without their entries, are no audited read
      expect((await hub.gql('police', '{ hotlists { id } }')).errors).toBeUndefined();
      // list by list the entries are read, and logged
      const one = await hub.gql('police', `{ hotlist(id: "${many[0]}") { id entries { plate } } }`);
      expect(one.errors).toBeUndefined();
      expect(one.data!.hotlist.entries).toHaveLength(1);
      expect(await count()).toBe(before + 1);
      expect(codes(await hub.gql('police', '{ hotlist(id: "no-such-list") { id } }'))).toEqual(['NOT_FOUND']);
    } finally {
      // out of the way of later tests: expired lists are not listed (nor matched)
      await hub.stack.database.query(
        sql`update anpr.hotlists set valid_until = ${new Date(hub.clock.now().getTime() - DAY).toISOString()}::timestamptz where id = any(${`{${many.join(',')}}`}::text[])`,
      );
    }
    // back under the bound: read and logged again
    const again = await hub.gql('police', '{ hotlists { id entries { id } } }');
    expect(again.errors).toBeUndefined();
    expect(await logged('anpr.hotlist.read', entry.id)).toHaveLength(2);
  });
});

describe('plate search', () => {
  it('needs a purpose, and every search is in the audit log the authority reads', async () => {
    await ingest([
      read({ plate: '4AUD444' }),
      read({ plate: '4AUD444', cameraId: CAM2 }),
      read({ plate: '4AUD444', cameraId: MOBILE }),
    ]);
    expect(codes(await hub.gql('police', SEARCH, { p: '4AUD444', ...window(), purpose: '  ' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.gql('police', SEARCH, { p: '4AUD444', ...window(), purpose: 'ab' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.gql('police', SEARCH, { p: '#', ...window(), purpose: 'PV 1' }))).toEqual([
      'BAD_USER_INPUT',
    ]);

    const purpose = `PV 2026-${Math.random().toString(36).slice(2, 8)}`;
    const first = await hub.gql('police', SEARCH, { p: '4-aud-444', ...window(), purpose, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.anprReads.totalCount).toBe(3);
    expect(first.data!.anprReads.pageInfo.hasNextPage).toBe(true);
    const second = await hub.gql('police', SEARCH, {
      p: '4AUD444',
      ...window(),
      purpose,
      first: 2,
      after: first.data!.anprReads.pageInfo.endCursor,
    });
    expect(second.data!.anprReads.edges).toHaveLength(1);
    const none = await hub.gql('police', SEARCH, { p: '9NONE99', ...window(), purpose });
    expect(none.data!.anprReads.edges).toEqual([]);

    const log = await hub.gql(
      'authority',
      `query($a: String!) { auditLog(filter: { action: $a }, first: 100) { edges { node { action subjectType subjectIds purpose actorKind actorSub } } } }`,
      {
        a: 'anpr.search',
      },
    );
    expect(log.errors).toBeUndefined();
    const mine = log.data!.auditLog.edges.map((e: any) => e.node).filter((n: any) => n.purpose === purpose);
    expect(mine).toHaveLength(3); // both pages and the empty search
    expect(mine.every((n: any) => n.subjectType === 'AnprRead' && n.actorKind === 'police')).toBe(true);
    const ids = [...first.data!.anprReads.edges, ...second.data!.anprReads.edges].map((e: any) => e.node.id).sort();
    expect(mine.flatMap((n: any) => n.subjectIds).sort()).toEqual(ids);
    expect(JSON.stringify(log.data)).not.toContain('4AUD444');
  });
});

describe('retention', () => {
  it('deletes reads without a hit after 28 days, keeps hit reads and the counts, writes a proof the authority reads', async () => {
    const listId = await createHotlist('retention', 90);
    await addEntry(listId, '5RET555');
    const old = await ingest([
      read({ plate: '5RET555' }, 20 * DAY),
      read({ plate: '5OLD555' }, 20 * DAY),
      read({ plate: '5NEW555' }, 0),
      read({ plate: '5DRP555' }, 25 * DAY),
    ]);
    expect(old).toMatchObject({ created: 4, hits: 1 });
    const partitionOf = (agoMs: number) =>
      `reads_${new Date(hub.clock.now().getTime() - agoMs).toISOString().slice(0, 10).replaceAll('-', '')}`;
    const partitionExists = async (name: string) =>
      (
        await hub.stack.database.query(
          sql`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'anpr' and c.relname = ${name}`,
        )
      ).length === 1;
    const hitDay = partitionOf(20 * DAY);
    const quietDay = partitionOf(25 * DAY);
    expect(await partitionExists(hitDay)).toBe(true);
    expect(await partitionExists(quietDay)).toBe(true);
    // nothing landed in the default partition
    expect(
      (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from anpr.reads_default`))[0]!.n,
    ).toBe(0);
    const before = await countReads();
    const RUN =
      'mutation { runAnprRetention { id deletedCount keptWithHitCount deletedDigest batches droppedPartitions cutoff } }';
    const now = await hub.gql('police', RUN);
    expect(now.errors).toBeUndefined();
    expect(now.data!.runAnprRetention.deletedCount).toBe(0);

    hub.clock.advance(10 * DAY); // the 20-day-old reads are now 30 days old
    try {
      const r = await hub.gql('police', RUN);
      expect(r.errors).toBeUndefined();
      const proof = r.data!.runAnprRetention;
      expect(proof.deletedCount).toBeGreaterThanOrEqual(2);
      // the quiet day went as a whole partition; the day with a hit stays, minus its reads without one
      expect(proof.droppedPartitions).toBeGreaterThanOrEqual(1);
      expect(await partitionExists(quietDay)).toBe(false);
      expect(await partitionExists(hitDay)).toBe(true);
      expect(proof.keptWithHitCount).toBeGreaterThanOrEqual(1);
      expect(await countReads()).toBe(before - proof.deletedCount);
      const s = async (p: string) =>
        (await hub.gql('police', SEARCH, { p, ...window(), purpose: 'retention check' })).data!.anprReads.edges.length;
      expect(await s('5RET555')).toBe(1); // the hit keeps its read
      expect(await s('5OLD555')).toBe(0);
      expect(await s('5DRP555')).toBe(0);
      expect(await s('5NEW555')).toBe(1);

      const from = new Date(hub.clock.now().getTime() - DAY).toISOString();
      const to = new Date(hub.clock.now().getTime() + DAY).toISOString();
      const proofs = await hub.gql(
        'authority',
        `query { anprRetentionRuns(from: "${from}", to: "${to}") { id deletedCount deletedDigest } }`,
      );
      expect(proofs.errors).toBeUndefined();
      expect(proofs.data!.anprRetentionRuns.map((p: any) => p.id)).toContain(proof.id);
      const audit = await hub.gql(
        'authority',
        `query { auditLog(filter: { action: "anpr.retention", subjectId: "${proof.id}" }) { totalCount } }`,
      );
      expect(audit.data!.auditLog.totalCount).toBe(1);
      // counts survive the reads
      const counts = await hub.gql(
        antwerp,
        `query($f: DateTime!, $t: DateTime!) { anprCounts(cameraId: "${CAM}", from: $f, to: $t, bucket: DAY) { count } }`,
        window(),
      );
      expect(counts.errors).toBeUndefined();
      expect(counts.data!.anprCounts.reduce((n: number, c: any) => n + c.count, 0)).toBeGreaterThanOrEqual(3);
    } finally {
      hub.clock.advance(-10 * DAY);
    }
  });

  it("a hit, and the read it keeps, lives as long as its list's hit retention, then both go (counted in the proof)", async () => {
    const list = await createHotlist('hit retention', 40);
    const short = await createHotlist('hit retention default');
    await addEntry(list, '6KEP666');
    await addEntry(short, '6SHT666');
    expect(await ingest([read({ plate: '6KEP666' }, 20 * DAY), read({ plate: '6SHT666' }, 20 * DAY)])).toMatchObject({
      created: 2,
      hits: 2,
    });
    const RUN = 'mutation { runAnprRetention { id deletedCount hitsDeletedCount keptWithHitCount deletedDigest } }';
    const s = async (p: string) =>
      (await hub.gql('police', SEARCH, { p, ...window(), purpose: 'hit retention check' })).data!.anprReads.edges
        .length;
    const hitsOf = async (id: string) =>
      (await hub.gql('police', `query { anprHits(hotlistId: "${id}") { id } }`)).data!.anprHits.length;
    let moved = 0;
    try {
      hub.clock.advance(10 * DAY); // 30 days: past 28 for the default list, within 40 for the other
      moved += 10 * DAY;
      const first = (await hub.gql('police', RUN)).data!.runAnprRetention;
      expect(first.hitsDeletedCount).toBe(1);
      expect(await hitsOf(short)).toBe(0);
      expect(await s('6SHT666')).toBe(0); // its read had no other hit and was past 28 days
      expect(await hitsOf(list)).toBe(1);
      expect(await s('6KEP666')).toBe(1);

      hub.clock.advance(15 * DAY); // 45 days: past 40
      moved += 15 * DAY;
      const second = (await hub.gql('police', RUN)).data!.runAnprRetention;
      expect(second.hitsDeletedCount).toBe(1);
      expect(second.deletedCount).toBeGreaterThanOrEqual(1);
      expect(await hitsOf(list)).toBe(0);
      expect(await s('6KEP666')).toBe(0);
      // the police may lengthen (or shorten) a list's hit retention, audited with the reason
      const set = await hub.gql(
        'police',
        `mutation { setHotlistHitRetention(hotlistId: "${list}", hitRetentionDays: 400, reason: "case PL-77 extended") { hitRetentionDays } }`,
      );
      expect(set.data!.setHotlistHitRetention).toEqual({ hitRetentionDays: 400 });
      for (const who of ['municipality', 'authority', 'system'] as const) {
        expect(
          codes(
            await hub.gql(
              who,
              `mutation { setHotlistHitRetention(hotlistId: "${list}", hitRetentionDays: 1, reason: "x") { id } }`,
            ),
          ),
        ).toEqual(['FORBIDDEN']);
      }
      expect(
        codes(
          await hub.gql(
            'police',
            `mutation { setHotlistHitRetention(hotlistId: "${list}", hitRetentionDays: 0, reason: "x") { id } }`,
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      // a retention longer than five years, or zero days, is refused
      for (const d of [0, 5 * 365 + 1]) {
        const r = await hub.gql(
          'police',
          `mutation { createHotlist(name: "x", reason: "r", legalBasis: "b", validUntil: "2099-01-01T00:00:00Z", hitRetentionDays: ${d}) { id } }`,
        );
        expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    } finally {
      hub.clock.advance(-moved);
    }
  });
});

describe('counts', () => {
  it('the municipality counts passages of its own cameras per hour and day', async () => {
    const base = new Date(Math.floor((hub.clock.now().getTime() - 3 * DAY) / DAY) * DAY); // midnight UTC, 3 days ago
    const at = (h: number, m = 0) =>
      read({ cameraId: CAM2, observedAt: new Date(base.getTime() + h * 3_600_000 + m * 60_000).toISOString() }, 0);
    await ingest([at(1), at(1, 30), at(2), at(25)]);
    const q = `query($b: AnprBucket!, $f: DateTime!, $t: DateTime!) { anprCounts(cameraId: "${CAM2}", from: $f, to: $t, bucket: $b) { camera { id } municipality bucketStart count } }`;
    const v = { f: base.toISOString(), t: new Date(base.getTime() + 2 * DAY).toISOString() };
    const hours = await hub.gql(antwerp, q, { ...v, b: 'HOUR' });
    expect(hours.errors).toBeUndefined();
    expect(hours.data!.anprCounts).toEqual([
      {
        camera: { id: CAM2 },
        municipality: ANTWERP,
        bucketStart: new Date(base.getTime() + 3_600_000).toISOString(),
        count: 2,
      },
      {
        camera: { id: CAM2 },
        municipality: ANTWERP,
        bucketStart: new Date(base.getTime() + 2 * 3_600_000).toISOString(),
        count: 1,
      },
      {
        camera: { id: CAM2 },
        municipality: ANTWERP,
        bucketStart: new Date(base.getTime() + 25 * 3_600_000).toISOString(),
        count: 1,
      },
    ]);
    const days = await hub.gql('police', q, { ...v, b: 'DAY' });
    expect(days.data!.anprCounts.map((c: any) => c.count)).toEqual([3, 1]);
    expect(
      codes(await hub.gql('police', q, { b: 'HOUR', f: v.f, t: new Date(base.getTime() + 40 * DAY).toISOString() })),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('who sees what', () => {
  const readOnly: Record<string, string> = {
    anprReads: `query { anprReads(plate: "AB12CD", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", purpose: "PV 1") { edges { node { id } } } }`,
    hotlists: 'query { hotlists { id name } }',
    hotlist: 'query { hotlist(id: "x") { id name } }',
    anprHits: 'query { anprHits(hotlistId: "x") { id } }',
    ingest: `mutation { ingestAnprReads(reads: [{ sourceReadId: "acc-1", cameraId: "${CAM}", observedAt: "2026-01-01T00:00:00Z", plate: "AB12CD", country: "NL", confidence: 0.5 }]) { created } }`,
    createHotlist:
      'mutation { createHotlist(name: "n", reason: "r", legalBasis: "b", validUntil: "2030-01-01T00:00:00Z") { id } }',
    addHotlistEntry: 'mutation { addHotlistEntry(hotlistId: "x", plate: "AB12CD", country: "NL", reason: "r") { id } }',
    removeHotlistEntry: 'mutation { removeHotlistEntry(entryId: "x") { id } }',
    runAnprRetention: 'mutation { runAnprRetention { id } }',
  };
  const countsOf = (cam: string) =>
    `query { anprCounts(cameraId: "${cam}", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", bucket: HOUR) { count municipality bucketStart } }`;
  const outsiders: Array<ActorKind | Actor> = [
    'company',
    'citizen',
    'public',
    'municipality',
    antwerp,
    'authority',
    'system',
  ];

  it('company, citizen, public, municipality, authority and a source system get no reads, hotlists, hits, ingest or retention runs — at the gateway and at the subgraph', async () => {
    for (const who of outsiders) {
      for (const [name, q] of Object.entries(readOnly)) {
        const expected = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        if (name === 'runAnprRetention' && who === 'authority') continue; // checked below
        if (name === 'ingest' && who === 'system') continue; // its one right, checked below
        const g = await hub.gql(who, q);
        expect([name, codes(g)], JSON.stringify(who)).toEqual([name, [expected]]);
        expect(g.data?.[Object.keys(g.data ?? {})[0] ?? ''] ?? null).toBeNull();
        const d = await hub.direct('anpr', who as never, q);
        expect([name, codes(d)], JSON.stringify(who)).toEqual([name, [expected]]);
      }
    }
    expect(codes(await hub.gql('authority', readOnly.runAnprRetention!))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('anpr', 'authority', readOnly.runAnprRetention!))).toEqual(['FORBIDDEN']);
    // a source system may deliver reads (the row is rejected as too old, but the call is not refused)
    for (const r of [await hub.gql('system', readOnly.ingest!), await hub.direct('anpr', 'system', readOnly.ingest!)]) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.ingestAnprReads).toEqual({ created: 0 });
    }
  });

  it('counts: police any camera, the municipality only its own, nobody else', async () => {
    expect((await hub.gql('police', countsOf(CAM))).errors).toBeUndefined();
    expect((await hub.gql(antwerp, countsOf(CAM))).errors).toBeUndefined();
    expect((await hub.direct('anpr', antwerp, countsOf(CAM))).errors).toBeUndefined();
    // Utrecht asking for an Antwerp camera, or one that does not exist
    for (const cam of [CAM, 'no-such-camera']) {
      expect(codes(await hub.gql('municipality', countsOf(cam)))).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('anpr', 'municipality', countsOf(cam)))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('police', countsOf('no-such-camera')))).toEqual(['NOT_FOUND']);
    // a covert ANPR kit of its own municipality: the camera is not the municipality's to see, nor its counts
    expect((await hub.gql('police', countsOf(MOBILE))).errors).toBeUndefined();
    expect(codes(await hub.gql(antwerp, countsOf(MOBILE)))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('anpr', antwerp, countsOf(MOBILE)))).toEqual(['FORBIDDEN']);
    for (const who of ['company', 'citizen', 'public', 'authority', 'system'] as const) {
      const expected = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(codes(await hub.gql(who, countsOf(CAM)))).toEqual([expected]);
      expect(codes(await hub.direct('anpr', who, countsOf(CAM)))).toEqual([expected]);
    }
    // the deletion proofs: police and authority only
    const proofs = 'query { anprRetentionRuns(from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { id } }';
    expect((await hub.gql('authority', proofs)).errors).toBeUndefined();
    expect(codes(await hub.gql(antwerp, proofs))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('anpr', 'citizen', proofs))).toEqual(['FORBIDDEN']);
  });

  it('nothing the municipality can get contains the plate or its hash', async () => {
    const plate = '6SCAN66';
    const listId = await createHotlist('scan');
    await addEntry(listId, plate);
    await ingest([read({ plate, cameraId: CAM }), read({ plate, cameraId: CAM2 })]);
    const hash = plateCipher().hash(plate);
    const responses: unknown[] = [];
    const v = window();
    for (const cam of [CAM, CAM2, MOBILE]) {
      for (const b of ['HOUR', 'DAY']) {
        const q = `query($f: DateTime!, $t: DateTime!) { anprCounts(cameraId: "${cam}", from: $f, to: $t, bucket: ${b}) { camera { id } municipality bucketStart count } }`;
        const span = { f: b === 'HOUR' ? new Date(Date.parse(v.t) - 31 * DAY).toISOString() : v.f, t: v.t };
        responses.push(await hub.gql(antwerp, q, span));
        responses.push(await hub.direct('anpr', antwerp, q, span));
      }
    }
    for (const q of Object.values(readOnly)) {
      responses.push(await hub.gql(antwerp, q.replace('AB12CD', plate)));
      responses.push(await hub.direct('anpr', antwerp, q.replace('AB12CD', plate)));
    }
    responses.push(await hub.gql(antwerp, 'query { __type(name: "AnprCount") { fields { name } } }'));
    const live = collect(hub.ws(antwerp), 'subscription { anprHit { id read { plate } } }');
    await new Promise((r) => setTimeout(r, 400));
    await ingest([read({ plate })]);
    await new Promise((r) => setTimeout(r, 600));
    responses.push(live.events, live.errors);
    const dump = JSON.stringify(responses);
    expect(dump).toContain('"count"'); // it did get its counts
    // the searches echo nothing of the plate (the queries themselves are not in the responses)
    expect(dump).not.toContain(plate);
    expect(dump).not.toContain(hash);
    expect(dump.toLowerCase()).not.toMatch(/platehash|plate_cipher|imageref|s3:\/\/anpr/);
  });
});

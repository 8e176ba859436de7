// The audit trail as evidence, through the gateway and at the subgraph itself: every read
// logged (also identical concurrent reads, also a refused direct call writing nothing), free text in
// the log visible, the keyed chain with a signed head that shows a cut-off tail, verification that
// runs in batches and reports progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { headSignatureValid } from '@hub/audit';
import { playbackSecret, verifiedPlayback, verifyPlaybackUrl } from '@hub/footage';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { bootHub, codes, collect, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const INGEST =
  'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-audit-test", recordings: $r) { createdIds rejected { reason } } }';
let n = 0;
function rec(camera = 'utrecht-neude-1') {
  const end = new Date(hub.clock.now().getTime() - 3_600_000);
  return {
    sourceId: `audit-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    cameraId: camera,
    kind: 'PUBLIC_ORDER',
    startedAt: new Date(end.getTime() - 600_000).toISOString(),
    endedAt: end.toISOString(),
    storageRef: `s3://vms/audit/${n}.mp4`,
    sha256: 'ef'.repeat(32),
    sizeBytes: 2048,
  };
}
async function ingest(count: number): Promise<string[]> {
  const r = await hub.gql('police', INGEST, { r: Array.from({ length: count }, () => rec()) });
  expect(r.errors).toBeUndefined();
  return r.data!.ingestRecordings.createdIds;
}
/** Entries of an action whose purpose is `purpose`, straight from the table. */
async function entriesWith(purpose: string): Promise<Array<{ seq: number; subject_ids: string[] }>> {
  return hub.stack.database.query(
    sql`select seq::int as seq, subject_ids from audit.entries where purpose = ${purpose} order by seq`,
  );
}
const total = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from audit.entries`))[0]!.n;
/** Entries other than log-ins (a first request with a new token adds one). */
const reads = async () =>
  (
    await hub.stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from audit.entries where action <> 'auth.login'`,
    )
  )[0]!.n;

describe('every read logged', () => {
  it('four identical concurrent reads of one actor through the gateway make four entries', async () => {
    const [id] = await ingest(1);
    const purpose = `PL0900-2026-dedup-${Math.random().toString(36).slice(2, 8)}`;
    const q = `query($id: ID!) { recording(id: $id, purpose: "${purpose}") { id startedAt } }`;
    const results = await Promise.all([0, 1, 2, 3].map(() => hub.gql('police', q, { id })));
    for (const r of results) expect(r.data?.recording.id).toBe(id);
    const logged = await entriesWith(purpose);
    expect(logged).toHaveLength(4);
    for (const e of logged) expect(e.subject_ids).toEqual([id]);
  });

  it('a refused direct _entities call writes no read entry; an allowed one logs what it reads', async () => {
    const ids = await ingest(2);
    const hold = await hub.gql('police', 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }', {
      i: { recordingIds: ids, caseReference: 'PL0900-2026-entities', reason: 'robbery' },
    });
    expect(hold.errors).toBeUndefined();
    const holdId = hold.data!.placeLegalHold.id as string;
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalHold { id recordings { id } } } }';
    const reps = { r: [{ __typename: 'LegalHold', id: holdId }] };
    const before = await reads();
    for (const who of ['authority', 'municipality', 'company', 'citizen', 'public'] as const) {
      const r = await hub.direct('footage', who, q, reps);
      expect(r.data?._entities ?? [null]).toEqual([null]);
    }
    expect(await reads()).toBe(before);
    const police = await hub.direct('footage', 'police', q, reps);
    expect(police.data?._entities[0].recordings.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    const [last] = await hub.stack.database.query<{
      action: string;
      subject_ids: string[];
      actor_kind: string;
      purpose: string;
    }>(sql`select action, subject_ids, actor_kind, purpose from audit.entries order by seq desc limit 1`);
    expect({ ...last, subject_ids: [...last!.subject_ids].sort() }).toEqual({
      action: 'footage.recording.read',
      subject_ids: [...ids].sort(),
      actor_kind: 'police',
      purpose: 'legal hold PL0900-2026-entities',
    });
    expect(await reads()).toBe(before + 1);
  });

  it('a Recording reference carries no purpose: it resolves to null for everyone and logs nothing', async () => {
    const [id] = await ingest(1);
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Recording { id startedAt } } }';
    const before = await reads();
    for (const who of ['police', 'authority', 'public'] as const) {
      const r = await hub.direct('footage', who, q, { r: [{ __typename: 'Recording', id }] });
      expect(r.data?._entities ?? [null]).toEqual([null]);
    }
    expect(await reads()).toBe(before);
  });

  it('recording rows reached through a nested path with only `id` selected are logged, one entry per read', async () => {
    const ids = await ingest(2);
    const purpose = `PL0900-2026-nested-${Math.random().toString(36).slice(2, 8)}`;
    // a camera's recordings, only ids selected
    const cam = await hub.gql(
      'police',
      `{ camera(id: "utrecht-neude-1") { recordings(first: 100, purpose: "${purpose}") { edges { node { id } } } } }`,
    );
    expect(cam.errors).toBeUndefined();
    const seen = cam.data!.camera.recordings.edges.map((e: { node: { id: string } }) => e.node.id) as string[];
    expect(seen.length).toBeGreaterThan(0);
    const logged = await entriesWith(purpose);
    expect(logged).toHaveLength(1);
    expect([...logged[0]!.subject_ids].sort()).toEqual([...seen].sort());

    // a legal hold's recordings, only ids selected: the hold's case reference is the purpose
    const hold = await hub.gql('police', 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }', {
      i: { recordingIds: ids, caseReference: `${purpose}-hold`, reason: 'assault' },
    });
    expect(hold.errors).toBeUndefined();
    const list = await hub.gql('police', `{ legalHolds(caseReference: "${purpose}-hold") { id recordings { id } } }`);
    expect(list.errors).toBeUndefined();
    const mine = (list.data!.legalHolds as Array<{ id: string; recordings: Array<{ id: string }> }>).find(
      (h) => h.id === hold.data!.placeLegalHold.id,
    );
    expect(mine!.recordings.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byHold = await entriesWith(`legal hold ${purpose}-hold`);
    expect(byHold).toHaveLength(1);
    expect([...byHold[0]!.subject_ids].sort()).toEqual([...ids].sort());
  });
});

describe('a purpose on every read of footage metadata (003 §5.2.3)', () => {
  it('recording, recordings and Camera.recordings without a purpose are refused and write nothing, at the gateway and the subgraph', async () => {
    const [id] = await ingest(1);
    const before = await reads();
    const viaGateway = [
      `{ recording(id: "${id}") { id } }`,
      '{ recordings(first: 5) { edges { node { id } } } }',
      '{ camera(id: "utrecht-neude-1") { recordings(first: 5) { edges { node { id } } } } }',
    ];
    for (const q of viaGateway) expect(codes(await hub.gql('police', q)), q).toEqual(['BAD_USER_INPUT']);
    // the subgraph refuses it too (a schema error there: the argument is required)
    const atSubgraph = [
      ...viaGateway.slice(0, 2),
      '{ _entities(representations: [{ __typename: "Camera", id: "utrecht-neude-1" }]) { ... on Camera { recordings(first: 5) { edges { node { id } } } } } }',
    ];
    for (const q of atSubgraph)
      expect(codes(await hub.direct('footage', 'police', q))[0], q).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    // a null or blank purpose given as a variable: the subgraph's own check
    for (const p of [null, '', '   ']) {
      expect(
        codes(
          await hub.direct(
            'footage',
            'police',
            'query($id: ID!, $p: String!) { recording(id: $id, purpose: $p) { id } }',
            { id, p },
          ),
        )[0],
      ).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    }
    expect(await reads()).toBe(before);
  });
});

describe('free text entering the log is visible text', () => {
  const BAD = ['\u200B\u200B\u200B', '\u0001\u0002\u0003', 'PL0900\u202E-2026', 'case\u200D 12', 'case\n12'];
  it('a purpose, case reference or reason of control, bidi or zero-width characters is BAD_USER_INPUT and writes nothing (gateway and subgraph)', async () => {
    const [id] = await ingest(1);
    const before = await reads();
    for (const p of BAD) {
      const read = 'query($id: ID!, $p: String!) { recording(id: $id, purpose: $p) { id } }';
      expect(codes(await hub.gql('police', read, { id, p }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await hub.direct('footage', 'police', read, { id, p }))).toEqual(['BAD_USER_INPUT']);
      const play = 'mutation($id: ID!, $p: String!) { requestPlayback(recordingId: $id, purpose: $p) { url } }';
      expect(codes(await hub.gql('police', play, { id, p }))).toEqual(['BAD_USER_INPUT']);
      const plate =
        'query($p: String!) { anprReads(plate: "AB-123-C", from: "2026-11-20T00:00:00Z", to: "2026-11-24T00:00:00Z", purpose: $p) { edges { node { id } } } }';
      expect(codes(await hub.gql('police', plate, { p }))).toEqual(['BAD_USER_INPUT']);
      const hold = 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }';
      expect(
        codes(await hub.gql('police', hold, { i: { recordingIds: [id], caseReference: p, reason: 'robbery' } })),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(await hub.gql('police', hold, { i: { recordingIds: [id], caseReference: 'PL0900-2026-5', reason: p } })),
      ).toEqual(['BAD_USER_INPUT']);
      const list =
        'mutation($r: String!) { createHotlist(name: "audit test", reason: $r, legalBasis: "art. 126jj Sv", validUntil: "2099-01-01T00:00:00Z") { id } }';
      expect(codes(await hub.gql('police', list, { r: p }))).toEqual(['BAD_USER_INPUT']);
      // a reason no argument check looks at (a privacy mask's): the log refuses it itself, and the
      // change it would have logged is rolled back
      const mask =
        'mutation($r: String, $l: String! = "audit text") { addPrivacyMask(cameraId: "utrecht-neude-1", mask: { label: $l, polygon: [[52.0921, 5.1145], [52.0922, 5.1146], [52.0921, 5.1147]] }, reason: $r) { id } }';
      expect(codes(await hub.gql('police', mask, { r: p }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await hub.direct('cameras', 'police', mask, { r: p }))).toEqual(['BAD_USER_INPUT']);
    }
    const masks = await hub.gql('police', '{ camera(id: "utrecht-neude-1") { privacyMasks { label } } }');
    expect(masks.data!.camera.privacyMasks).not.toContainEqual({ label: 'audit text' });
    expect(await reads()).toBe(before);
    // the same change with a visible reason is made (so the refusals above were the reason's)
    const ok = await hub.gql(
      'police',
      'mutation($r: String, $l: String!) { addPrivacyMask(cameraId: "utrecht-neude-1", mask: { label: $l, polygon: [[52.0921, 5.1145], [52.0922, 5.1146], [52.0921, 5.1147]] }, reason: $r) { id } }',
      { r: 'window of a flat', l: 'audit text ok' },
    );
    expect(ok.errors).toBeUndefined();
    const removed = await hub.gql(
      'police',
      'mutation { removePrivacyMask(cameraId: "utrecht-neude-1", label: "audit text ok") { id } }',
    );
    expect(removed.errors).toBeUndefined();
    // a real purpose in another script passes and is logged as typed
    expect(
      (await hub.gql('police', 'query($id: ID!) { recording(id: $id, purpose: "案件 2026-12 ünï") { id } }', { id }))
        .errors,
    ).toBeUndefined();
    expect(await entriesWith('案件 2026-12 ünï')).toHaveLength(1);
  });
});

const HEAD = '{ auditHead { seq hash time keyId signature publicKey } }';
const VERIFY = `query($h: AuditHeadInput, $c: Boolean) { verifyAuditChain(againstHead: $h, fromCheckpoint: $c) { ok checked firstBadSeq problem detail fromSeq verifiedThroughSeq } }`;

describe('keyed chain, signed head, verification in batches', () => {
  it('the authority reads a signed head; the police read it too; nobody else', async () => {
    await ingest(1);
    const r = await hub.gql('authority', HEAD);
    expect(r.errors).toBeUndefined();
    const head = r.data!.auditHead;
    expect(head.seq).toBe(await total());
    expect(headSignatureValid(head.publicKey, head)).toBe(true);
    for (const who of ['municipality', 'company', 'citizen', 'system', 'public'] as const) {
      expect(codes(await hub.gql(who, HEAD))[0]).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(codes(await hub.direct('footage', who, HEAD))[0]).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    expect(codes(await hub.direct('footage', 'authority', HEAD))).toEqual([]);
  });

  it('verifyAuditChain(againstHead) finds the newest entries cut off, which the chain alone cannot', async () => {
    const purpose = 'PL0900-2026-truncate-test';
    const [id] = await ingest(1);
    const head = (await hub.gql('authority', HEAD)).data!.auditHead;
    const input = { seq: head.seq, hash: head.hash, time: head.time, signature: head.signature };
    expect((await hub.gql('authority', VERIFY, { h: input })).data?.verifyAuditChain).toMatchObject({
      ok: true,
      problem: null,
    });

    // two reads after the head, then an insider with table rights deletes the last three entries
    for (let i = 0; i < 2; i++)
      expect(
        (await hub.gql('police', `query($id: ID!) { recording(id: $id, purpose: "${purpose}") { id } }`, { id }))
          .errors,
      ).toBeUndefined();
    const last = await total();
    await hub.stack.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit.entries disable trigger entries_append_only`);
      await tx.execute(sql`delete from audit.entries where seq > ${last - 3}`);
      await tx.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    });
    expect((await hub.gql('authority', VERIFY)).data?.verifyAuditChain).toMatchObject({ ok: true }); // the chain alone: intact
    const cut = (await hub.gql('authority', VERIFY, { h: input })).data?.verifyAuditChain;
    expect(cut).toMatchObject({ ok: false, problem: 'TRUNCATED', firstBadSeq: last - 2 });

    // a head that was not signed by the hub is refused as such
    const forged = (await hub.gql('authority', VERIFY, { h: { ...input, seq: 1 } })).data?.verifyAuditChain;
    expect(forged).toMatchObject({ ok: false, problem: 'BAD_HEAD' });
    // a malformed hash is bad input
    expect(codes(await hub.gql('authority', VERIFY, { h: { ...input, hash: 'x' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('progress is reported; fromCheckpoint checks only what came after the last full run', async () => {
    const full = (await hub.gql('authority', VERIFY)).data!.verifyAuditChain;
    expect(full).toMatchObject({ ok: true, fromSeq: 1 });
    const progress = await hub.gql(
      'authority',
      '{ auditVerificationProgress { running checked through last { ok checked verifiedThroughSeq } lastFinishedAt } }',
    );
    expect(progress.data?.auditVerificationProgress).toMatchObject({
      running: false,
      last: { ok: true, checked: full.checked, verifiedThroughSeq: full.verifiedThroughSeq },
    });
    await ingest(1);
    const [id] = await ingest(1);
    expect(
      (
        await hub.gql('police', `query($id: ID!) { recording(id: $id, purpose: "PL0900-2026-incremental") { id } }`, {
          id,
        })
      ).errors,
    ).toBeUndefined();
    const inc = (await hub.gql('authority', VERIFY, { c: true })).data!.verifyAuditChain;
    expect(inc).toMatchObject({ ok: true, fromSeq: full.verifiedThroughSeq + 1, verifiedThroughSeq: await total() });
    expect(inc.checked).toBe((await total()) - full.verifiedThroughSeq);
    expect(codes(await hub.gql('municipality', '{ auditVerificationProgress { running } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('playback links as evidence', () => {
  it('a storage reference with its own query string is kept intact and the issued link verifies; an appended parameter does not', async () => {
    const ref = 'https://vms.example/get?bucket=utrecht&key=2026%2F12%2Fcam.mp4&recording=vendor-7';
    const r = await hub.gql('police', INGEST, { r: [{ ...rec(), storageRef: ref }] });
    const [id] = r.data!.ingestRecordings.createdIds;
    const grant = await hub.gql(
      'police',
      'mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "PL0900-2026-playback") { url } }',
      { id },
    );
    expect(grant.errors).toBeUndefined();
    const url: string = grant.data!.requestPlayback.url;
    expect(url.startsWith(`${ref}&recording=`)).toBe(true);
    expect(verifiedPlayback(playbackSecret(), url, new Date())).toMatchObject({ recordingId: id, location: ref });
    expect(verifyPlaybackUrl(playbackSecret(), `${url}&recording=another`, new Date())).toBe(false);
  });
});

describe('bounded entries per request', () => {
  it("one query reading every camera's recordings writes a few entries listing all ids, not one per camera", async () => {
    await ingest(3);
    const purpose = `PL0900-2026-bounded-${Math.random().toString(36).slice(2, 8)}`;
    const q = `{ cameras(first: 100) { edges { node { id recordings(first: 5, purpose: "${purpose}") { edges { node { id } } } } } } }`;
    const r = await hub.gql('police', q);
    expect(r.errors).toBeUndefined();
    const cams = r.data!.cameras.edges as Array<{ node: { recordings: { edges: Array<{ node: { id: string } }> } } }>;
    const read = cams.flatMap((c) => c.node.recordings.edges.map((e) => e.node.id));
    expect(cams.length).toBeGreaterThan(10);
    expect(read.length).toBeGreaterThanOrEqual(3);
    const logged = await entriesWith(purpose);
    // the first camera's read commits alone, the rest that waited meanwhile go in one entry (a loaded
    // machine may split them further; each request stays far below one entry per camera)
    expect(logged.length).toBeLessThan(cams.length / 2);
    expect(logged.flatMap((e) => e.subject_ids).sort()).toEqual([...new Set(read)].sort());
  });
});

describe('what the seeds ask to log', () => {
  const NEAR =
    '{ camerasNear(lat: 52.0926, lon: 5.1190, radiusMeters: 2000, first: 200) { source camera { id } registration { id contactName contactPhone } } }';
  it("camerasNear logs the search and every result; contact details read by the police or the authority are logged, the declarant's own reads not", async () => {
    const reg = await hub.gql(
      { kind: 'company', sub: 'audit-co', org: 'KVK-77777777' },
      `mutation { registerPrivateCamera(input: { ownerName: "Audit BV", placeType: SHOP, address: "Neude 2, Utrecht", location: { latitude: 52.0927, longitude: 5.1191 }, mounting: FIXED, purpose: "theft prevention", filmsPublicSpace: true, publicSpaceDescription: "pavement", liveView: false, retentionDays: 28, signage: true, contact: { name: "A. Udit", phone: "+31 30 7654321", email: "a@example.nl" }, municipality: "GM0344" }) { id contactName } }`,
    );
    expect(reg.errors).toBeUndefined();
    const regId = reg.data!.registerPrivateCamera.id as string;
    const contactReads = async () =>
      hub.stack.database.query<{ actor_kind: string; subject_ids: string[] }>(
        sql`select actor_kind, subject_ids from audit.entries where action = 'registrations.contact.read' and ${regId} = any(subject_ids) order by seq`,
      );
    expect(await contactReads()).toEqual([]); // the declarant's own read

    const near = await hub.gql('police', NEAR);
    expect(near.errors).toBeUndefined();
    const results = near.data!.camerasNear as Array<{
      camera: { id: string } | null;
      registration: { id: string } | null;
    }>;
    expect(results.some((c) => c.registration?.id === regId)).toBe(true);
    const [search] = await hub.stack.database.query<{ subject_ids: string[]; purpose: string }>(
      sql`select subject_ids, purpose from audit.entries where action = 'registrations.camerasNear' order by seq desc limit 1`,
    );
    expect(search!.subject_ids).toEqual(results.map((c) => c.registration?.id ?? c.camera!.id));
    expect(search!.purpose).toBe('near 52.0926,5.119 within 2000 m');
    // the three contact fields of every result: merged per request (the first read commits alone)
    const byPolice = (await contactReads()).map((e) => e.actor_kind);
    expect(byPolice.length).toBeGreaterThanOrEqual(1);
    expect(byPolice.length).toBeLessThanOrEqual(2);
    expect(new Set(byPolice)).toEqual(new Set(['police']));

    const auth = await hub.gql(
      'authority',
      'query($id: ID!) { privateCameraRegistration(id: $id) { id contactEmail } }',
      { id: regId },
    );
    expect(auth.errors).toBeUndefined();
    expect((await contactReads()).map((e) => e.actor_kind)).toEqual([...byPolice, 'authority']);
    // a refused search writes nothing (but a log-in, for a token's first use)
    const before = await reads();
    expect(codes(await hub.gql('municipality', NEAR))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('registrations', 'municipality', NEAR))).toEqual(['FORBIDDEN']);
    expect(await reads()).toBe(before);
  });
});

describe('log-ins (003 §5.2.3)', () => {
  const LOGINS = `query($s: String, $from: DateTime, $to: DateTime) { auditLog(first: 100, filter: { action: "auth.login", actorSub: $s, from: $from, to: $to }) { totalCount edges { node { actorKind actorSub subjectType subjectIds at } } } }`;
  it("a token's first use is one log-in, over HTTP or a subscription, whichever subgraph sees it; the authority lists them per actor and period", async () => {
    const agent = {
      kind: 'police' as const,
      sub: `agent-login-${Math.random().toString(36).slice(2, 8)}`,
      org: 'PZ-Test',
    };
    const from = hub.clock.now().toISOString();
    const list = async () => (await hub.gql('authority', LOGINS, { s: agent.sub, from })).data!.auditLog;
    expect((await list()).totalCount).toBe(0);

    // first use of the token: one log-in; more requests with it (other subgraphs too): none
    const token = await hub.stack.token(agent);
    const call = (query: string) => hub.post({ query }, { authorization: `Bearer ${token}` });
    expect((await call('{ cameras(first: 1) { edges { node { id } } } }')).errors).toBeUndefined();
    expect((await call('{ legalHolds(first: 1) { id } }')).errors).toBeUndefined();
    await Promise.all([0, 1, 2].map(() => call('{ hotlists { id } }')));
    const once = await list();
    expect(once.totalCount).toBe(1);
    expect(once.edges[0].node).toMatchObject({ actorKind: 'police', actorSub: agent.sub, subjectType: 'Session' });
    const session = once.edges[0].node.subjectIds[0] as string;
    expect(session).toMatch(/^[0-9a-f]{32}$/);
    // the session id is a hash: never the token itself
    expect(JSON.stringify(once)).not.toContain(token);

    // a second token (a new session) over a subscription: a second log-in
    await new Promise((r) => setTimeout(r, 1100)); // another second: another token
    const other = await hub.stack.token(agent);
    expect(other).not.toBe(token);
    const ws = createClient({
      url: hub.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${other}` },
    });
    let twice = await list();
    try {
      const sub = collect(ws, 'subscription { cameraStatusChanged(municipality: "GM0344") { status } }');
      // the subscription reaches a subgraph once established: poll the log until its log-in is there
      for (let i = 0; i < 100 && twice.totalCount < 2; i++) {
        await new Promise((r) => setTimeout(r, 200));
        twice = await list();
      }
      expect(sub.errors).toEqual([]);
      sub.dispose();
    } finally {
      await ws.dispose();
    }
    expect(twice.totalCount).toBe(2);
    expect(new Set(twice.edges.map((e: any) => e.node.subjectIds[0])).size).toBe(2);
    // the period filters: none before the first
    expect((await hub.gql('authority', LOGINS, { s: agent.sub, to: from })).data!.auditLog.totalCount).toBe(0);
    // who may list them: the authority (and the police, who read the whole log); nobody else
    for (const who of ['municipality', 'company', 'citizen', 'system'] as const)
      expect(codes(await hub.gql(who, LOGINS, { s: agent.sub }))).toEqual(['FORBIDDEN']);
  });

  const SUMMARY = `query($from: DateTime!, $to: DateTime!, $k: String, $first: Int, $after: String) {
    loginSummary(from: $from, to: $to, actorKind: $k, first: $first, after: $after) {
      totalCount edges { cursor node { actorKind actorSub orgs firstAt lastAt logins } } pageInfo { hasNextPage endCursor } } }`;
  it('the authority lists log-ins per actor and period (first, last, how many), paged; bounded periods; nobody else (003 §5.2.3)', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const officer = { kind: 'police' as const, sub: `summary-officer-${tag}`, org: 'PZ-Test' };
    const clerk = {
      kind: 'municipality' as const,
      sub: `summary-clerk-${tag}`,
      org: 'gemeente-utrecht',
      municipality: 'GM0344',
    };
    const from = new Date(hub.clock.now().getTime() - 1000);
    const logIn = async (actor: typeof officer | typeof clerk) => {
      const token = await hub.stack.token(actor);
      const r = await hub.post(
        { query: '{ cameras(first: 1) { edges { node { id } } } }' },
        { authorization: `Bearer ${token}` },
      );
      expect(r.errors).toBeUndefined();
    };
    await logIn(officer);
    await logIn(clerk);
    await new Promise((r) => setTimeout(r, 1100)); // another second: another token, another session
    const between = hub.clock.now();
    await new Promise((r) => setTimeout(r, 50));
    await logIn(officer);
    const to = new Date(hub.clock.now().getTime() + 60_000);

    type Row = { actorKind: string; actorSub: string; orgs: string[]; firstAt: string; lastAt: string; logins: number };
    const ours = (rows: Row[]) => rows.filter((r) => r.actorSub.endsWith(tag));
    const all = await hub.gql('authority', SUMMARY, { from, to, first: 100 });
    expect(all.errors).toBeUndefined();
    const rows = all.data!.loginSummary.edges.map((e: { node: Row }) => e.node) as Row[];
    expect(
      ours(rows).map((r) => ({ actorKind: r.actorKind, actorSub: r.actorSub, orgs: r.orgs, logins: r.logins })),
    ).toEqual([
      { actorKind: 'municipality', actorSub: clerk.sub, orgs: ['gemeente-utrecht'], logins: 1 },
      { actorKind: 'police', actorSub: officer.sub, orgs: ['PZ-Test'], logins: 2 },
    ]);
    const o = ours(rows).find((r) => r.actorKind === 'police')!;
    expect(Date.parse(o.firstAt)).toBeLessThan(between.getTime());
    expect(Date.parse(o.lastAt)).toBeGreaterThanOrEqual(between.getTime());
    expect(all.data!.loginSummary.totalCount).toBe(rows.length);
    // ordered by kind, then subject
    const keys = rows.map((r) => `${r.actorKind}\u0000${r.actorSub}`);
    expect(keys).toEqual([...keys].sort());

    // the period: up to `between` only the officer's first log-in; one actor kind only
    const early = await hub.gql('authority', SUMMARY, { from, to: between, k: 'police' });
    expect(ours(early.data!.loginSummary.edges.map((e: { node: Row }) => e.node))).toMatchObject([
      { actorSub: officer.sub, logins: 1 },
    ]);
    expect(early.data!.loginSummary.edges.every((e: { node: Row }) => e.node.actorKind === 'police')).toBe(true);

    // paged one actor at a time: the same rows, each once
    const paged: Row[] = [];
    let after: string | null = null;
    for (let i = 0; i < 200; i++) {
      const page: any = await hub.gql('authority', SUMMARY, { from, to, first: 1, after });
      expect(page.errors).toBeUndefined();
      paged.push(...page.data.loginSummary.edges.map((e: { node: Row }) => e.node));
      if (!page.data.loginSummary.pageInfo.hasNextPage) break;
      after = page.data.loginSummary.pageInfo.endCursor;
    }
    expect(paged).toEqual(rows);

    // bounded input: a period over a year, an empty or reversed one, an unknown kind, a forged cursor
    const year = 367 * 86_400_000;
    const bad = [
      { from, to: new Date(from.getTime() + year) },
      { from: to, to: from },
      { from, to: from },
      { from, to, k: 'nobody' },
      { from, to, after: 'not-a-cursor' },
    ];
    for (const v of bad) {
      expect(codes(await hub.gql('authority', SUMMARY, v)), JSON.stringify(v)).toEqual(['BAD_USER_INPUT']);
      expect(codes(await hub.direct('footage', 'authority', SUMMARY, v)), JSON.stringify(v)).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(
      (await hub.gql('authority', SUMMARY, { from, to: new Date(from.getTime() + 366 * 86_400_000) })).errors,
    ).toBeUndefined();

    // the authority's check alone: everybody else is refused as the policy says, at the gateway and the subgraph
    for (const who of ['police', 'municipality', 'company', 'citizen', 'system', 'public'] as const) {
      const expected = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      const g = await hub.gql(who, SUMMARY, { from, to });
      expect([who, codes(g)]).toEqual([who, [expected]]);
      expect(g.data?.loginSummary ?? null).toBeNull();
      const d = await hub.direct('footage', who, SUMMARY, { from, to });
      expect([who, codes(d)]).toEqual([who, [expected]]);
      expect(d.data?.loginSummary ?? null).toBeNull();
    }
  });
});

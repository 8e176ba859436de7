// Footage end to end: ingest, retention with a moved clock, legal holds, playback, the audit log,
// statistics, and who may do what — at the gateway and at the subgraph itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_ACTORS, type ActorKind } from '@hub/auth';
import { EMPTY_DIGEST, applyCameraRegistered, chainDigest, playbackSecret, verifyPlaybackUrl } from '@hub/footage';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const INGEST = `mutation($s: String!, $r: [RecordingInput!]!) {
  ingestRecordings(sourceSystem: $s, recordings: $r) { created duplicates rejected { index sourceId reason } createdIds } }`;
let seq = 0;
/** A recording that ended `agoMs` before the hub's clock. */
function rec(o: Record<string, unknown> = {}, agoMs = 3_600_000) {
  const end = new Date(hub.clock.now().getTime() - agoMs);
  return {
    sourceId: `src-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
    cameraId: 'utrecht-neude-1',
    kind: 'PUBLIC_ORDER',
    startedAt: new Date(end.getTime() - 600_000).toISOString(),
    endedAt: end.toISOString(),
    storageRef: `s3://vms-utrecht/2026/${seq}.mp4`,
    sha256: 'ab'.repeat(32),
    sizeBytes: 1_048_576,
    ...o,
  };
}
async function ingest(rows: unknown[], system = 'vms-utrecht') {
  const r = await hub.gql('police', INGEST, { s: system, r: rows });
  expect(r.errors).toBeUndefined();
  return r.data!.ingestRecordings as {
    created: number;
    duplicates: number;
    rejected: Array<{ index: number; reason: string }>;
    createdIds: string[];
  };
}
const countRecordings = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from footage.recordings`))[0]!.n;
const exists = async (id: string) =>
  (await hub.stack.database.query(sql`select 1 from footage.recordings where id = ${id}`)).length === 1;
const RUN = 'mutation { runRetention { id deletedCount heldBackCount deletedDigest oldestUnheldAgeSeconds batches } }';
async function runRetention() {
  const r = await hub.gql('police', RUN);
  expect(r.errors).toBeUndefined();
  return r.data!.runRetention;
}
async function withClockAhead<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  hub.clock.advance(ms);
  try {
    return await fn();
  } finally {
    hub.clock.advance(-ms);
  }
}

describe('ingest', () => {
  it("a source system delivers only under its own name and for its own municipality's cameras", async () => {
    const vms = { kind: 'system' as const, sub: 'vms-utrecht-2', org: 'gemeente-utrecht-oov', municipality: 'GM0344' };
    const q = (s: string, r: unknown[]) => hub.gql(vms, INGEST, { s, r });
    const own = await q('vms-utrecht-2', [rec(), rec({ cameraId: 'denhaag-bodycam-handhavers-1', kind: 'BODYCAM' })]);
    expect(own.errors).toBeUndefined();
    expect(own.data!.ingestRecordings.created).toBe(1);
    expect(own.data!.ingestRecordings.rejected).toEqual([
      { index: 1, sourceId: expect.any(String), reason: 'unknown camera denhaag-bodycam-handhavers-1' },
    ]);
    // under another system's name nothing goes in, so it cannot claim that system's ids first
    const before = await countRecordings();
    const other = await q('vms-utrecht', [rec()]);
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors?.[0]?.message).toMatch(/deliver recordings as vms-utrecht/);
    expect(codes(await hub.direct('footage', vms, INGEST, { s: 'vms-utrecht', r: [rec()] }))).toEqual(['FORBIDDEN']);
    expect(await countRecordings()).toBe(before);
  });

  it('a legal hold needs a real case reference and reason; a read purpose a real one', async () => {
    const [id] = (await ingest([rec()])).createdIds;
    const HOLD = 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }';
    const holds = async () =>
      (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from footage.legal_holds`))[0]!.n;
    const before = await holds();
    for (const i of [
      { caseReference: '  ', reason: 'robbery' },
      { caseReference: 'PL0900-2026-9', reason: '   ' },
    ]) {
      expect(codes(await hub.gql('police', HOLD, { i: { recordingIds: [id], ...i } }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await holds()).toBe(before);
    const audited = async () =>
      (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from audit.entries`))[0]!.n;
    const entries = await audited();
    for (const purpose of ['  ', 'x'.repeat(200_000)]) {
      const r = await hub.gql(
        'police',
        'query($p: String!) { camera(id: "utrecht-neude-1") { recordings(first: 1, purpose: $p) { totalCount } } }',
        { p: purpose },
      );
      expect(codes(r), purpose.slice(0, 5)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await audited()).toBe(entries);
    const ok = await hub.gql('police', 'query { recording(id: "' + id + '", purpose: "  PL0900-2026-9 ") { id } }');
    expect(ok.errors).toBeUndefined();
    const [last] = await hub.stack.database.query<{ purpose: string }>(
      sql`select purpose from audit.entries order by seq desc limit 1`,
    );
    expect(last!.purpose).toBe('PL0900-2026-9');
  });

  it('a replayed batch creates nothing new', async () => {
    const batch = [
      rec(),
      rec(),
      rec({
        kind: 'BODYCAM',
        cameraId: 'denhaag-bodycam-handhavers-1',
        spokenWarnings: 2,
        bodycamPurpose: 'VERBAL_AGGRESSION',
      }),
    ];
    const before = await countRecordings();
    const first = await ingest(batch);
    expect(first).toMatchObject({ created: 3, duplicates: 0, rejected: [] });
    const again = await ingest(batch);
    expect(again).toMatchObject({ created: 0, duplicates: 3, rejected: [] });
    expect(await countRecordings()).toBe(before + 3);
    // the same source id from another system is another recording
    expect((await ingest([batch[0]], 'vms-other')).created).toBe(1);
  });

  it('reports bad rows with a reason, stores the good ones, writes nothing for the bad', async () => {
    const before = await countRecordings();
    const good = rec();
    const r = await ingest([
      rec({ endedAt: new Date(hub.clock.now().getTime() - 7_200_000).toISOString() }), // end before start
      rec({ cameraId: 'no-such-camera' }),
      rec({ sha256: 'not-a-checksum' }),
      good,
      rec({ cameraId: 'utrecht-neude-1\u0000' }), // text the database cannot hold: this row only
      rec({ storageRef: 'vms://x/\ud800' }),
    ]);
    expect(r.created).toBe(1);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1, 2, 4, 5]);
    expect(r.rejected[0]!.reason).toMatch(/after startedAt/);
    expect(r.rejected[1]!.reason).toMatch(/unknown camera/);
    expect(r.rejected[2]!.reason).toMatch(/sha256/);
    expect(r.rejected[3]!.reason).toMatch(/cameraId contains NUL/);
    expect(r.rejected[4]!.reason).toMatch(/storageRef contains NUL or an unpaired surrogate/);
    expect(await countRecordings()).toBe(before + 1);
  });

  it('refuses an oversized batch and an unknown kind as a whole', async () => {
    const before = await countRecordings();
    expect(codes(await hub.gql('police', INGEST, { s: 'vms', r: Array.from({ length: 1001 }, () => rec()) }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.gql('police', INGEST, { s: 'vms', r: [rec({ kind: 'SATELLITE' })] }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await countRecordings()).toBe(before);
  });
});

describe('retention with a moved clock', () => {
  it('day 27 kept, day 29 deleted; bodycam after 4 weeks; held kept; released then deleted', async () => {
    await withClockAhead(200 * DAY, async () => runRetention()); // a clean slate: nothing earlier lingers
    const r = await ingest([
      rec({}, 0),
      rec(
        {
          kind: 'BODYCAM',
          cameraId: 'denhaag-bodycam-handhavers-1',
          spokenWarnings: 2,
          bodycamPurpose: 'VERBAL_AGGRESSION',
        },
        0,
      ),
      rec({}, 0),
      rec({}, 0),
    ]);
    const [plain, bodycam, held, heldThenReleased] = r.createdIds as [string, string, string, string];
    const hold = await hub.gql(
      'police',
      'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id active recordingCount } }',
      {
        i: {
          recordingIds: [held, heldThenReleased],
          caseReference: 'PL0900-2026-123456',
          reason: 'Street robbery at the Neude, victim filed a report',
        },
      },
    );
    expect(hold.errors).toBeUndefined();
    expect(hold.data?.placeLegalHold).toMatchObject({ active: true, recordingCount: 2 });
    const second = await hub.gql('police', 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }', {
      i: { recordingIds: [held], caseReference: 'PL0900-2026-999', reason: 'second case' },
    });

    const day27 = await withClockAhead(27 * DAY, runRetention);
    for (const id of [plain, bodycam, held, heldThenReleased]) expect(await exists(id)).toBe(true);
    expect(day27.deletedCount).toBe(0);

    const day29 = await withClockAhead(29 * DAY, runRetention);
    expect(await exists(plain)).toBe(false);
    expect(await exists(bodycam)).toBe(false);
    expect(await exists(held)).toBe(true);
    expect(await exists(heldThenReleased)).toBe(true);
    expect(day29.deletedCount).toBe(2);
    expect(day29.heldBackCount).toBe(2);
    expect(day29.deletedDigest).toBe(chainDigest(EMPTY_DIGEST, [plain, bodycam]));

    // release the first hold: heldThenReleased follows normal retention again, held stays (second hold)
    const rel = await hub.gql(
      'police',
      'mutation($id: ID!) { releaseLegalHold(id: $id, reason: "case closed") { active releasedAt } }',
      { id: hold.data?.placeLegalHold.id },
    );
    expect(rel.data?.releaseLegalHold.active).toBe(false);
    expect(
      codes(
        await hub.gql('police', 'mutation($id: ID!) { releaseLegalHold(id: $id, reason: "again") { id } }', {
          id: hold.data?.placeLegalHold.id,
        }),
      ),
    ).toEqual(['CONFLICT']);
    const after = await withClockAhead(30 * DAY, runRetention);
    expect(await exists(heldThenReleased)).toBe(false);
    expect(await exists(held)).toBe(true);
    expect(after.deletedCount).toBe(1);
    expect(after.heldBackCount).toBe(1);
    await hub.gql('police', 'mutation($id: ID!) { releaseLegalHold(id: $id, reason: "closed") { id } }', {
      id: second.data?.placeLegalHold.id,
    });
  });

  it('the retention report lists proofs and flags every unheld recording past retention (zero after a run)', async () => {
    await ingest([rec({}, 0)]);
    const report = (ms: number) =>
      withClockAhead(ms, () =>
        hub.gql(
          'authority',
          'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount violations { recordingId } proofs { deletedCount deletedDigest } } }',
          {
            f: new Date(Date.now() - 400 * DAY).toISOString(),
            t: new Date(Date.now() + 400 * DAY).toISOString(),
          },
        ),
      );
    const before = await report(40 * DAY);
    expect(before.errors).toBeUndefined();
    expect(before.data?.retentionReport.violationCount).toBeGreaterThan(0);
    await withClockAhead(40 * DAY, runRetention);
    const afterRun = await report(40 * DAY);
    expect(afterRun.data?.retentionReport.violationCount).toBe(0);
    expect(afterRun.data?.retentionReport.proofs.length).toBeGreaterThan(0);
  });
});

describe('playback', () => {
  it('police get a short-lived signed link, only with a purpose; it is audited', async () => {
    const [id] = (await ingest([rec()])).createdIds;
    const ok = await hub.gql(
      'police',
      'mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "PL0900-2026-123456 robbery Neude") { url expiresAt purpose } }',
      { id },
    );
    expect(ok.errors).toBeUndefined();
    expect(verifyPlaybackUrl(playbackSecret(), ok.data!.requestPlayback.url, new Date())).toBe(true);
    expect(new Date(ok.data!.requestPlayback.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(
      codes(
        await hub.gql('police', 'mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "") { url } }', {
          id,
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await hub.gql('police', 'mutation { requestPlayback(recordingId: "nope", purpose: "case 1") { url } }')),
    ).toEqual(['NOT_FOUND']);
    const log = await hub.gql(
      'authority',
      'query($id: String!) { auditLog(filter: { subjectId: $id, action: "footage.playback.grant" }) { edges { node { actorKind purpose } } } }',
      { id },
    );
    expect(log.data?.auditLog.edges).toEqual([
      { node: { actorKind: 'police', purpose: 'PL0900-2026-123456 robbery Neude' } },
    ]);
  });
});

describe('who sees what (gateway and subgraph)', () => {
  const range = `from: "${new Date(Date.now() - 400 * DAY).toISOString()}", to: "${new Date(Date.now() + 400 * DAY).toISOString()}"`;
  const ops: Record<string, string> = {
    recordings: '{ recordings(first: 1, purpose: "case 1") { totalCount } }',
    recording: '{ recording(id: "x", purpose: "case 1") { id } }',
    cameraRecordings: '{ camera(id: "utrecht-neude-1") { recordings(first: 1, purpose: "case 1") { totalCount } } }',
    playback: 'mutation { requestPlayback(recordingId: "x", purpose: "case 1") { url } }',
    hold: 'mutation { placeLegalHold(input: { recordingIds: ["x"], caseReference: "c", reason: "r" }) { id } }',
    // under the demo system's own name (another name is refused for a source system)
    ingest: `mutation { ingestRecordings(sourceSystem: "${DEMO_ACTORS.system.sub}", recordings: []) { created } }`,
    runRetention: 'mutation { runRetention { id } }',
    retentionReport: `{ retentionReport(${range}) { violationCount } }`,
    auditLog: '{ auditLog(first: 1) { totalCount } }',
    verifyAuditChain: '{ verifyAuditChain { ok } }',
    ownStatistics: `{ footageStatistics(municipality: "GM0344", ${range}) { month } }`,
    otherStatistics: `{ footageStatistics(municipality: "GM0518", ${range}) { month } }`,
  };
  // what each actor may do; everything else is refused
  const allowed: Record<ActorKind, string[]> = {
    police: Object.keys(ops),
    authority: ['retentionReport', 'auditLog', 'verifyAuditChain'],
    municipality: ['ownStatistics'],
    company: [],
    citizen: [],
    // a source system's credential delivers recording metadata, nothing else
    system: ['ingest'],
    public: [],
  };
  // the subgraph alone cannot resolve Camera.recordings' parent: that one is checked at the gateway only
  const subgraphOps = Object.keys(ops).filter((k) => k !== 'cameraRecordings');

  for (const who of Object.keys(allowed) as ActorKind[]) {
    it(`${who}`, async () => {
      const refusedCode = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      for (const [name, op] of Object.entries(ops)) {
        const r = await hub.gql(who, op);
        const c = codes(r);
        if (allowed[who].includes(name))
          expect(
            c.filter((x) => x === 'FORBIDDEN' || x === 'UNAUTHENTICATED'),
            `${who} ${name}`,
          ).toEqual([]);
        else expect(c, `${who} ${name} at the gateway`).toEqual([refusedCode]);
      }
      for (const name of subgraphOps) {
        if (allowed[who].includes(name)) continue;
        const r = await hub.direct('footage', who, ops[name]!);
        expect(codes(r), `${who} ${name} at the subgraph`).toEqual([refusedCode]);
      }
    });
  }

  it('the municipality statistics hold counts only, per area and month', async () => {
    const r = await hub.gql(
      'municipality',
      `{ footageStatistics(municipality: "GM0344", ${range}) { municipality area month recordings deletions holds investigations } }`,
    );
    expect(r.errors).toBeUndefined();
    const rows = r.data?.footageStatistics as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.municipality === 'GM0344' && /^\d{4}-\d{2}$/.test(String(x.month)))).toBe(true);
    expect(rows.reduce((n, x) => n + Number(x.recordings), 0)).toBeGreaterThan(0);
    expect(rows.reduce((n, x) => n + Number(x.investigations), 0)).toBeGreaterThan(0);
  });
});

describe('covert cameras in the statistics', () => {
  const range = 'from: "2024-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z"';
  type Counts = { recordings: number; holds: number; investigations: number };
  const totals = async () => {
    const r = await hub.gql(
      'municipality',
      `{ footageStatistics(municipality: "GM0344", ${range}) { recordings holds investigations } }`,
    );
    expect(r.errors).toBeUndefined();
    return (r.data?.footageStatistics as Counts[]).reduce<Counts>(
      (t, x) => ({
        recordings: t.recordings + x.recordings,
        holds: t.holds + x.holds,
        investigations: t.investigations + x.investigations,
      }),
      { recordings: 0, holds: 0, investigations: 0 },
    );
  };
  const camera = (id: string) => ({
    id,
    name: 'Observation post',
    kind: 'FLEXIBLE',
    street: 'Neude',
    municipality: 'GM0344',
    areaId: 'utrecht-binnenstad',
    location: { latitude: 52.0926, longitude: 5.119 },
    covert: true,
  });
  const registerCovert = async (id: string) => {
    const reg = await hub.gql(
      'police',
      'mutation($i: RegisterCameraInput!) { registerCamera(input: $i) { id covert } }',
      { i: camera(id) },
    );
    expect(reg.data?.registerCamera).toEqual({ id, covert: true });
  };

  it('an upgraded replica that learns a camera is covert takes its counts back out (recordings, holds, investigations)', async () => {
    const id = `covert-upgrade-${Math.random().toString(36).slice(2, 7)}`;
    await registerCovert(id);
    const inReplica = async () =>
      (
        await hub.stack.database.query<{ covert: boolean }>(sql`select covert from footage.cameras where id = ${id}`)
      )[0];
    for (let t = Date.now(); !(await inReplica()) && Date.now() - t < 8000;)
      await new Promise((r) => setTimeout(r, 100));
    // the state before migration 0001's replay: the replica does not know the camera is covert
    await hub.stack.database.query(sql`update footage.cameras set covert = false where id = ${id}`);
    const before = await totals();
    const created = await ingest([rec({ cameraId: id })]);
    const hold = await hub.gql('police', 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }', {
      i: { recordingIds: created.createdIds, caseReference: 'PL0900-2026-78', reason: 'observation' },
    });
    expect(hold.errors).toBeUndefined();
    expect(await totals()).toEqual({
      recordings: before.recordings + 1,
      holds: before.holds + 1,
      investigations: before.investigations + 1,
    });
    // the replayed cameraRegistered event
    const c = camera(id);
    await hub.stack.database.db.transaction((tx) =>
      applyCameraRegistered(tx, {
        id,
        municipality: c.municipality,
        areaId: c.areaId,
        kind: c.kind,
        latitude: c.location.latitude,
        longitude: c.location.longitude,
        covert: true,
      }),
    );
    expect(await totals()).toEqual(before);
    expect(
      await hub.stack.database.query(sql`select 1 from footage.recordings where camera_id = ${id} and not covert`),
    ).toEqual([]);
  });

  it("a covert camera's recordings and holds are not counted for the municipality (they would reveal it)", async () => {
    const covertId = `covert-neude-${Math.random().toString(36).slice(2, 7)}`;
    await registerCovert(covertId);
    // the footage replica learns of the camera through the outbox: until then the camera is unknown
    let created: { created: number; createdIds: string[] } = { created: 0, createdIds: [] };
    const deadline = Date.now() + 8000;
    while (created.created === 0 && Date.now() < deadline) {
      const before = await totals();
      created = await ingest([rec({ cameraId: covertId })]);
      if (created.created === 1) {
        expect(await totals()).toEqual(before);
        const hold = await hub.gql(
          'police',
          'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }',
          {
            i: { recordingIds: created.createdIds, caseReference: 'PL0900-2026-77', reason: 'covert observation' },
          },
        );
        expect(hold.errors).toBeUndefined();
        expect(await totals()).toEqual(before);
        // a public camera's recording in the same area still counts
        expect((await ingest([rec()])).created).toBe(1);
        expect((await totals()).recordings).toBe(before.recordings + 1);
      } else await new Promise((r) => setTimeout(r, 200));
    }
    expect(created.created).toBe(1);
  });
});

describe('made-up cursors', () => {
  it('are BAD_USER_INPUT on every paged query of this subgraph, not a server error', async () => {
    const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const after of [cursor(['x', 'y']), cursor([1, 2]), cursor(['2026-11-24T00:00:00Z'])]) {
      expect(
        codes(
          await hub.gql(
            'police',
            'query($a: String) { recordings(first: 5, after: $a, purpose: "case 1") { totalCount } }',
            { a: after },
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await hub.gql(
            'police',
            'query($a: String) { camera(id: "utrecht-neude-1") { recordings(first: 5, after: $a, purpose: "case 1") { totalCount } } }',
            { a: after },
          ),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await hub.gql('authority', 'query($a: String) { auditLog(first: 5, after: $a) { totalCount } }', {
            a: after,
          }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('audit log', () => {
  it('reads, holds, playback and retention runs are logged; tampering in SQL is found at that entry', async () => {
    const [id] = (await ingest([rec()])).createdIds;
    await hub.gql('police', `{ recording(id: "${id}", purpose: "check") { id } }`);
    const verify = () => hub.gql('authority', '{ verifyAuditChain { ok checked firstBadSeq problem } }');
    const ok = await verify();
    expect(ok.data?.verifyAuditChain).toMatchObject({ ok: true, firstBadSeq: null });
    const actions = await hub.gql('authority', '{ auditLog(first: 100) { edges { node { seq action } } } }');
    const seen = new Set(
      (actions.data?.auditLog.edges as Array<{ node: { action: string } }>).map((e) => e.node.action),
    );
    for (const a of [
      'footage.recording.read',
      'footage.hold.place',
      'footage.hold.release',
      'footage.playback.grant',
      'footage.retention.run',
    ])
      expect(seen).toContain(a);

    const target = (actions.data?.auditLog.edges as Array<{ node: { seq: number } }>)[3]!.node.seq;
    const db = hub.stack.database.db;
    await db.execute(sql`alter table audit.entries disable trigger user`);
    try {
      await db.execute(sql`update audit.entries set purpose = 'nothing to see' where seq = ${target}`);
      expect((await verify()).data?.verifyAuditChain).toMatchObject({
        ok: false,
        firstBadSeq: target,
        problem: 'ALTERED',
      });
    } finally {
      await db.execute(sql`alter table audit.entries enable trigger user`);
    }
    expect(codes(await hub.gql('police', '{ verifyAuditChain { ok } }'))).toEqual([]);
    // the table refuses changes while its trigger is on
    await expect(db.execute(sql`delete from audit.entries where seq = ${target}`)).rejects.toThrow();
  });
});

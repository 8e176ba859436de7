// Antwerp and Belgian law end to end (004): a police camera on a new location or of a new type becomes
// active only after the council approved it; the police's access to a third party's camera is a grant
// with scope and period, enforced where the footage is. Who may record and read them, at the gateway and
// in the subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { demoMunicipalityActor } from '@hub/auth';
import { announceGrants } from '@hub/cameras';
import { bootHub, codes, DAY, type GqlResult, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const ANTWERP = demoMunicipalityActor('11002');
const REGISTER =
  'mutation($i: RegisterCameraInput!) { registerCamera(input: $i) { id status operator councilApproval { required covered reason typeApproval { reference } locationApproval { reference } } } }';
const STATUS = 'mutation($id: ID!, $s: CameraStatus!) { setCameraStatus(id: $id, status: $s) { id status } }';
const APPROVE =
  'mutation($i: RecordCouncilApprovalInput!) { recordCouncilApproval(input: $i) { id reference decidedAt cameraKinds locations { label radiusMeters } } }';
const APPROVALS = 'query($m: String!) { councilApprovals(municipality: $m) { reference cameraKinds } }';
const GRANT =
  'mutation($i: GrantCameraAccessInput!) { grantCameraAccess(input: $i) { id thirdParty scope validFrom validUntil active camera { id operator } } }';
const GRANTS = 'query($c: ID) { cameraAccessGrants(cameraId: $c) { id scope active revokedAt } }';
const REVOKE = 'mutation($id: ID!) { revokeCameraAccess(id: $id, reason: "protocol ended") { id active revokedAt } }';

const kiel = { latitude: 51.1935, longitude: 4.3929 };
const camera = (id: string, o: Record<string, unknown> = {}) => ({
  id,
  name: id,
  kind: 'FIXED',
  location: kiel,
  street: 'Kielpark',
  municipality: '11002',
  ...o,
});

describe('council approval before a police camera is active (004)', () => {
  it('a new location is refused ACTIVE until the council approved it; OFFLINE meanwhile, then activated', async () => {
    const refused = await hub.gql('police', REGISTER, { i: camera('antwerpen-kielpark-1') });
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toMatch(/location .*004/);
    const offline = await hub.gql('police', REGISTER, { i: camera('antwerpen-kielpark-1', { status: 'OFFLINE' }) });
    expect(offline.data!.registerCamera).toMatchObject({
      status: 'OFFLINE',
      operator: 'POLICE',
      councilApproval: { required: true, covered: false },
    });
    expect(codes(await hub.gql('police', STATUS, { id: 'antwerpen-kielpark-1', s: 'ACTIVE' }))).toEqual(['CONFLICT']);

    // the city records its council's decision; a decision not yet taken cannot be recorded
    const future = new Date(hub.clock.now().getTime() + DAY).toISOString();
    expect(
      codes(
        await hub.gql(ANTWERP, APPROVE, {
          i: {
            municipality: '11002',
            reference: 'GR 2026/77',
            decidedAt: future,
            locations: [{ label: 'Kielpark', ...kiel, radiusMeters: 150 }],
          },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const decidedAt = new Date(hub.clock.now().getTime() - 60_000).toISOString();
    const input = {
      municipality: '11002',
      reference: 'GR 2026/77',
      decidedAt,
      locations: [{ label: 'Kielpark', ...kiel, radiusMeters: 150 }],
    };
    const a = await hub.gql(ANTWERP, APPROVE, { i: input });
    expect(a.errors).toBeUndefined();
    expect((await hub.gql(ANTWERP, APPROVE, { i: input })).data!.recordCouncilApproval.id).toBe(
      a.data!.recordCouncilApproval.id,
    ); // a retry
    expect(codes(await hub.gql(ANTWERP, APPROVE, { i: { ...input, locations: [], cameraKinds: ['FIXED'] } }))).toEqual([
      'CONFLICT',
    ]);

    const on = await hub.gql('police', STATUS, { id: 'antwerpen-kielpark-1', s: 'ACTIVE' });
    expect(on.data!.setCameraStatus.status).toBe('ACTIVE');
    const cam = await hub.gql(
      'police',
      '{ camera(id: "antwerpen-kielpark-1") { councilApproval { covered typeApproval { reference } locationApproval { reference } } } }',
    );
    expect(cam.data!.camera.councilApproval).toEqual({
      covered: true,
      typeApproval: { reference: 'Gemeenteraad Antwerpen 2019/demo-1 (camera types)' },
      locationApproval: { reference: 'GR 2026/77' },
    });
  });

  it('a new camera type needs its own approval, even on an approved location; a Dutch camera, a police building and a third party are outside the rule', async () => {
    const heli = await hub.gql('police', REGISTER, { i: camera('antwerpen-heli-1', { kind: 'HELICOPTER' }) });
    expect(codes(heli)).toEqual(['CONFLICT']);
    expect(heli.errors![0]!.message).toMatch(/type HELICOPTER/);
    expect(
      (await hub.gql('police', REGISTER, { i: camera('antwerpen-cel-9', { kind: 'BUILDING' }) })).data!.registerCamera
        .councilApproval,
    ).toMatchObject({ required: false });
    expect(
      (await hub.gql('police', REGISTER, { i: camera('antwerpen-winkel-1', { operator: 'THIRD_PARTY' }) })).data!
        .registerCamera,
    ).toMatchObject({ status: 'ACTIVE', councilApproval: { required: false } });
    const utrecht = await hub.gql('police', REGISTER, {
      i: { ...camera('utrecht-nieuw-1'), municipality: 'GM0344', location: { latitude: 52.09, longitude: 5.12 } },
    });
    expect(utrecht.data!.registerCamera).toMatchObject({ status: 'ACTIVE', councilApproval: { required: false } });
    // and the council's approval is Belgian: not recorded for a Dutch municipality
    expect(
      codes(
        await hub.gql('police', APPROVE, {
          i: {
            municipality: 'GM0344',
            reference: 'x-1',
            decidedAt: new Date(hub.clock.now().getTime() - 1000).toISOString(),
            cameraKinds: ['FIXED'],
          },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('the municipality records and reads its own council approvals; the authority reads; others are refused', async () => {
    expect(
      (await hub.gql(ANTWERP, APPROVALS, { m: '11002' })).data!.councilApprovals.map((a: any) => a.reference),
    ).toContain('GR 2026/77');
    expect(
      (await hub.gql('authority', APPROVALS, { m: '11002' })).data!.councilApprovals.length,
    ).toBeGreaterThanOrEqual(3);
    expect((await hub.gql('municipality', APPROVALS, { m: '11002' })).data!.councilApprovals).toEqual([]);
    const i = {
      municipality: '11002',
      reference: 'GR hostile',
      decidedAt: new Date(hub.clock.now().getTime() - 1000).toISOString(),
      cameraKinds: ['HELICOPTER'],
    };
    expect(codes(await hub.gql('municipality', APPROVE, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', 'municipality', APPROVE, { i }))).toEqual(['FORBIDDEN']);
    for (const who of ['authority', 'company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, APPROVE, { i })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, APPROVE, { i })), who).toEqual(['FORBIDDEN']);
    }
    for (const who of ['company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, APPROVALS, { m: '11002' })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, APPROVALS, { m: '11002' })), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', APPROVALS, { m: '11002' }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe("police access to a third party's camera (004)", () => {
  it('a grant with scope and period, active within it (moved clock), revoked; only for a third party’s camera', async () => {
    const from = hub.clock.now();
    const until = new Date(from.getTime() + 30 * DAY);
    const g = await hub.gql('police', GRANT, {
      i: {
        cameraId: 'antwerpen-winkel-1',
        thirdParty: 'Winkelcentrum Kiel',
        scope: ['LIVE_VIEW'],
        validFrom: from.toISOString(),
        validUntil: until.toISOString(),
        reference: 'protocol 2026-12',
      },
    });
    expect(g.errors).toBeUndefined();
    expect(g.data!.grantCameraAccess).toMatchObject({
      thirdParty: 'Winkelcentrum Kiel',
      scope: ['LIVE_VIEW'],
      active: true,
      camera: { id: 'antwerpen-winkel-1', operator: 'THIRD_PARTY' },
    });
    const id = g.data!.grantCameraAccess.id;
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(new Date(until.getTime() + 1000));
      expect((await hub.gql('police', GRANTS, { c: 'antwerpen-winkel-1' })).data!.cameraAccessGrants).toEqual([
        { id, scope: ['LIVE_VIEW'], active: false, revokedAt: null },
      ]);
    } finally {
      hub.clock.set(new Date(base));
    }
    const r = await hub.gql('police', REVOKE, { id });
    expect(r.data!.revokeCameraAccess).toMatchObject({ id, active: false, revokedAt: expect.any(String) });
    expect(codes(await hub.gql('police', REVOKE, { id }))).toEqual(['CONFLICT']);
    // not for a police camera, not open-ended
    const own = await hub.gql('police', GRANT, {
      i: {
        cameraId: 'antwerpen-kielpark-1',
        thirdParty: 'x',
        scope: ['RECORDINGS'],
        validFrom: from.toISOString(),
        validUntil: until.toISOString(),
        reference: 'x',
      },
    });
    expect(codes(own)).toEqual(['BAD_USER_INPUT']);
    const long = await hub.gql('police', GRANT, {
      i: {
        cameraId: 'antwerpen-winkel-1',
        thirdParty: 'x',
        scope: ['RECORDINGS'],
        validFrom: from.toISOString(),
        validUntil: new Date(from.getTime() + 6 * 366 * DAY).toISOString(),
        reference: 'x',
      },
    });
    expect(codes(long)).toEqual(['BAD_USER_INPUT']);
  });

  it('the municipality and the authority read the grants; only the police record them; others see nothing', async () => {
    expect((await hub.gql(ANTWERP, GRANTS, { c: 'antwerpen-winkel-1' })).data!.cameraAccessGrants).toHaveLength(1);
    expect((await hub.gql('authority', GRANTS, { c: 'antwerpen-winkel-1' })).data!.cameraAccessGrants).toHaveLength(1);
    expect((await hub.gql('municipality', GRANTS, { c: 'antwerpen-winkel-1' })).data!.cameraAccessGrants).toEqual([]);
    const i = {
      cameraId: 'antwerpen-winkel-1',
      thirdParty: 'x',
      scope: ['LIVE_VIEW'],
      validFrom: hub.clock.now().toISOString(),
      validUntil: new Date(hub.clock.now().getTime() + DAY).toISOString(),
      reference: 'x',
    };
    for (const who of [ANTWERP, 'authority', 'company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, GRANT, { i })), JSON.stringify(who)).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, GRANT, { i })), JSON.stringify(who)).toEqual(['FORBIDDEN']);
    }
    for (const who of ['company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, GRANTS, { c: 'antwerpen-winkel-1' })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, GRANTS, { c: 'antwerpen-winkel-1' })), who).toEqual(['FORBIDDEN']);
    }
    // the public register shows who runs a camera, not its grants
    expect(
      codes(await hub.gql('public', '{ camera(id: "antwerpen-winkel-1") { operator accessGrants { id } } }')),
    ).toEqual(['UNAUTHENTICATED']);
    expect((await hub.gql('public', '{ camera(id: "antwerpen-winkel-1") { operator } }')).data!.camera.operator).toBe(
      'THIRD_PARTY',
    );
  });
});

describe("a third party's footage reaches the police only under a grant (004)", () => {
  const CAM = 'antwerpen-garage-1';
  const HOUR = 3_600_000;
  const PURPOSE = 'PV-ANT-2026-004 burglary';
  const INGEST =
    'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-derden-antwerpen", recordings: $r) { created rejected { reason } createdIds } }';
  const LIST = `query($c: ID!) { recordings(filter: { cameraId: $c }, purpose: "${PURPOSE}", first: 50) { totalCount edges { node { id } } } }`;
  const CAMERA_RECORDINGS = `query($c: ID!, $from: DateTime!, $to: DateTime!) { camera(id: $c) { id recordings(from: $from, to: $to, purpose: "${PURPOSE}") { totalCount edges { node { id } } } } }`;
  const ONE = `query($id: ID!) { recording(id: $id, purpose: "${PURPOSE}") { id startedAt } }`;
  const PLAY = `mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "${PURPOSE}") { recordingId url } }`;
  const HOLD =
    'mutation($ids: [ID!]!) { placeLegalHold(input: { recordingIds: $ids, caseReference: "PV-ANT-2026-004", reason: "burglary" }) { id recordings { id } } }';
  const HOLD_RECORDINGS =
    'query { legalHolds(caseReference: "PV-ANT-2026-004") { id recordingCount recordings { id } } }';
  const MARK =
    'mutation($id: ID!) { markWasteViolation(recordingId: $id, reason: "waste beside the container") { id } }';
  const FILE = 'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id status } }';
  const REVIEW =
    'mutation($id: ID!, $a: RequestReviewAction!) { reviewFootageRequest(id: $id, action: $a) { id status } }';
  const REQUEST = 'query($id: ID!) { footageRequest(id: $id) { status holdStatus recordingCount recordings { id } } }';

  let t0: Date;
  let before: string; // recorded before the RECORDINGS grant's period
  let inside: string; // recorded within it
  let grantId: string;

  const at = (ms: number) => new Date(t0.getTime() + ms);
  const rec = (sourceId: string, start: Date, end: Date) => ({
    sourceId,
    cameraId: CAM,
    kind: 'PUBLIC_ORDER',
    startedAt: start.toISOString(),
    endedAt: end.toISOString(),
    storageRef: `s3://derden/antwerpen/${sourceId}.mp4`,
    sha256: 'cd'.repeat(32),
    sizeBytes: 2048,
  });
  /** Ingest, waiting for the camera to reach footage's replica (an event). */
  async function ingest(r: ReturnType<typeof rec>): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const res = await hub.gql('police', INGEST, { r: [r] });
      expect(res.errors).toBeUndefined();
      if (res.data!.ingestRecordings.created === 1) return res.data!.ingestRecordings.createdIds[0];
      await new Promise((ok) => setTimeout(ok, 300));
    }
    throw new Error(`footage never learnt camera ${CAM}`);
  }
  /** Repeat a read until it answers as expected: a grant change reaches footage as an event. */
  async function eventually(check: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((ok) => setTimeout(ok, 300));
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  const listed = async (via: 'gateway' | 'direct') => {
    const r =
      via === 'gateway'
        ? await hub.gql('police', LIST, { c: CAM })
        : await hub.direct('footage', 'police', LIST, { c: CAM });
    expect(r.errors, via).toBeUndefined();
    return {
      ids: r.data!.recordings.edges.map((e: any) => e.node.id).sort(),
      total: r.data!.recordings.totalCount,
    };
  };
  /** The camera's recordings in a window through the gateway (the hot, prepared path). */
  const windowed = async () => {
    const r = await hub.gql('police', CAMERA_RECORDINGS, {
      c: CAM,
      from: at(-2 * DAY).toISOString(),
      to: at(5 * DAY).toISOString(),
    });
    expect(r.errors).toBeUndefined();
    return r.data!.camera.recordings.edges.map((e: any) => e.node.id).sort();
  };
  /** Hidden: the same answers as for a recording that does not exist, at the gateway and in the subgraph. */
  async function expectHidden(id: string) {
    const missing = `no-such-recording-${id.slice(0, 8)}`;
    for (const via of ['gateway', 'direct'] as const) {
      const call = (q: string, v: Record<string, unknown>) =>
        via === 'gateway' ? hub.gql('police', q, v) : hub.direct('footage', 'police', q, v);
      const sameAsMissing = async (q: string, v: (x: string) => Record<string, unknown>) => {
        const hidden: GqlResult = await call(q, v(id));
        const none: GqlResult = await call(q, v(missing));
        expect(codes(hidden), `${via} ${q}`).toEqual(['NOT_FOUND']);
        expect(codes(none), `${via} ${q}`).toEqual(['NOT_FOUND']);
        expect(hidden.errors![0]!.message.replace(id, 'X')).toBe(none.errors![0]!.message.replace(missing, 'X'));
        expect(hidden.data ?? null).toEqual(none.data ?? null);
      };
      await sameAsMissing(ONE, (x) => ({ id: x }));
      await sameAsMissing(PLAY, (x) => ({ id: x }));
      await sameAsMissing(HOLD, (x) => ({ ids: [x] }));
      await sameAsMissing(MARK, (x) => ({ id: x }));
      expect((await listed(via)).ids, via).not.toContain(id);
    }
  }
  const audited = async (id: string, action: string) =>
    hub.stack.database.query<{ purpose: string }>(
      sql`select purpose from audit.entries where action = ${action} and ${id} = any(subject_ids) order by seq`,
    );
  /**
   * A police report's footage request over the window, approved: the approval secures what the
   * approver may hold (requests → footage, events). Returns the request once footage answered.
   */
  async function approvedRequest(reportNumber: string, windowStart: Date, windowEnd: Date) {
    const filed = await hub.gql('police', FILE, {
      i: {
        kind: 'POLICE_REPORT',
        reportNumber,
        cameraIds: [CAM],
        windowStart: windowStart.toISOString(),
        windowEnd: windowEnd.toISOString(),
        place: 'Garage Kiel, Antwerpen',
        description: 'Burglary of a parked van; the garage owner reported it',
      },
    });
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileFootageRequest.id;
    for (const a of ['START_REVIEW', 'APPROVE'])
      expect((await hub.gql('police', REVIEW, { id, a })).errors, a).toBeUndefined();
    let req: any;
    await eventually(async () => {
      req = (await hub.gql('police', REQUEST, { id })).data!.footageRequest;
      return req.holdStatus !== 'PENDING';
    }, 'the hold answer from footage');
    return req;
  }
  const registered = async () => {
    const r = await hub.gql('police', REGISTER, { i: camera(CAM, { operator: 'THIRD_PARTY', street: 'Garage Kiel' }) });
    expect(r.data!.registerCamera).toMatchObject({ operator: 'THIRD_PARTY', status: 'ACTIVE' });
  };

  it('without a grant (or with a LIVE_VIEW one, or one not yet valid) the footage is as missing', async () => {
    t0 = hub.clock.now();
    await registered();
    before = await ingest(rec('garage-before', at(-2 * HOUR), at(-HOUR)));
    expect(await listed('gateway')).toEqual({ ids: [], total: 0 });
    await expectHidden(before);

    // a grant to watch live is no grant to obtain recordings; one for recordings starts in an hour
    const live = await hub.gql('police', GRANT, {
      i: {
        cameraId: CAM,
        thirdParty: 'Garage Kiel bv',
        scope: ['LIVE_VIEW'],
        validFrom: at(-DAY).toISOString(),
        validUntil: at(3 * DAY).toISOString(),
        reference: 'protocol garage live',
      },
    });
    expect(live.errors).toBeUndefined();
    const g = await hub.gql('police', GRANT, {
      i: {
        cameraId: CAM,
        thirdParty: 'Garage Kiel bv',
        scope: ['RECORDINGS'],
        validFrom: at(HOUR).toISOString(),
        validUntil: at(3 * DAY).toISOString(),
        reference: 'protocol garage 2026/9',
      },
    });
    expect(g.errors).toBeUndefined();
    grantId = g.data!.grantCameraAccess.id;
    // the grants are in footage's replica (an event), and still nothing is served
    await eventually(
      async () =>
        (await hub.stack.database.query(sql`select 1 from footage.access_grants where camera_id = ${CAM}`)).length ===
        2,
      'the grants in the footage replica',
    );
    await expectHidden(before);
    expect(await windowed()).toEqual([]);
    // an approved request secures nothing of it: as if no footage existed (EXPIRED, nothing to hold)
    expect(await approvedRequest('PL-ANT-2026-004-1', at(-3 * HOUR), at(-30 * 60_000))).toMatchObject({
      status: 'EXPIRED',
      holdStatus: 'NOT_FOUND',
      recordingCount: 0,
    });
  });

  it('within the grant: the recordings made in its period, read, played back and secured, each audited naming the grant', async () => {
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(at(DAY));
      inside = await ingest(rec('garage-inside', at(DAY - 2 * HOUR), at(DAY - HOUR)));
      for (const via of ['gateway', 'direct'] as const) {
        // recorded before the grant's period: not under it, though the grant is active now (domain/grants.ts)
        expect(await listed(via), via).toEqual({ ids: [inside], total: 1 });
      }
      expect(await windowed()).toEqual([inside]);
      await expectHidden(before);
      const one = await hub.direct('footage', 'police', ONE, { id: inside });
      expect(one.data!.recording.id).toBe(inside);
      const play = await hub.gql('police', PLAY, { id: inside });
      expect(play.data!.requestPlayback).toMatchObject({ recordingId: inside, url: expect.any(String) });
      const hold = await hub.gql('police', HOLD, { ids: [inside] });
      expect(hold.errors).toBeUndefined();
      expect(hold.data!.placeLegalHold.recordings).toEqual([{ id: inside }]);

      const named = `[under access grant ${grantId}: protocol garage 2026/9]`;
      const reads = await audited(inside, 'footage.recording.read');
      expect(reads.length).toBeGreaterThanOrEqual(4);
      for (const e of reads) expect(e.purpose).toContain(named);
      expect(await audited(inside, 'footage.playback.grant')).toEqual([{ purpose: `${PURPOSE} ${named}` }]);
      expect(await audited(inside, 'footage.hold.place')).toEqual([{ purpose: `PV-ANT-2026-004: burglary ${named}` }]);

      // an approved request over both recordings secures the one under the grant, and names it
      const req = await approvedRequest('PL-ANT-2026-004-2', at(-3 * HOUR), at(DAY - 30 * 60_000));
      expect(req).toMatchObject({ holdStatus: 'PLACED', recordingCount: 1, recordings: [{ id: inside }] });
      const holds = await audited(inside, 'footage.hold.place');
      expect(holds).toHaveLength(2);
      expect(holds[1]!.purpose).toContain(named);
    } finally {
      hub.clock.set(new Date(base));
    }
  });

  it('after the grant expires the footage is as missing again; the hold stays, its recording unread', async () => {
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(at(3 * DAY + 60_000));
      await expectHidden(inside);
      expect(await windowed()).toEqual([]);
      const holds = await hub.gql('police', HOLD_RECORDINGS);
      expect(holds.data!.legalHolds).toEqual([{ id: expect.any(String), recordingCount: 1, recordings: [] }]);
    } finally {
      hub.clock.set(new Date(base));
    }
  });

  it('a revoked grant covers nothing from then on, at the gateway and in the subgraph', async () => {
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(at(DAY));
      expect((await listed('direct')).ids).toEqual([inside]);
      const r = await hub.gql('police', REVOKE, { id: grantId });
      expect(r.data!.revokeCameraAccess).toMatchObject({ id: grantId, active: false });
      await eventually(async () => (await listed('direct')).ids.length === 0, 'the revocation in footage');
      await expectHidden(inside);
      expect(await windowed()).toEqual([]);
      // the police's own cameras are untouched by grants
      const own = await hub.gql(
        'police',
        `{ recordings(filter: { cameraId: "utrecht-neude-1" }, purpose: "${PURPOSE}", first: 1) { edges { node { id } } } }`,
      );
      expect(own.errors).toBeUndefined();
    } finally {
      hub.clock.set(new Date(base));
    }
  });

  it('a grant recorded before grants were announced reaches footage once the scheduler announces it', async () => {
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(at(DAY));
      // as a grant recorded before accessGrantChanged existed: in the cameras table only, unannounced
      await hub.stack.database.query(sql`insert into cameras.camera_access_grants
        (id, camera_id, municipality, third_party, scope, valid_from, valid_until, reference, granted_by, created_at)
        values ('grant-legacy-1', ${CAM}, '11002', 'Garage Kiel bv', ${'{RECORDINGS}'}, ${at(HOUR).toISOString()},
          ${at(3 * DAY).toISOString()}, 'protocol garage 2025/1', 'police-legacy', ${at(-DAY).toISOString()})`);
      expect((await listed('direct')).ids).toEqual([]);
      // the lifecycle scheduler's pass (every minute; called here), which another pass may have made already
      await announceGrants(hub.stack.database, hub.stack.events);
      const [row] = await hub.stack.database.query<{ announced: boolean }>(
        sql`select announced from cameras.camera_access_grants where id = 'grant-legacy-1'`,
      );
      expect(row!.announced).toBe(true);
      expect(await announceGrants(hub.stack.database, hub.stack.events)).toBe(0);
      await eventually(async () => (await listed('direct')).ids.length === 1, 'the announced grant in footage');
      expect((await listed('gateway')).ids).toEqual([inside]);
      const reads = await audited(inside, 'footage.recording.read');
      expect(reads.at(-1)!.purpose).toBe(`${PURPOSE} [under access grant grant-legacy-1: protocol garage 2025/1]`);
    } finally {
      hub.clock.set(new Date(base));
    }
  });

  it('other actors are refused the footage whatever the grants, at the gateway and in the subgraph', async () => {
    for (const who of [ANTWERP, 'authority', 'company', 'citizen', 'system'] as const) {
      for (const q of [LIST, ONE]) {
        const v = q === LIST ? { c: CAM } : { id: inside };
        expect(codes(await hub.gql(who, q, v)), JSON.stringify(who)).toEqual(['FORBIDDEN']);
        expect(codes(await hub.direct('footage', who, q, v)), JSON.stringify(who)).toEqual(['FORBIDDEN']);
      }
    }
  });
});

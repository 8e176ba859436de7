// Antwerp and Belgian law end to end (004): a police camera on a new location or of a new type becomes
// active only after the council approved it; the police's access to a third party's camera is a grant
// with scope and period. Who may record and read them, at the gateway and in the subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMunicipalityActor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

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

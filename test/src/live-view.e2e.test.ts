// Live watching end to end (000, 003 §3.2, §3.3, §4.3, 004): the police open a short live-view
// session with a purpose — an active camera in an area that may be watched now (the stadium only
// around matches), a third party's camera only under an active LIVE_VIEW grant — close it, and with the
// authority list the sessions. Refused to every other actor at the gateway and at the subgraph; audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, type GqlResult, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const HOUR = 3_600_000;
const MIN = 60_000;
const STADIUM = 'utrecht-galgenwaard';
const STADIUM_CAM = 'utrecht-herculesplein-1';
const ALMERE_CAM = 'almere-stationsplein-1'; // watched 7 days a week (001)
const BODYCAM = 'denhaag-bodycam-handhavers-1'; // the municipality's enforcement officers' (002)
const PURPOSE = 'PL0900-2026-501 match supervision';
const OPEN =
  'mutation($c: ID!, $p: String!) { openLiveView(cameraId: $c, purpose: $p) { id basis grantId openedBy openedAt expiresAt active purpose watchEvent { name } camera { id } } }';
const CLOSE =
  'mutation($id: ID!, $r: String) { closeLiveView(id: $id, reason: $r) { id closedAt closedBy closeReason active } }';
const LIST =
  'query($c: ID, $from: DateTime!, $to: DateTime!) { liveViewSessions(cameraId: $c, from: $from, to: $to) { id purpose basis openedBy active closedAt closeReason camera { id } } }';
const SCHEDULE = 'mutation($i: ScheduleWatchEventInput!) { scheduleWatchEvent(input: $i) { id } }';
const GRANT = 'mutation($i: GrantCameraAccessInput!) { grantCameraAccess(input: $i) { id } }';
const REVOKE = 'mutation($id: ID!) { revokeCameraAccess(id: $id, reason: "owner withdrew it") { id } }';
const STATUS = 'mutation($id: ID!, $s: CameraStatus!) { setCameraStatus(id: $id, status: $s) { id status } }';

const open = (c: string, who: Parameters<Hub['gql']>[0] = 'police', p = PURPOSE) => hub.gql(who, OPEN, { c, p });
const list = async (c: string | null, who: Parameters<Hub['gql']>[0] = 'police') => {
  const r = await hub.gql(who, LIST, {
    c,
    from: new Date(hub.clock.now().getTime() - 180 * DAY).toISOString(),
    to: new Date(hub.clock.now().getTime() + 180 * DAY).toISOString(),
  });
  expect(r.errors).toBeUndefined();
  return r.data!.liveViewSessions as Array<Record<string, any>>;
};
const audited = (cameraId: string, action: string) =>
  hub.stack.database.query<{ purpose: string; actor_sub: string }>(
    sql`select purpose, actor_sub from audit.entries where action = ${action} and ${cameraId} = any(subject_ids) order by seq`,
  );
/** Run with the clock at `at`, then put it back. */
async function at<T>(when: Date, run: () => Promise<T>): Promise<T> {
  const base = hub.clock.now().getTime();
  hub.clock.set(when);
  try {
    return await run();
  } finally {
    hub.clock.set(new Date(base));
  }
}

describe('the stadium is watched live only around a match (003 §3.3)', () => {
  it('refused outside the window, a session within it ends with the window; a cancelled match ends it', async () => {
    const refused = await open(STADIUM_CAM);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toMatch(/003 §3\.3/);

    const start = new Date(hub.clock.now().getTime() + 2 * DAY);
    const windowEnd = new Date(start.getTime() + 2 * HOUR + 60 * MIN);
    const s = await hub.gql('municipality', SCHEDULE, {
      i: {
        areaId: STADIUM,
        name: 'FC Utrecht - Feyenoord',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        watchBeforeMinutes: 90,
        watchAfterMinutes: 60,
      },
    });
    expect(s.errors).toBeUndefined();

    await at(new Date(start.getTime() - 91 * MIN), async () => {
      expect(codes(await open(STADIUM_CAM))).toEqual(['CONFLICT']);
    });
    const first = await at(new Date(start.getTime() - 89 * MIN), async () => {
      const r = await open(STADIUM_CAM);
      expect(r.errors).toBeUndefined();
      const session = r.data!.openLiveView;
      expect(session).toMatchObject({
        basis: expect.stringMatching(/FC Utrecht - Feyenoord/),
        grantId: null,
        openedBy: 'agent-4711',
        purpose: PURPOSE,
        active: true,
        watchEvent: { name: 'FC Utrecht - Feyenoord' },
        camera: { id: STADIUM_CAM },
      });
      // at most 15 minutes
      expect(new Date(session.expiresAt).getTime() - new Date(session.openedAt).getTime()).toBe(15 * MIN);
      return session;
    });
    // five minutes before the window closes: the session ends with it, not 15 minutes later
    await at(new Date(windowEnd.getTime() - 5 * MIN), async () => {
      const r = await open(STADIUM_CAM);
      expect(r.errors).toBeUndefined();
      expect(new Date(r.data!.openLiveView.expiresAt).getTime()).toBe(windowEnd.getTime());
    });
    await at(new Date(windowEnd.getTime() + MIN), async () => {
      expect(codes(await open(STADIUM_CAM))).toEqual(['CONFLICT']);
      // the first session expired by itself
      expect((await list(STADIUM_CAM)).find((x) => x.id === first.id)).toMatchObject({ active: false, closedAt: null });
    });

    // within the window a session runs; cancelling the match ends it, and nothing opens any more
    await at(new Date(start.getTime() + HOUR), async () => {
      const r = await open(STADIUM_CAM);
      expect(r.errors).toBeUndefined();
      const id = r.data!.openLiveView.id;
      const c = await hub.gql('municipality', 'mutation($id: ID!) { cancelWatchEvent(id: $id) { id } }', {
        id: s.data!.scheduleWatchEvent.id,
      });
      expect(c.errors).toBeUndefined();
      expect((await list(STADIUM_CAM)).find((x) => x.id === id)).toMatchObject({
        active: false,
        closedAt: expect.any(String),
        closeReason: 'watch event cancelled',
      });
      expect(codes(await open(STADIUM_CAM))).toEqual(['CONFLICT']);
    });
    // every opening is in the audit log with its purpose
    const entries = await audited(STADIUM_CAM, 'cameras.liveView.open');
    expect(entries).toHaveLength(3);
    for (const e of entries) expect(e).toEqual({ purpose: PURPOSE, actor_sub: 'agent-4711' });
  });
});

describe("a third party's camera only under an active LIVE_VIEW grant (004)", () => {
  const CAM = 'antwerpen-winkel-live-1';
  it('refused without one, allowed within its period, never past its end; revocation ends the session', async () => {
    const reg = await hub.gql(
      'police',
      'mutation($i: RegisterCameraInput!) { registerCamera(input: $i) { id status operator } }',
      {
        i: {
          id: CAM,
          name: 'Winkelcentrum Kiel ingang',
          kind: 'FIXED',
          location: { latitude: 51.1935, longitude: 4.3929 },
          street: 'Kielpark',
          municipality: '11002',
          operator: 'THIRD_PARTY',
        },
      },
    );
    expect(reg.data!.registerCamera).toMatchObject({ status: 'ACTIVE', operator: 'THIRD_PARTY' });
    const none = await open(CAM);
    expect(codes(none)).toEqual(['CONFLICT']);
    expect(none.errors![0]!.message).toMatch(/LIVE_VIEW/);

    const t0 = hub.clock.now();
    const grant = async (scope: string[], from: Date, until: Date) => {
      const g = await hub.gql('police', GRANT, {
        i: {
          cameraId: CAM,
          thirdParty: 'Winkelcentrum Kiel nv',
          scope,
          validFrom: from.toISOString(),
          validUntil: until.toISOString(),
          reference: `protocol kiel ${scope.join('+')}`,
        },
      });
      expect(g.errors).toBeUndefined();
      return g.data!.grantCameraAccess.id as string;
    };
    // a grant to obtain recordings is no grant to watch live
    await grant(['RECORDINGS'], new Date(t0.getTime() - DAY), new Date(t0.getTime() + 10 * DAY));
    expect(codes(await open(CAM))).toEqual(['CONFLICT']);
    const from = new Date(t0.getTime() + HOUR);
    const until = new Date(t0.getTime() + 2 * DAY);
    const live = await grant(['LIVE_VIEW'], from, until);
    // not yet valid
    expect(codes(await open(CAM))).toEqual(['CONFLICT']);

    await at(new Date(from.getTime() + MIN), async () => {
      const r = await open(CAM);
      expect(r.errors).toBeUndefined();
      expect(r.data!.openLiveView).toMatchObject({ grantId: live, basis: expect.stringMatching(/protocol kiel/) });
    });
    await at(new Date(until.getTime() - 5 * MIN), async () => {
      const r = await open(CAM);
      expect(new Date(r.data!.openLiveView.expiresAt).getTime()).toBe(until.getTime());
    });
    await at(new Date(until.getTime() + 1000), async () => {
      expect(codes(await open(CAM))).toEqual(['CONFLICT']);
    });
    // the audit entry names the grant it was watched under
    const entries = await audited(CAM, 'cameras.liveView.open');
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e.purpose).toBe(`${PURPOSE} [under access grant ${live}: protocol kiel LIVE_VIEW]`);

    await at(new Date(from.getTime() + DAY), async () => {
      const r = await open(CAM);
      const id = r.data!.openLiveView.id;
      expect((await hub.gql('police', REVOKE, { id: live })).errors).toBeUndefined();
      expect((await list(CAM)).find((x) => x.id === id)).toMatchObject({
        active: false,
        closeReason: 'access grant revoked',
      });
      const after = await open(CAM);
      expect(codes(after)).toEqual(['CONFLICT']);
      expect(after.errors![0]!.message).toMatch(/LIVE_VIEW/);
    });
  });
});

describe('a session is closed, listed and supervised', () => {
  it('the police close it (once); an offline camera ends its sessions; the authority reads them all', async () => {
    const r = await open(ALMERE_CAM);
    expect(r.errors).toBeUndefined();
    expect(r.data!.openLiveView.basis).toMatch(/around the clock/);
    const id = r.data!.openLiveView.id;
    const closed = await hub.gql('police', CLOSE, { id, r: 'incident over' });
    expect(closed.data!.closeLiveView).toMatchObject({
      id,
      active: false,
      closedBy: 'agent-4711',
      closeReason: 'incident over',
      closedAt: expect.any(String),
    });
    expect(codes(await hub.gql('police', CLOSE, { id }))).toEqual(['CONFLICT']);
    expect(await audited(ALMERE_CAM, 'cameras.liveView.close')).toEqual([
      { purpose: `${PURPOSE} (session ${id}: incident over)`, actor_sub: 'agent-4711' },
    ]);
    // an expired one cannot be closed either
    const old = (await open(ALMERE_CAM)).data!.openLiveView.id;
    await at(new Date(hub.clock.now().getTime() + 16 * MIN), async () => {
      expect(codes(await hub.gql('police', CLOSE, { id: old }))).toEqual(['CONFLICT']);
    });

    // only an active camera is watched: going offline ends what runs
    const running = (await open(ALMERE_CAM)).data!.openLiveView.id;
    expect((await hub.gql('police', STATUS, { id: ALMERE_CAM, s: 'OFFLINE' })).errors).toBeUndefined();
    expect((await list(ALMERE_CAM)).find((x) => x.id === running)).toMatchObject({
      active: false,
      closeReason: 'camera OFFLINE',
    });
    const offline = await open(ALMERE_CAM);
    expect(codes(offline)).toEqual(['CONFLICT']);
    expect(offline.errors![0]!.message).toMatch(/OFFLINE/);
    expect((await hub.gql('police', STATUS, { id: ALMERE_CAM, s: 'ACTIVE' })).errors).toBeUndefined();

    // the supervisor sees who watched what, when and why, across cameras
    const seen = await list(null, 'authority');
    expect(seen.map((x) => x.id)).toEqual(expect.arrayContaining([id, old, running]));
    expect(seen.find((x) => x.id === id)).toMatchObject({ purpose: PURPOSE, openedBy: 'agent-4711' });
    expect((await list(ALMERE_CAM, 'police')).map((x) => x.id)).toEqual(expect.arrayContaining([id, old, running]));
  });
});

describe('only the police watch live (000), never a camera the municipality runs (002)', () => {
  const denHaag: Actor = { kind: 'municipality', sub: 'den-haag-1', municipality: 'GM0518' };
  it('every other actor is refused, at the gateway and at the subgraph', async () => {
    const id = (await open(ALMERE_CAM)).data!.openLiveView.id;
    const vars = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
    const before = (await list(null)).length;
    for (const who of ['municipality', denHaag, 'authority', 'company', 'citizen', 'system'] as const) {
      const name = JSON.stringify(who);
      expect(codes(await hub.gql(who, OPEN, { c: ALMERE_CAM, p: PURPOSE })), name).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, OPEN, { c: ALMERE_CAM, p: PURPOSE })), name).toEqual(['FORBIDDEN']);
      expect(codes(await hub.gql(who, CLOSE, { id })), name).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, CLOSE, { id })), name).toEqual(['FORBIDDEN']);
      if (who === 'authority') continue;
      // sessions name police case references: not the municipality's, as request contents are not
      expect(codes(await hub.gql(who, LIST, vars)), name).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, LIST, vars)), name).toEqual(['FORBIDDEN']);
    }
    for (const q of [OPEN, CLOSE, LIST])
      expect(codes(await hub.gql('public', q, { c: ALMERE_CAM, p: PURPOSE, id, ...vars }))).toEqual([
        'UNAUTHENTICATED',
      ]);
    // the municipality's enforcement officers' bodycam: not even the police (002), in the subgraph's row check
    expect(codes(await open(BODYCAM))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', 'police', OPEN, { c: BODYCAM, p: PURPOSE }))).toEqual(['FORBIDDEN']);
    // nothing was opened or closed by the refusals
    expect((await list(null)).length).toBe(before);
    expect((await list(ALMERE_CAM)).find((x) => x.id === id)).toMatchObject({ active: true });
  });

  it('a declared private camera answers as a missing one; bad input changes nothing', async () => {
    const reg = await hub.gql(
      'company',
      'mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id } }',
      {
        i: {
          ownerName: 'Bakkerij De Neude',
          placeType: 'SHOP',
          address: 'Neude 11, Utrecht',
          location: { latitude: 52.0931, longitude: 5.1188 },
          mounting: 'FIXED',
          purpose: 'theft prevention',
          filmsPublicSpace: true,
          publicSpaceDescription: 'pavement',
          liveView: true,
          alarmCentre: 'Alarmcentrale Midden',
          retentionDays: 28,
          signage: true,
          contact: { name: 'J. Jansen', phone: '+31 30 1234567', email: 'j@example.nl' },
          municipality: 'GM0344',
        },
      },
    );
    expect(reg.errors).toBeUndefined();
    const privateId = reg.data!.registerPrivateCamera.id as string;
    const missing = 'no-such-camera-1';
    for (const via of ['gateway', 'direct'] as const) {
      const call = (c: string) =>
        via === 'gateway' ? open(c) : hub.direct('cameras', 'police', OPEN, { c, p: PURPOSE });
      const hidden: GqlResult = await call(privateId);
      const none: GqlResult = await call(missing);
      expect(codes(hidden), via).toEqual(['NOT_FOUND']);
      expect(codes(none), via).toEqual(['NOT_FOUND']);
      expect(hidden.errors![0]!.message.replace(privateId, 'X')).toBe(none.errors![0]!.message.replace(missing, 'X'));
      expect(hidden.data ?? null).toEqual(none.data ?? null);
    }
    expect(codes(await hub.gql('police', CLOSE, { id: 'no-such-session' }))).toEqual(['NOT_FOUND']);

    const before = (await list(null)).length;
    for (const p of ['', '  ', 'x'.repeat(501)])
      expect(codes(await open(ALMERE_CAM, 'police', p)), JSON.stringify(p)).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await hub.gql('police', LIST, { c: ALMERE_CAM, from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await hub.gql('police', LIST, { c: null, from: '2020-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })),
    ).toEqual(['BAD_USER_INPUT']);
    expect((await list(null)).length).toBe(before);
  });
});

describe('no designation in force, no watching (003 §4.3)', () => {
  it("ending the area's designation ends its running sessions and refuses new ones", async () => {
    const areas = await hub.gql(
      'police',
      '{ cameraAreas(municipality: "GM0034") { edges { node { id currentDecision { id } } } } }',
    );
    const area = areas.data!.cameraAreas.edges.find((e: any) => e.node.id === 'almere-stad-centrum').node;
    const running = (await open(ALMERE_CAM)).data!.openLiveView.id;
    const end = await hub.gql('municipality', 'mutation($id: ID!) { endDesignation(id: $id, reason: "x") { id } }', {
      id: area.currentDecision.id,
    });
    expect(codes(end)).toEqual(['FORBIDDEN']); // not Utrecht's to end
    const ended = await hub.gql(
      'police',
      'mutation($id: ID!) { endDesignation(id: $id, reason: "surveillance no longer needed") { id status } }',
      { id: area.currentDecision.id },
    );
    expect(ended.data!.endDesignation.status).toBe('ENDED');
    expect((await list(ALMERE_CAM)).find((x) => x.id === running)).toMatchObject({
      active: false,
      closeReason: 'designation ended',
    });
    const refused = await open(ALMERE_CAM);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toMatch(/no published designation/);
  });
});

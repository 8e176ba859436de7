// The cameras role matrix, end to end through the gateway: what each actor may and may not see or do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const UTRECHT = 'GM0344';
const ANTWERP = '11002';
const antwerpOfficial: Actor = { kind: 'municipality', sub: 'antwerpen-1', municipality: ANTWERP };
const PUBLIC_FIELDS = 'id name kind street municipality location { latitude longitude } area { id name }';

async function count(table: string): Promise<number> {
  const [r] = await hub.stack.database.query<{ n: number }>(sql.raw(`select count(*)::int as n from cameras.${table}`));
  return r!.n;
}
async function allIds(who: Parameters<Hub['gql']>[0], filter = '{}'): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const r: any = await hub.gql(
      who,
      `query($a: String) { cameras(filter: ${filter}, first: 100, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { a: after },
    );
    expect(r.errors).toBeUndefined();
    ids.push(...r.data.cameras.edges.map((e: any) => e.node.id));
    if (!r.data.cameras.pageInfo.hasNextPage) return ids;
    after = r.data.cameras.pageInfo.endCursor;
  }
}

describe('reading cameras', () => {
  let covertIds: string[];
  beforeAll(async () => {
    const rows = await hub.stack.database.query<{ id: string }>(sql`select id from cameras.cameras where covert`);
    covertIds = rows.map((r) => r.id);
    expect(covertIds.length).toBeGreaterThan(0);
  });

  it('police see every camera, covert ones included, with status and masks', async () => {
    const ids = await allIds('police');
    expect(ids.length).toBe(await count('cameras'));
    expect(ids).toEqual(expect.arrayContaining(covertIds));
    const r = await hub.gql('police', `{ camera(id: "${covertIds[0]}") { id covert status privacyMasks { label } } }`);
    expect(r.data?.camera).toMatchObject({ id: covertIds[0], covert: true, status: expect.any(String) });
  });

  it.each(['public', 'company', 'citizen'] as const)(
    '%s sees the public register: no covert cameras, no status or masks',
    async (who) => {
      const ids = await allIds(who);
      // decommissioned cameras are out of the register, and so out of sight of whoever may not read status
      const [listed] = await hub.stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from cameras.cameras where not covert and status <> 'DECOMMISSIONED'`,
      );
      expect(ids.length).toBe(listed!.n);
      expect(ids.some((id) => covertIds.includes(id))).toBe(false);
      const r = await hub.gql(
        who,
        `{ cameras(first: 5) { edges { node { ${PUBLIC_FIELDS} watchSchedule { description } } } } }`,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.cameras.edges).toHaveLength(5);
      const expected = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      for (const field of ['status', 'privacyMasks { label }', 'covert', 'statusReason']) {
        const refused = await hub.gql(who, `{ cameras(first: 1) { edges { node { id ${field} } } } }`);
        expect(codes(refused), field).toEqual([expected]);
        expect(refused.data ?? null).toBeNull(); // refused before execution: nothing leaks
      }
      const covert = await hub.gql(who, `{ camera(id: "${covertIds[0]}") { id } }`);
      expect(codes(covert)).toEqual(['NOT_FOUND']);
    },
  );

  it('a municipality sees status and masks of its own cameras only, and never covert cameras', async () => {
    const own = await hub.gql(
      'municipality',
      `{ cameras(filter: { municipality: "${UTRECHT}" }, first: 100) { totalCount edges { node { id status privacyMasks { label } } } } }`,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.cameras.edges.length).toBeGreaterThan(10);
    expect(own.data?.cameras.edges.every((e: any) => e.node.status)).toBe(true);

    const other = await hub.gql(
      'municipality',
      `{ cameras(filter: { municipality: "GM0518" }, first: 3) { edges { node { id name status } } } }`,
    );
    expect(other.data?.cameras.edges).toHaveLength(3);
    expect(other.data?.cameras.edges.every((e: any) => e.node.name && e.node.status === null)).toBe(true);
    expect(new Set(codes(other))).toEqual(new Set(['FORBIDDEN']));

    // Antwerp's own official: covert Antwerp cameras stay invisible, by list and by id
    const antwerp = await allIds(antwerpOfficial, `{ municipality: "${ANTWERP}" }`);
    expect(antwerp.length).toBeGreaterThan(0);
    expect(antwerp.some((id) => covertIds.includes(id))).toBe(false);
    expect(codes(await hub.gql(antwerpOfficial, `{ camera(id: "${covertIds[0]}") { id } }`))).toEqual(['NOT_FOUND']);
  });

  it('filtering by status is only for those who may see status, and only over rows where they may', async () => {
    expect(codes(await hub.gql('public', '{ cameras(filter: { status: ACTIVE }) { totalCount } }'))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const r = await hub.gql(
      'municipality',
      '{ cameras(filter: { status: ACTIVE }, first: 100) { edges { node { municipality } } } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.cameras.edges.length).toBeGreaterThan(0);
    expect(r.data?.cameras.edges.every((e: any) => e.node.municipality === UTRECHT)).toBe(true);
  });

  it('the authority reads everything on the camera side, masks and covert cameras included', async () => {
    const ids = await allIds('authority');
    expect(ids.length).toBe(await count('cameras'));
    const r = await hub.gql('authority', `{ camera(id: "${covertIds[0]}") { covert status privacyMasks { label } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.camera.covert).toBe(true);
  });

  it('pages are bounded and cursors walk every row exactly once', async () => {
    expect(codes(await hub.gql('public', '{ cameras(first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('public', '{ cameras(first: 0) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('public', '{ cameras(after: "not-a-cursor") { totalCount } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await hub.gql(
        'police',
        'query($a: String) { cameras(first: 7, after: $a) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { a: after },
      );
      ids.push(...r.data.cameras.edges.map((e: any) => e.node.id));
      if (!r.data.cameras.pageInfo.hasNextPage) break;
      after = r.data.cameras.pageInfo.endCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await count('cameras'));
  });

  it('the public register shows area, legal basis and period for everyone', async () => {
    const r = await hub.gql(
      'public',
      `{ publicCameraRegister(municipality: "${UTRECHT}", first: 100) { totalCount edges { node { cameraId areaName legalBasis designatedUntil } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.publicCameraRegister.totalCount).toBeGreaterThan(10);
    expect(
      r.data?.publicCameraRegister.edges.some((e: any) => e.node.areaName === 'Binnenstad' && e.node.legalBasis),
    ).toBe(true);
    const areas = await hub.gql(
      'public',
      `{ cameraAreas(municipality: "${UTRECHT}") { edges { node { name kind currentDecision { legalBasis validFrom validUntil subGoals status } } } } }`,
    );
    expect(areas.errors).toBeUndefined();
    expect(areas.data?.cameraAreas.edges.map((e: any) => e.node.name)).toEqual(
      expect.arrayContaining(['Binnenstad', 'Stadion Galgenwaard', 'Overvecht']),
    );
    // everyone, that is: a source system's machine credential gets nothing, at the gateway and at the subgraph
    const register = `{ publicCameraRegister(municipality: "${UTRECHT}", first: 5) { totalCount } }`;
    expect(codes(await hub.gql('system', register))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', 'system', register))).toEqual(['FORBIDDEN']);
    for (const who of ['police', 'municipality', 'company', 'authority', 'citizen'] as const)
      expect((await hub.gql(who, register)).errors).toBeUndefined();
    // internal fields of a decision are not public
    expect(codes(await hub.gql('public', '{ cameraAreas { edges { node { decisions { decidedBy } } } } }'))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe('changing cameras', () => {
  const register = (overrides: Record<string, unknown> = {}) => ({
    input: {
      name: 'Test camera',
      kind: 'FIXED',
      street: 'Neude',
      municipality: UTRECHT,
      areaId: 'utrecht-binnenstad',
      location: { latitude: 52.0926, longitude: 5.119 },
      ...overrides,
    },
  });
  const REGISTER =
    'mutation($input: RegisterCameraInput!) { registerCamera(input: $input) { id status municipality } }';

  it('police register cameras and change status; nobody else may', async () => {
    const before = await count('cameras');
    const ok = await hub.gql('police', REGISTER, register({ id: 'test-neude-9' }));
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.registerCamera).toMatchObject({ id: 'test-neude-9', status: 'ACTIVE', municipality: UTRECHT });
    for (const who of ['municipality', 'company', 'authority', 'citizen'] as const) {
      expect(codes(await hub.gql(who, REGISTER, register()))).toEqual(['FORBIDDEN']);
      expect(
        codes(await hub.gql(who, 'mutation { setCameraStatus(id: "test-neude-9", status: OFFLINE) { id } }')),
      ).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', REGISTER, register()))).toEqual(['UNAUTHENTICATED']);
    expect(await count('cameras')).toBe(before + 1);
    const dup = await hub.gql('police', REGISTER, register({ id: 'test-neude-9' }));
    expect(codes(dup)).toEqual(['CONFLICT']);
  });

  it('a decommissioned camera stays decommissioned: CONFLICT, no status event written', async () => {
    const events = await count('status_events');
    const revive = await hub.gql(
      'police',
      'mutation { setCameraStatus(id: "utrecht-ledig-erf-1", status: ACTIVE) { status } }',
    );
    expect(codes(revive)).toEqual(['CONFLICT']);
    const same = await hub.gql(
      'police',
      'mutation { setCameraStatus(id: "utrecht-ledig-erf-1", status: DECOMMISSIONED) { status } }',
    );
    expect(same.data?.setCameraStatus).toEqual({ status: 'DECOMMISSIONED' });
    expect(await count('status_events')).toBe(events);
  });

  it.each([
    ['latitude out of range', register({ location: { latitude: 91, longitude: 5 } })],
    ['longitude out of range', register({ location: { latitude: 52, longitude: -181 } })],
    ['unknown enum', register({ kind: 'SATELLITE' })],
    ['oversized name', register({ name: 'x'.repeat(201) })],
    ['empty street', register({ street: '' })],
    ['unknown municipality', register({ municipality: 'GM9999', areaId: null })],
    ['area of another municipality', register({ municipality: 'GM0518' })],
    [
      'mask with two points',
      register({
        privacyMasks: [
          {
            label: 'garden',
            polygon: [
              [52, 5],
              [52.1, 5.1],
            ],
          },
        ],
      }),
    ],
  ])('bad input (%s) is BAD_USER_INPUT and writes nothing', async (_name, vars) => {
    const before = await count('cameras');
    const r = await hub.gql('police', REGISTER, vars);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).not.toMatch(/select|insert|postgres|at .*\.ts/i);
    expect(await count('cameras')).toBe(before);
  });

  it('a graphql-ws client receives cameraStatusChanged through the gateway, only what it may see', async () => {
    const client = hub.ws('municipality');
    const sub = collect(
      client,
      `subscription { cameraStatusChanged { status previousStatus reason camera { id name municipality status } } }`,
    );
    const other = collect(hub.ws('public'), 'subscription { cameraStatusChanged { status } }');
    // wait until the gateway holds the upstream subscription before changing anything (seconds on a busy machine)
    await new Promise((r) => setTimeout(r, 5000));
    const utrechtCam = 'utrecht-neude-1';
    const s1 = await hub.gql(
      'police',
      `mutation { setCameraStatus(id: "${utrechtCam}", status: MAINTENANCE, reason: "lens cleaning") { status } }`,
    );
    expect(s1.errors).toBeUndefined();
    const s2 = await hub.gql(
      'police',
      'mutation { setCameraStatus(id: "denhaag-grote-marktstraat-1", status: OFFLINE) { status } }',
    );
    expect(s2.errors ?? codes(s2)).toBeDefined();
    await waitFor(() => sub.events.length >= 1, 30_000, 'status event');
    expect(sub.events[0]).toEqual({
      cameraStatusChanged: {
        status: 'MAINTENANCE',
        previousStatus: 'ACTIVE',
        reason: 'lens cleaning',
        camera: { id: utrechtCam, name: expect.any(String), municipality: UTRECHT, status: 'MAINTENANCE' },
      },
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(sub.events).toHaveLength(1); // the Hague camera is not Utrecht's to watch
    expect(other.events).toHaveLength(0);
    expect(JSON.stringify(other.errors)).toMatch(/UNAUTHENTICATED|Log in/);
    sub.dispose();
  });

  it('signals: police share, the municipality sees only its own, live and listed', async () => {
    const live = collect(hub.ws('municipality'), 'subscription { signalShared { category description municipality } }');
    // the subscription reaches the subgraph through the gateway: give it time on a busy machine
    await new Promise((r) => setTimeout(r, 5000));
    const SHARE = 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id municipality } }';
    const now = hub.clock.now().toISOString();
    const mine = await hub.gql('police', SHARE, {
      i: {
        municipality: UTRECHT,
        category: 'VANDALISM',
        description: 'Smashed bus shelter',
        street: 'Vredenburg',
        observedAt: now,
      },
    });
    expect(mine.errors).toBeUndefined();
    const theirs = await hub.gql('police', SHARE, {
      i: { municipality: 'GM0518', category: 'LITTER', description: 'Dumped waste', observedAt: now },
    });
    expect(theirs.errors).toBeUndefined();
    await waitFor(() => live.events.length >= 1, 30_000, 'signal event');
    const list = await hub.gql(
      'municipality',
      '{ signals(first: 50) { edges { node { municipality description } } } }',
    );
    expect(list.data?.signals.edges.map((e: any) => e.node.municipality)).toEqual([UTRECHT]);
    await new Promise((r) => setTimeout(r, 500));
    expect(live.events.map((e: any) => e.signalShared.municipality)).toEqual([UTRECHT]);
    for (const who of ['municipality', 'company', 'authority', 'citizen'] as const) {
      expect(
        codes(
          await hub.gql(who, SHARE, {
            i: { municipality: UTRECHT, category: 'VANDALISM', description: 'x', observedAt: now },
          }),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('company', '{ signals { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await hub.gql('police', SHARE, {
          i: {
            municipality: UTRECHT,
            category: 'VANDALISM',
            description: 'future',
            observedAt: new Date(Date.now() + DAY).toISOString(),
          },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const ancient = await hub.gql('police', SHARE, {
      i: { municipality: UTRECHT, category: 'VANDALISM', description: 'typo', observedAt: '2000-01-01T00:00:00Z' },
    });
    expect(codes(ancient)).toEqual(['BAD_USER_INPUT']);
    expect(ancient.errors?.[0]?.message).toMatch(/28 days/);
    live.dispose();
  });
});

describe('resuming a subscription after a dropped connection', () => {
  it('subscribing again with `after` replays exactly what was missed, under the same checks, then goes on live', async () => {
    const STATUS = `subscription($a: String) { cameraStatusChanged(municipality: "${UTRECHT}", after: $a) { status cursor camera { id } } }`;
    const SIGNALS = 'subscription($a: String) { signalShared(after: $a) { description municipality cursor } }';
    // from a known position, so no event can fall before the subscriptions are established upstream
    const at = (await hub.gql('municipality', '{ liveCursor }')).data!.liveCursor as string;
    const first = collect(hub.ws('municipality'), STATUS, { a: at });
    const firstSignals = collect(hub.ws('municipality'), SIGNALS, { a: at });
    expect(
      (
        await hub.gql(
          'police',
          'mutation { setCameraStatus(id: "utrecht-vredenburg-1", status: MAINTENANCE) { status } }',
        )
      ).errors,
    ).toBeUndefined();
    const SHARE = 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }';
    const now = hub.clock.now().toISOString();
    const share = (municipality: string, description: string) =>
      hub.gql('police', SHARE, { i: { municipality, category: 'VANDALISM', description, observedAt: now } });
    expect((await share(UTRECHT, 'before the drop')).errors).toBeUndefined();
    await waitFor(() => first.events.length === 1 && firstSignals.events.length === 1, 30_000, 'the first events');
    const cursor = first.events[0].cameraStatusChanged.cursor as string;
    const signalCursor = firstSignals.events[0].signalShared.cursor as string;
    expect(cursor).toMatch(/^\d+:\d+$/);
    first.dispose(); // the connection drops
    firstSignals.dispose();

    // while away: two Utrecht changes, one in The Hague, signals in both
    expect(
      (await hub.gql('police', 'mutation { setCameraStatus(id: "utrecht-vredenburg-1", status: ACTIVE) { status } }'))
        .errors,
    ).toBeUndefined();
    expect(
      (
        await hub.gql(
          'police',
          'mutation { setCameraStatus(id: "denhaag-grote-marktstraat-1", status: MAINTENANCE) { status } }',
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (await hub.gql('police', 'mutation { setCameraStatus(id: "utrecht-neude-1", status: OFFLINE) { status } }'))
        .errors,
    ).toBeUndefined();
    expect((await share('GM0518', 'not for Utrecht')).errors).toBeUndefined();
    expect((await share(UTRECHT, 'while away')).errors).toBeUndefined();

    const resumed = collect(hub.ws('municipality'), STATUS, { a: cursor });
    const resumedSignals = collect(hub.ws('municipality'), SIGNALS, { a: signalCursor });
    await waitFor(() => resumed.events.length >= 2 && resumedSignals.events.length >= 1, 30_000, 'the replay');
    expect(resumed.events.map((e: any) => [e.cameraStatusChanged.camera.id, e.cameraStatusChanged.status])).toEqual([
      ['utrecht-vredenburg-1', 'ACTIVE'],
      ['utrecht-neude-1', 'OFFLINE'],
    ]);
    expect(resumedSignals.events.map((e: any) => e.signalShared.description)).toEqual(['while away']);
    // then live, no repeats
    expect(
      (await hub.gql('police', 'mutation { setCameraStatus(id: "utrecht-neude-1", status: ACTIVE) { status } }'))
        .errors,
    ).toBeUndefined();
    await waitFor(() => resumed.events.length >= 3, 30_000, 'the live event after the replay');
    await new Promise((r) => setTimeout(r, 500));
    expect(resumed.events.map((e: any) => e.cameraStatusChanged.status)).toEqual(['ACTIVE', 'OFFLINE', 'ACTIVE']);
    expect(resumedSignals.events).toHaveLength(1);
    resumed.dispose();
    resumedSignals.dispose();

    const bad = collect(hub.ws('municipality'), STATUS, { a: 'yesterday' });
    await waitFor(() => bad.errors.length > 0 || bad.isDone(), 30_000, 'the refusal');
    expect(JSON.stringify(bad.errors)).toMatch(/BAD_USER_INPUT/);
    bad.dispose();
  });
});

describe('the live-event position', () => {
  it('a dashboard reads liveCursor with its data and subscribes after it: nothing committed in between is lost', async () => {
    const read = await hub.gql('municipality', '{ liveCursor }');
    expect(read.errors).toBeUndefined();
    const at = read.data!.liveCursor as string;
    // committed after the read, before the subscription opens
    expect(
      (
        await hub.gql(
          'police',
          'mutation { setCameraStatus(id: "utrecht-neude-1", status: MAINTENANCE, reason: "between read and subscribe") { status } }',
        )
      ).errors,
    ).toBeUndefined();
    const sub = collect(
      hub.ws('municipality'),
      `subscription($a: String) { cameraStatusChanged(municipality: "${UTRECHT}", after: $a) { reason } }`,
      { a: at },
    );
    await waitFor(() => sub.events.length >= 1, 30_000, 'the replayed change');
    expect(sub.events.map((e: any) => e.cameraStatusChanged.reason)).toEqual(['between read and subscribe']);
    sub.dispose();
    expect(codes(await hub.gql('company', '{ liveCursor }'))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql('public', '{ liveCursor }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the access rules themselves', () => {
  it('the authority and police read the policy as enforced; nobody else', async () => {
    const r = await hub.gql(
      'authority',
      '{ accessRules(actor: "municipality") { actor action subject fields conditions inverted } }',
    );
    expect(r.errors).toBeUndefined();
    const rules = r.data?.accessRules as Array<{ actor: string; subject: string; conditions: string | null }>;
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.every((x) => x.actor === 'municipality')).toBe(true);
    expect(rules.some((x) => x.subject === 'Camera' && x.conditions?.includes('covert'))).toBe(true);
    expect((await hub.gql('police', '{ accessRules { actor } }')).errors).toBeUndefined();
    for (const who of ['municipality', 'company', 'citizen'] as const)
      expect(codes(await hub.gql(who, '{ accessRules { actor } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql('public', '{ accessRules { actor } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await hub.direct('cameras', 'company', '{ accessRules { actor } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('subscriptions over server-sent events', () => {
  it("subscribing to another municipality's status or signals is FORBIDDEN up front, not a silent stream", async () => {
    for (const q of [
      'subscription { cameraStatusChanged(municipality: "GM0518") { status } }',
      'subscription { signalShared(municipality: "GM0518") { id } }',
    ]) {
      const sub = collect(hub.ws('municipality'), q);
      await waitFor(() => sub.errors.length > 0 || sub.isDone(), 30_000, 'the refusal');
      expect(JSON.stringify(sub.errors), q).toMatch(/FORBIDDEN/);
      expect(JSON.stringify(sub.errors), q).toMatch(/Not allowed to watch/);
      sub.dispose();
    }
    // its own municipality, and the supervisor anywhere, still subscribe
    const own = collect(hub.ws('municipality'), `subscription { signalShared(municipality: "${UTRECHT}") { id } }`);
    const authority = collect(
      hub.ws('authority'),
      'subscription { cameraStatusChanged(municipality: "GM0518") { status } }',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(own.errors).toEqual([]);
    expect(authority.errors).toEqual([]);
    own.dispose();
    authority.dispose();
  });

  it('a dashboard on SSE receives signalShared through the gateway', async () => {
    const token = await hub.token('municipality');
    const abort = new AbortController();
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { signalShared { category description } }' }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    let text = '';
    const reader = res.body!.getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const shared = await hub.gql('police', 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }', {
      i: {
        municipality: UTRECHT,
        category: 'GRAFFITI',
        description: 'Graffiti on the Neude kiosk',
        observedAt: hub.clock.now().toISOString(),
      },
    });
    expect(shared.errors).toBeUndefined();
    await waitFor(() => text.includes('Graffiti on the Neude kiosk'), 30_000, 'SSE event');
    expect(text).toMatch(/event: next/);
    expect(text).toContain('"category":"GRAFFITI"');
    abort.abort();
    await reading;
  });
});

describe('areas and designation decisions', () => {
  const DESIGNATE =
    'mutation($i: DesignateAreaInput!) { designateArea(input: $i) { id status municipality validUntil nextEvaluationDue evaluationOverdue area { id name } } }';
  const neighbourhood = (municipality: string, from: Date, months = 6, overrides: Record<string, unknown> = {}) => {
    const until = new Date(from);
    until.setUTCMonth(until.getUTCMonth() + months);
    return {
      i: {
        newArea: {
          name: `Test buurt ${Math.random().toString(36).slice(2, 7)}`,
          municipality,
          kind: 'NEIGHBOURHOOD',
          watchSchedule: {
            description: 'evenings',
            continuous: false,
            windows: [{ days: ['FRI', 'SAT'], from: '20:00', to: '04:00' }],
          },
        },
        reference: 'TEST-2026-1',
        legalBasis: 'art. 151c Gemeentewet',
        validFrom: from.toISOString(),
        validUntil: until.toISOString(),
        subGoals: ['PREVENTION', 'FEELING_OF_SAFETY'],
        signagePlaced: true,
        residentsInformed: true,
        published: true,
        criteria: {
          societalNeed: 'street robberies',
          proportionality: 'evenings only',
          subsidiarity: 'extra patrols did not suffice',
          measuresPackage: 'youth work, lighting',
        },
        effectMeasurement: 'registered incidents per month',
        ...overrides,
      },
    };
  };

  it('a municipality designates its own areas, and the status follows the clock', async () => {
    const start = hub.clock.now();
    const r = await hub.gql('municipality', DESIGNATE, neighbourhood(UTRECHT, start));
    expect(r.errors).toBeUndefined();
    expect(r.data?.designateArea).toMatchObject({ status: 'ACTIVE', municipality: UTRECHT, evaluationOverdue: false });
    const id = r.data?.designateArea.id;
    hub.clock.advance(200 * DAY); // past the half year
    try {
      const later = await hub.gql(
        'municipality',
        `{ cameraAreas(municipality: "${UTRECHT}", first: 100) { edges { node { id decisions { id status evaluationOverdue } } } } }`,
      );
      const d = later.data?.cameraAreas.edges.flatMap((e: any) => e.node.decisions).find((x: any) => x.id === id);
      expect(d).toMatchObject({ status: 'EXPIRED' });
    } finally {
      hub.clock.advance(-200 * DAY);
    }
    // renewal only by a new decision: an overlapping one is a conflict
    const areaId = r.data?.designateArea.area.id;
    const overlap = neighbourhood(UTRECHT, start, 3);
    const again = await hub.gql('municipality', DESIGNATE, { i: { ...overlap.i, newArea: undefined, areaId } });
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('a draft is filed before the signs and the letter, then published once both are done (003 §2.3, §4.3)', async () => {
    const PUBLISH =
      'mutation($id: ID!, $s: Boolean!, $r: Boolean!) { publishDesignation(id: $id, signagePlaced: $s, residentsInformed: $r) { id status } }';
    const draft = await hub.gql(
      'municipality',
      DESIGNATE,
      neighbourhood(UTRECHT, hub.clock.now(), 6, { published: false, signagePlaced: false, residentsInformed: false }),
    );
    expect(draft.errors).toBeUndefined();
    const id = draft.data?.designateArea.id;
    expect(draft.data?.designateArea.status).toBe('DRAFT');
    expect(codes(await hub.gql('municipality', PUBLISH, { id, s: true, r: false }))).toEqual(['BAD_USER_INPUT']);
    for (const who of ['company', 'citizen', 'authority'] as const)
      expect(codes(await hub.gql(who, PUBLISH, { id, s: true, r: true }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', 'company', PUBLISH, { id, s: true, r: true }))).toEqual(['FORBIDDEN']);
    const other = {
      kind: 'municipality' as const,
      sub: 'den-haag-1',
      org: 'gemeente-den-haag',
      municipality: 'GM0518',
    };
    expect(codes(await hub.gql(other, PUBLISH, { id, s: true, r: true }))).toEqual(['NOT_FOUND']); // a draft is not public
    // the draft's new area is not announced yet: only its municipality (and the supervisor) list it
    const areaId = draft.data?.designateArea.area.id;
    const listed = async (who: Parameters<Hub['gql']>[0]) =>
      (
        (await hub.gql(who, `{ cameraAreas(municipality: "${UTRECHT}", first: 100) { edges { node { id } } } }`)).data
          ?.cameraAreas.edges ?? []
      ).some((e: any) => e.node.id === areaId);
    expect(await listed('public')).toBe(false);
    expect(await listed('company')).toBe(false);
    expect(await listed(other)).toBe(false);
    expect(await listed('municipality')).toBe(true);
    expect(await listed('authority')).toBe(true);
    const published = await hub.gql('municipality', PUBLISH, { id, s: true, r: true });
    expect(published.errors).toBeUndefined();
    expect(await listed('public')).toBe(true);
    expect(published.data?.publishDesignation).toEqual({ id, status: 'ACTIVE' });
    expect(codes(await hub.gql('municipality', PUBLISH, { id, s: true, r: true }))).toEqual(['CONFLICT']);
  });

  it('no designation before its publication (Awb art. 3:40): backdated is BAD_USER_INPUT, a draft published late is CONFLICT', async () => {
    const before = [await count('areas'), await count('decisions')];
    const yearAgo = new Date(hub.clock.now().getTime() - 365 * DAY);
    const backdated = await hub.gql('municipality', DESIGNATE, neighbourhood(UTRECHT, yearAgo, 6));
    expect(codes(backdated)).toEqual(['BAD_USER_INPUT']);
    expect(backdated.errors?.[0]?.message).toMatch(/Awb art. 3:40/);
    expect([await count('areas'), await count('decisions')]).toEqual(before);
    // a draft from today, published three days later: its period would have begun before publication
    const draft = await hub.gql(
      'municipality',
      DESIGNATE,
      neighbourhood(UTRECHT, hub.clock.now(), 6, { published: false, signagePlaced: false, residentsInformed: false }),
    );
    expect(draft.errors).toBeUndefined();
    hub.clock.advance(3 * DAY);
    try {
      const late = await hub.gql(
        'municipality',
        'mutation($id: ID!) { publishDesignation(id: $id, signagePlaced: true, residentsInformed: true) { status } }',
        { id: draft.data?.designateArea.id },
      );
      expect(codes(late)).toEqual(['CONFLICT']);
    } finally {
      hub.clock.advance(-3 * DAY);
    }
  });

  it('another municipality is refused and nothing is written', async () => {
    const before = [await count('areas'), await count('decisions')];
    const r = await hub.gql('municipality', DESIGNATE, neighbourhood('GM0518', hub.clock.now()));
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const onExisting = await hub.gql('municipality', DESIGNATE, {
      i: { ...neighbourhood('GM0518', hub.clock.now()).i, newArea: undefined, areaId: 'denhaag-centraal' },
    });
    expect(codes(onExisting)).toEqual(['FORBIDDEN']);
    const end = await hub.gql(
      'municipality',
      'mutation { endDesignation(id: "denhaag-centraal-decision", reason: "x") { id } }',
    );
    expect(codes(end)).toEqual(['FORBIDDEN']);
    expect([await count('areas'), await count('decisions')]).toEqual(before);
    for (const who of ['company', 'citizen', 'authority'] as const) {
      expect(codes(await hub.gql(who, DESIGNATE, neighbourhood(UTRECHT, hub.clock.now())))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', DESIGNATE, neighbourhood(UTRECHT, hub.clock.now())))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it.each([
    ['period end before start', { validUntil: '2020-01-01T00:00:00Z' }],
    ['longer than 6 months for a neighbourhood', { validUntil: '2099-01-01T00:00:00Z' }],
    ['feeling of safety alone', { subGoals: ['FEELING_OF_SAFETY'] }],
    ['oversized reference', { reference: 'r'.repeat(201) }],
    ['publication before the signs are placed', { signagePlaced: false }],
    ['publication before the residents are informed', { residentsInformed: false }],
  ])('a decision with %s is BAD_USER_INPUT and writes nothing', async (_n, overrides) => {
    const before = [await count('areas'), await count('decisions')];
    const r = await hub.gql('municipality', DESIGNATE, neighbourhood(UTRECHT, hub.clock.now(), 6, overrides));
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect([await count('areas'), await count('decisions')]).toEqual(before);
  });

  it('evaluations: the municipality records them for its own decisions; the public cannot read them', async () => {
    const EVAL = 'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id effective decision { id } } }';
    const input = {
      decisionId: 'utrecht-binnenstad-decision',
      effective: true,
      conclusion: 'Fewer incidents at night',
      continueSurveillance: true,
    };
    const r = await hub.gql('municipality', EVAL, { i: input });
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordEvaluation.decision.id).toBe('utrecht-binnenstad-decision');
    expect(
      codes(await hub.gql('municipality', EVAL, { i: { ...input, decisionId: 'denhaag-centraal-decision' } })),
    ).toEqual(['FORBIDDEN']);
    const own = await hub.gql(
      'municipality',
      `{ cameraAreas(municipality: "${UTRECHT}") { edges { node { id decisions { evaluations { conclusion } } } } } }`,
    );
    expect(JSON.stringify(own.data)).toContain('Fewer incidents at night');
    expect(
      codes(await hub.gql('public', '{ cameraAreas { edges { node { decisions { evaluations { conclusion } } } } } }')),
    ).toEqual(['UNAUTHENTICATED']);
  });
});

// Registrations end to end: ownership (another company's is NOT_FOUND), what each actor sees,
// compliance with a moved clock, camerasNear against a brute-force check, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor, ActorKind } from '@hub/auth';
import { distanceMeters } from '@hub/registrations';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const acme: Actor = { kind: 'company', sub: 'acme-1', org: 'KVK-11111111' };
const rival: Actor = { kind: 'company', sub: 'rival-1', org: 'KVK-22222222' };
const REGISTER =
  'mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id status complianceFlags } }';
const input = (o: Record<string, unknown> = {}) => ({
  ownerName: 'Bakkerij De Neude',
  placeType: 'SHOP',
  address: 'Neude 11, Utrecht',
  location: { latitude: 52.0931, longitude: 5.1188 },
  mounting: 'FIXED',
  purpose: 'theft prevention',
  filmsPublicSpace: true,
  publicSpaceDescription: 'pavement at the entrance',
  liveView: true,
  alarmCentre: 'Alarmcentrale Midden',
  retentionDays: 28,
  signage: true,
  contact: { name: 'J. Jansen', phone: '+31 30 1234567', email: 'j.jansen@example.nl' },
  municipality: 'GM0344',
  ...o,
});
async function register(who: Actor, o: Record<string, unknown> = {}): Promise<string> {
  const r = await hub.gql(who, REGISTER, { i: input(o) });
  expect(r.errors).toBeUndefined();
  return r.data!.registerPrivateCamera.id;
}
const count = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from registrations.registrations`))[0]!
    .n;

describe('ownership', () => {
  it("a company manages only its own; another company's is NOT_FOUND, not FORBIDDEN", async () => {
    const id = await register(acme);
    const mine = await hub.gql(acme, '{ myRegistrations { edges { node { id ownerOrg contactEmail } } } }');
    expect(mine.data?.myRegistrations.edges.map((e: any) => e.node.id)).toContain(id);
    expect(mine.data?.myRegistrations.edges.every((e: any) => e.node.ownerOrg === acme.org)).toBe(true);
    expect((await hub.gql(rival, '{ myRegistrations { totalCount } }')).data?.myRegistrations.totalCount).toBe(0);
    for (const op of [
      `{ privateCameraRegistration(id: "${id}") { id } }`,
      `mutation { updatePrivateCamera(id: "${id}", input: { retentionDays: 7 }) { id } }`,
      `mutation { confirmPrivateCamera(id: "${id}") { id } }`,
      `mutation { deregisterPrivateCamera(id: "${id}") { id } }`,
    ]) {
      expect(codes(await hub.gql(rival, op)), op).toEqual(['NOT_FOUND']);
      expect(codes(await hub.direct('registrations', rival, op)), op).toEqual(['NOT_FOUND']);
    }
    // declaring for another company is refused by the policy's row check, and writes nothing
    const before = await count();
    expect(codes(await hub.gql(acme, REGISTER, { i: input({ ownerOrg: rival.org }) }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('registrations', acme, REGISTER, { i: input({ ownerOrg: rival.org }) }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await count()).toBe(before);
    const upd = await hub.gql(
      acme,
      `mutation { updatePrivateCamera(id: "${id}", input: { retentionDays: 14, signage: true }) { retentionDays } }`,
    );
    expect(upd.data?.updatePrivateCamera.retentionDays).toBe(14);
    const dereg = await hub.gql(acme, `mutation { deregisterPrivateCamera(id: "${id}") { status } }`);
    expect(dereg.data?.deregisterPrivateCamera.status).toBe('DEREGISTERED');
  });
});

describe('who sees what', () => {
  let publicSpace: string;
  let indoor: string;
  let almere: string;
  beforeAll(async () => {
    publicSpace = await register(acme);
    indoor = await register(acme, {
      filmsPublicSpace: false,
      publicSpaceDescription: null,
      address: 'Neude 11 (inside)',
    });
    almere = await register(rival, {
      municipality: 'GM0034',
      address: 'Stadhuisplein 1, Almere',
      location: { latitude: 52.3705, longitude: 5.2141 },
    });
  });
  const list = (who: ActorKind | Actor, fields = 'id') =>
    hub.gql(who, `{ privateCameraRegistrations(first: 100) { edges { node { ${fields} } } } }`);
  const ids = (r: Awaited<ReturnType<typeof list>>) =>
    (r.data?.privateCameraRegistrations.edges ?? []).map((e: any) => e.node.id);

  it('police: everything, contact details included', async () => {
    const r = await list('police', 'id contactName contactPhone contactEmail complianceFlags');
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(expect.arrayContaining([publicSpace, indoor, almere]));
  });

  it('authority: only those filming public space, with contacts and flags', async () => {
    const r = await list('authority', 'id filmsPublicSpace contactEmail complianceFlags');
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(expect.arrayContaining([publicSpace, almere]));
    expect(ids(r)).not.toContain(indoor);
    expect(r.data?.privateCameraRegistrations.edges.every((e: any) => e.node.filmsPublicSpace)).toBe(true);
    expect(codes(await hub.gql('authority', `{ privateCameraRegistration(id: "${indoor}") { id } }`))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await hub.gql('authority', REGISTER, { i: input() }))).toEqual(['FORBIDDEN']);
  });

  it('municipality: its own municipality, without contact details', async () => {
    const r = await list('municipality', 'id municipality address complianceFlags');
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(expect.arrayContaining([publicSpace, indoor]));
    expect(ids(r)).not.toContain(almere);
    for (const f of ['contactName', 'contactPhone', 'contactEmail', 'ownerName']) {
      expect(codes(await list('municipality', `id ${f}`)), f).toEqual(['FORBIDDEN']);
    }
    expect(
      codes(
        await hub.gql('municipality', '{ camerasNear(lat: 52.09, lon: 5.12, radiusMeters: 100) { distanceMeters } }'),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it.each(['citizen', 'public'] as const)('%s: a count per municipality at most', async (who) => {
    const counts = await hub.gql(who, '{ registrationCounts { municipality count } }');
    expect(counts.errors).toBeUndefined();
    expect(counts.data?.registrationCounts.find((c: any) => c.municipality === 'GM0344')?.count).toBeGreaterThan(0);
    const refusedCode = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    for (const op of [
      '{ privateCameraRegistrations { totalCount } }',
      '{ myRegistrations { totalCount } }',
      `{ privateCameraRegistration(id: "${publicSpace}") { id } }`,
      '{ camerasNear(lat: 52.09, lon: 5.12, radiusMeters: 100) { distanceMeters } }',
    ]) {
      expect(codes(await hub.gql(who, op)), op).toEqual([refusedCode]);
      expect(codes(await hub.direct('registrations', who, op)), op).toEqual([refusedCode]);
    }
    expect(codes(await hub.gql(who, REGISTER, { i: input() }))).toEqual([refusedCode]);
  });

  it('a company: camerasNear and other owners are out of reach', async () => {
    expect(
      codes(await hub.gql(acme, '{ camerasNear(lat: 52.09, lon: 5.12, radiusMeters: 100) { distanceMeters } }')),
    ).toEqual(['FORBIDDEN']);
    expect(ids(await list(acme))).not.toContain(almere);
  });
});

describe('compliance with a moved clock', () => {
  it('flags retention, signage, and a missed yearly confirmation (LAPSED until confirmed)', async () => {
    const id = await register(acme, { retentionDays: 60, signage: false });
    const get = () => hub.gql('authority', `{ privateCameraRegistration(id: "${id}") { status complianceFlags } }`);
    expect((await get()).data?.privateCameraRegistration).toEqual({
      status: 'ACTIVE',
      complianceFlags: ['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE'],
    });
    // each flag as a filter (SQL) agrees with the flags computed per registration (domain)
    for (const flag of ['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE', 'CONFIRMATION_OVERDUE']) {
      const r = await hub.gql(
        'authority',
        `{ privateCameraRegistrations(filter: { flag: ${flag} }, first: 100) { edges { node { id complianceFlags } } } }`,
      );
      expect(r.errors).toBeUndefined();
      const nodes = r.data!.privateCameraRegistrations.edges.map((e: any) => e.node);
      expect(nodes.every((n: any) => n.complianceFlags.includes(flag))).toBe(true);
      expect(nodes.some((n: any) => n.id === id)).toBe(flag !== 'CONFIRMATION_OVERDUE');
    }
    hub.clock.advance(366 * DAY);
    try {
      expect((await get()).data?.privateCameraRegistration).toEqual({
        status: 'LAPSED',
        complianceFlags: ['RETENTION_TOO_LONG', 'PUBLIC_SPACE_WITHOUT_SIGNAGE', 'CONFIRMATION_OVERDUE'],
      });
      const flagged = await hub.gql(
        'authority',
        '{ privateCameraRegistrations(filter: { flag: CONFIRMATION_OVERDUE }, first: 100) { edges { node { id } } } }',
      );
      expect(flagged.data?.privateCameraRegistrations.edges.map((e: any) => e.node.id)).toContain(id);
      await hub.gql(acme, `mutation { confirmPrivateCamera(id: "${id}") { status } }`);
      expect((await get()).data?.privateCameraRegistration.status).toBe('ACTIVE');
    } finally {
      hub.clock.advance(-366 * DAY);
    }
  });
});

describe('camerasNear against a brute-force check', () => {
  let points: Array<{ id: string; lat: number; lon: number; source: 'PRIVATE' | 'PUBLIC' }>;
  beforeAll(async () => {
    // 400 declared cameras scattered around Utrecht's centre, written directly for speed
    const db = hub.stack.database;
    let s = 7;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 400; i++) {
      const lat = 52.08 + rnd() * 0.03;
      const lon = 5.1 + rnd() * 0.04;
      await db.db.execute(sql`insert into registrations.registrations
        (id, owner_org, owner_name, place_type, address, latitude, longitude, mounting, purpose, films_public_space, live_view,
         retention_days, signage, contact_name, contact_phone, contact_email, municipality, country, status, registered_at, confirmed_at)
        values (${`geo-${i}`}, 'KVK-GEO', 'geo', 'SHOP', 'x', ${lat}, ${lon}, 'FIXED', 'p', false, ${i % 3 === 0},
                28, true, 'c', '+31 6 12345678', 'c@example.nl', 'GM0344', 'NL', 'ACTIVE', now(), now())`);
    }
    const priv = await db.query<{ id: string; latitude: number; longitude: number }>(
      sql`select id, latitude, longitude from registrations.registrations where status = 'ACTIVE'`,
    );
    const pub = await db.query<{ id: string; latitude: number; longitude: number }>(
      sql`select id, latitude, longitude from registrations.public_cameras`,
    );
    points = [
      ...priv.map((p) => ({ id: p.id, lat: p.latitude, lon: p.longitude, source: 'PRIVATE' as const })),
      ...pub.map((p) => ({ id: p.id, lat: p.latitude, lon: p.longitude, source: 'PUBLIC' as const })),
    ];
    expect(pub.length).toBeGreaterThan(50);
  });
  const NEAR =
    'query($lat: Float!, $lon: Float!, $r: Float!, $n: Int) { camerasNear(lat: $lat, lon: $lon, radiusMeters: $r, first: $n) { source distanceMeters camera { id } registration { id } } }';
  const near = async (lat: number, lon: number, r: number, n = 200) => {
    const res = await hub.gql('police', NEAR, { lat, lon, r, n });
    expect(res.errors).toBeUndefined();
    return (
      res.data?.camerasNear as Array<{
        camera: { id: string } | null;
        registration: { id: string } | null;
        distanceMeters: number;
      }>
    ).map((x) => x.camera?.id ?? x.registration!.id);
  };
  const brute = (lat: number, lon: number, r: number, n = 200) =>
    points
      .map((p) => ({ id: p.id, d: distanceMeters(lat, lon, p.lat, p.lon) }))
      .filter((p) => p.d <= r)
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, n)
      .map((p) => p.id);

  it('random points and radii give exactly the brute-force answer, nearest first', async () => {
    let s = 99;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 25; i++) {
      const lat = 52.08 + rnd() * 0.03;
      const lon = 5.1 + rnd() * 0.04;
      const r = [50, 250, 600, 1500][i % 4]!;
      expect(await near(lat, lon, r), `${lat},${lon} r=${r}`).toEqual(brute(lat, lon, r));
    }
  });

  it('edge cases: radius 0, a point exactly on the boundary, a very large radius', async () => {
    const p = points.find((x) => x.id === 'geo-5')!;
    expect(await near(p.lat, p.lon, 0)).toEqual(brute(p.lat, p.lon, 0));
    expect(await near(p.lat, p.lon, 0)).toContain('geo-5');
    // a neighbour (the 4th nearest) placed exactly on the boundary counts as within
    const q = points.find((x) => x.id === brute(p.lat, p.lon, 5000)[3])!;
    const exact = distanceMeters(p.lat, p.lon, q.lat, q.lon);
    expect(await near(p.lat, p.lon, exact)).toContain(q.id);
    expect(await near(p.lat, p.lon, exact)).toEqual(brute(p.lat, p.lon, exact));
    expect(await near(p.lat, p.lon, 1_000_000)).toEqual(brute(p.lat, p.lon, 1_000_000));
    expect((await near(p.lat, p.lon, 1_000_000)).length).toBe(200);
  });

  it('bad input: latitude 91, negative or huge radius', async () => {
    expect(codes(await hub.gql('police', NEAR, { lat: 91, lon: 5, r: 10 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('police', NEAR, { lat: 52, lon: 5, r: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('police', NEAR, { lat: 52, lon: 5, r: 2_000_000 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('bad input writes nothing', () => {
  it.each([
    ['latitude 91', { location: { latitude: 91, longitude: 5 } }],
    ['empty address', { address: '' }],
    ['blank address', { address: '   ' }],
    ['unknown municipality', { municipality: 'GM9999' }],
    ['zero retention', { retentionDays: 0 }],
    ['bad email', { contact: { name: 'x', phone: '+31 6 12345678', email: 'not-an-email' } }],
    ['live view without alarm centre', { alarmCentre: null }],
    ['NUL in the address', { address: 'Neude 1\u0000' }],
    ['unpaired surrogate in the purpose', { purpose: 'theft \ud800' }],
  ])('%s', async (_n, o) => {
    const before = await count();
    expect(codes(await hub.gql(acme, REGISTER, { i: input(o) }))).toEqual(['BAD_USER_INPUT']);
    expect(await count()).toBe(before);
  });
});

describe('refused changes write nothing', () => {
  const UPDATE =
    'mutation($id: ID!, $i: UpdatePrivateCameraInput!) { updatePrivateCamera(id: $id, input: $i) { id retentionDays } }';
  const CONFIRM = 'mutation($id: ID!) { confirmPrivateCamera(id: $id) { id } }';
  // the row as stored and the registrations events published: both must stay as they are
  const state = async (id: string) => ({
    row: await hub.stack.database.query(sql`select * from registrations.registrations where id = ${id}`),
    events: (
      await hub.stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from events.outbox where topic like 'registrations.%'`,
      )
    )[0]!.n,
  });

  it('an update with nothing to change is BAD_USER_INPUT, not a crash', async () => {
    const id = await register(acme);
    const before = await state(id);
    for (const i of [{}, { retentionDays: null, address: null, contact: null }]) {
      expect(codes(await hub.gql(acme, UPDATE, { id, i })), JSON.stringify(i)).toEqual(['BAD_USER_INPUT']);
      expect(codes(await hub.direct('registrations', acme, UPDATE, { id, i })), JSON.stringify(i)).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    const r = await hub.gql(acme, `mutation { updatePrivateCamera(id: "${id}", input: {}) { id } }`);
    expect(r.errors?.[0]?.message).toMatch(/nothing to change/);
    expect(await state(id)).toEqual(before);
  });

  it('a deregistered camera is not changed or confirmed: CONFLICT; another company still gets NOT_FOUND', async () => {
    const id = await register(acme);
    expect(
      (await hub.gql(acme, `mutation { deregisterPrivateCamera(id: "${id}") { status } }`)).data
        ?.deregisterPrivateCamera.status,
    ).toBe('DEREGISTERED');
    const before = await state(id);
    for (const send of [
      (who: Actor, q: string, v?: Record<string, unknown>) => hub.gql(who, q, v),
      (who: Actor, q: string, v?: Record<string, unknown>) => hub.direct('registrations', who, q, v),
    ]) {
      expect(codes(await send(acme, UPDATE, { id, i: { retentionDays: 7 } }))).toEqual(['CONFLICT']);
      expect(codes(await send(acme, CONFIRM, { id }))).toEqual(['CONFLICT']);
      expect(codes(await send(rival, UPDATE, { id, i: { retentionDays: 7 } }))).toEqual(['NOT_FOUND']);
      expect(codes(await send(rival, CONFIRM, { id }))).toEqual(['NOT_FOUND']);
    }
    expect(await state(id)).toEqual(before);
  });
});

describe('registrationChanged', () => {
  it("a company sees its own changes live, not a rival's", async () => {
    const sub = collect(hub.ws(acme), 'subscription { registrationChanged { id ownerOrg status } }');
    try {
      // the subscription reaches the subgraph through the gateway: on a busy machine that takes seconds
      await new Promise((r) => setTimeout(r, 5000));
      await register(rival);
      const id = await register(acme);
      await waitFor(() => sub.events.length >= 1, 30_000, 'registration event');
      await new Promise((r) => setTimeout(r, 1000));
      // which registrations arrived (an upstream re-subscription may deliver one twice; the rival's never)
      expect([...new Set(sub.events.map((e: any) => e.registrationChanged.id))]).toEqual([id]);
    } finally {
      sub.dispose();
    }
  });
});

describe('date of first use (004: a Belgian camera is declared before it is used)', () => {
  const antwerp: Actor = { kind: 'company', sub: 'frituur-1', org: 'KBO-0456789123' };
  const antwerpCouncil: Actor = {
    kind: 'municipality',
    sub: 'oov-antwerpen-1',
    org: 'stad-antwerpen-veiligheid',
    municipality: '11002',
  };
  const belgian = (o: Record<string, unknown> = {}) => ({
    ownerName: 'Frituur Het Eilandje',
    address: 'Londenstraat 5, Antwerpen',
    location: { latitude: 51.2291, longitude: 4.4051 },
    municipality: '11002',
    retentionDays: 30,
    ...o,
  });
  const at = (days: number) => new Date(hub.clock.now().getTime() + days * DAY).toISOString();
  const FLAG = 'DECLARED_AFTER_FIRST_USE';
  const REG =
    'mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id firstUseAt complianceFlags } }';
  const UPDATE =
    'mutation($id: ID!, $i: UpdatePrivateCameraInput!) { updatePrivateCamera(id: $id, input: $i) { id firstUseAt complianceFlags } }';
  const row = async (id: string) =>
    hub.stack.database.query(sql`select * from registrations.registrations where id = ${id}`);

  it('required in Belgium, bad values refused: BAD_USER_INPUT at the gateway and the subgraph, nothing written', async () => {
    for (const [name, o] of [
      ['no date in Belgium', {}],
      ['before 1900', { firstUseAt: '1899-12-31T00:00:00Z' }],
      ['more than a year ahead', { firstUseAt: at(400) }],
      ['not a date', { firstUseAt: 'next monday' }],
    ] as const) {
      const before = await count();
      expect(codes(await hub.gql(antwerp, REG, { i: input(belgian(o)) })), name).toEqual(['BAD_USER_INPUT']);
      expect(codes(await hub.direct('registrations', antwerp, REG, { i: input(belgian(o)) })), name).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await count(), name).toBe(before);
    }
    // optional in the Netherlands (a voluntary register), and a date there is never "too late"
    const nl = await hub.gql(acme, REG, { i: input({ firstUseAt: '2019-05-01T08:00:00Z' }) });
    expect(nl.errors).toBeUndefined();
    expect(nl.data?.registerPrivateCamera.firstUseAt).toBe('2019-05-01T08:00:00.000Z');
    expect(nl.data?.registerPrivateCamera.complianceFlags).not.toContain(FLAG);
    const none = await hub.gql(acme, REG, { i: input() });
    expect(none.data?.registerPrivateCamera).toMatchObject({ firstUseAt: null, complianceFlags: [] });
    // moving a Dutch declaration into Belgium needs the date
    const id = none.data!.registerPrivateCamera.id as string;
    const before = await row(id);
    expect(codes(await hub.gql(acme, UPDATE, { id, i: { municipality: '11002' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await row(id)).toEqual(before);
  });

  it('declared after first use: flagged for the company, the authority, police and the municipality; the flag filter agrees', async () => {
    const sub = collect(hub.ws(antwerp), 'subscription { registrationChanged { id firstUseAt complianceFlags } }');
    await new Promise((r) => setTimeout(r, 400));
    const firstUse = at(-10);
    const late = await hub.gql(antwerp, REG, { i: input(belgian({ firstUseAt: firstUse })) });
    expect(late.errors).toBeUndefined();
    const id = late.data!.registerPrivateCamera.id as string;
    expect(late.data?.registerPrivateCamera.complianceFlags).toEqual([FLAG]);
    const inTime = await hub.gql(antwerp, REG, { i: input(belgian({ firstUseAt: at(3) })) });
    expect(inTime.data?.registerPrivateCamera.complianceFlags).toEqual([]);
    const inTimeId = inTime.data!.registerPrivateCamera.id as string;

    // the event carries the date and the flag (the payload's times are strings until read back)
    await waitFor(() => sub.events.length >= 2, 8000, 'registration events');
    expect(sub.events[0].registrationChanged).toEqual({
      id,
      firstUseAt: new Date(firstUse).toISOString(),
      complianceFlags: [FLAG],
    });
    sub.dispose();

    const mine = await hub.gql(antwerp, '{ myRegistrations { edges { node { id firstUseAt complianceFlags } } } }');
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myRegistrations.edges.find((e: any) => e.node.id === id)?.node.complianceFlags).toEqual([FLAG]);
    for (const who of ['authority', 'police', antwerpCouncil] as const) {
      const r = await hub.gql(
        who,
        `{ privateCameraRegistrations(filter: { flag: ${FLAG} }, first: 100) { edges { node { id firstUseAt complianceFlags } } } }`,
      );
      expect(r.errors, JSON.stringify(who)).toBeUndefined();
      const nodes = r.data!.privateCameraRegistrations.edges.map((e: any) => e.node);
      expect(
        nodes.map((n: any) => n.id),
        JSON.stringify(who),
      ).toContain(id);
      expect(
        nodes.map((n: any) => n.id),
        JSON.stringify(who),
      ).not.toContain(inTimeId);
      expect(nodes.every((n: any) => n.complianceFlags.includes(FLAG))).toBe(true);
    }
    // the other municipalities do not see it at all: as if it did not exist
    expect(codes(await hub.gql('municipality', `{ privateCameraRegistration(id: "${id}") { id } }`))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await hub.gql('municipality', '{ privateCameraRegistration(id: "no-such-id") { id } }'))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('a future date is fine, before and after it passes; it may be moved until then, not after (CONFLICT, nothing written)', async () => {
    const r = await hub.gql(antwerp, REG, { i: input(belgian({ firstUseAt: at(5) })) });
    expect(r.errors).toBeUndefined();
    const id = r.data!.registerPrivateCamera.id as string;
    const get = async (who: ActorKind | Actor = 'authority') =>
      (await hub.gql(who, `{ privateCameraRegistration(id: "${id}") { firstUseAt complianceFlags } }`)).data
        ?.privateCameraRegistration;
    expect((await get()).complianceFlags).toEqual([]);
    // moved while it lies ahead
    const moved = await hub.gql(antwerp, UPDATE, { id, i: { firstUseAt: at(8) } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updatePrivateCamera.complianceFlags).toEqual([]);
    hub.clock.advance(20 * DAY);
    try {
      // in use now, declared in time: still no flag
      expect((await get()).complianceFlags).toEqual([]);
      expect((await get('police')).complianceFlags).toEqual([]);
      const before = await row(id);
      for (const send of [
        (v: Record<string, unknown>) => hub.gql(antwerp, UPDATE, v),
        (v: Record<string, unknown>) => hub.direct('registrations', antwerp, UPDATE, v),
      ]) {
        expect(codes(await send({ id, i: { firstUseAt: at(-1) } }))).toEqual(['CONFLICT']);
        expect(codes(await send({ id, i: { firstUseAt: at(2) } }))).toEqual(['CONFLICT']);
        expect(codes(await send({ id, i: { firstUseAt: '1850-01-01T00:00:00Z' } }))).toEqual(['BAD_USER_INPUT']);
      }
      expect(await row(id)).toEqual(before);
      // the rest of the declaration may still change
      const other = await hub.gql(antwerp, UPDATE, { id, i: { retentionDays: 14 } });
      expect(other.errors).toBeUndefined();
    } finally {
      hub.clock.advance(-20 * DAY);
    }
  });
});

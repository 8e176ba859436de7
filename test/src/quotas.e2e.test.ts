// Quotas (docs/QUOTAS.md): per-actor daily quotas where the domain has a natural ceiling (registrations per
// company, access requests per citizen, plate searches per officer), refused with RATE_LIMITED and
// `extensions.retryAfter` (the gateway adds Retry-After), nothing written; limits are configuration
// (docs/QUOTAS.md) — here 3 a day each. Through the gateway and straight at the subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

const LIMITS = {
  QUOTA_REGISTRATIONS_PER_COMPANY_PER_DAY: '3',
  QUOTA_ACCESS_REQUESTS_PER_CITIZEN_PER_DAY: '3',
  QUOTA_PLATE_SEARCHES_PER_OFFICER_PER_DAY: '3',
};
let hub: Hub;
beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  hub = await bootHub();
  // the day starts now: the test does not run across midnight UTC
  const now = new Date();
  hub.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9)));
}, 180_000);
afterAll(async () => {
  for (const k of Object.keys(LIMITS)) delete process.env[k];
  await hub?.close();
});

/** A raw call through the gateway, for the HTTP header. */
async function raw(who: Actor | 'citizen' | 'police', query: string, variables: Record<string, unknown>) {
  const token = await hub.token(who);
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    header: res.headers.get('retry-after'),
    body: (await res.json()) as {
      data?: any;
      errors?: Array<{ message: string; extensions?: { code?: string; retryAfter?: number } }>;
    },
  };
}
/** Seconds from the hub's clock to the next midnight UTC: the day window's end. */
const untilMidnight = () => {
  const now = hub.clock.now();
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);
};
function expectLimited(r: Awaited<ReturnType<typeof raw>>) {
  expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  const wait = r.body.errors![0]!.extensions!.retryAfter!;
  // the wait is the rest of the (UTC) day, give or take the seconds the calls took
  expect(wait).toBeGreaterThan(untilMidnight() - 120);
  expect(wait).toBeLessThanOrEqual(untilMidnight() + 1);
  expect(r.header).toBe(String(wait));
}

describe('camera registrations per company per day', () => {
  const acme: Actor = { kind: 'company', sub: 'acme-q', org: 'KVK-55555555' };
  const other: Actor = { kind: 'company', sub: 'other-q', org: 'KVK-66666666' };
  const REGISTER = 'mutation($i: RegisterPrivateCameraInput!) { registerPrivateCamera(input: $i) { id } }';
  const input = (n: number) => ({
    i: {
      ownerName: 'Quota BV',
      placeType: 'SHOP',
      address: `Neude ${n}, Utrecht`,
      location: { latitude: 52.0931, longitude: 5.1188 },
      mounting: 'FIXED',
      purpose: 'theft prevention',
      filmsPublicSpace: false,
      liveView: false,
      retentionDays: 7,
      signage: true,
      contact: { name: 'J. Jansen', phone: '+31 30 1234567', email: 'j.jansen@example.nl' },
      municipality: 'GM0344',
    },
  });
  const count = async (org: string) =>
    (
      await hub.stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from registrations.registrations where owner_org = ${org}`,
      )
    )[0]!.n;

  it('the fourth of a day is RATE_LIMITED with Retry-After, writes nothing, and is allowed again the next day', async () => {
    // refused input uses nothing
    const bad = await hub.gql(acme, REGISTER, { i: { ...input(0).i, municipality: 'GM9999' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    for (let n = 1; n <= 3; n++) expect((await hub.gql(acme, REGISTER, input(n))).errors).toBeUndefined();
    expectLimited(await raw(acme, REGISTER, input(4)));
    const direct = await hub.direct('registrations', acme, REGISTER, input(5));
    expect(codes(direct)).toEqual(['RATE_LIMITED']);
    expect((direct.errors![0]!.extensions as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    expect(await count(acme.org!)).toBe(3);
    // per company: another one is not held back
    expect((await hub.gql(other, REGISTER, input(6))).errors).toBeUndefined();
    // a new day, a new quota
    hub.clock.advance(DAY);
    try {
      expect((await hub.gql(acme, REGISTER, input(7))).errors).toBeUndefined();
      expect(await count(acme.org!)).toBe(4);
    } finally {
      hub.clock.advance(-DAY);
    }
  });
});

describe('access requests per citizen per day', () => {
  const citizen: Actor = { kind: 'citizen', sub: 'citizen-quota-1' };
  const FILE = 'mutation($i: FileAccessRequestInput!) { fileAccessRequest(input: $i) { id } }';
  const input = () => {
    const end = hub.clock.now().getTime() - 3_600_000;
    return {
      i: {
        cameraIds: ['utrecht-neude-1'],
        windowStart: new Date(end - 3_600_000).toISOString(),
        windowEnd: new Date(end).toISOString(),
        place: 'Neude',
        description: 'red coat',
      },
    };
  };

  it('the fourth of a day is RATE_LIMITED with Retry-After and files nothing', async () => {
    const count = async () =>
      (
        await hub.stack.database.query<{ n: number }>(
          sql`select count(*)::int as n from requests.footage_requests where requester_id = ${citizen.sub}`,
        )
      )[0]!.n;
    for (let n = 0; n < 3; n++) expect((await hub.gql(citizen, FILE, input())).errors).toBeUndefined();
    expectLimited(await raw(citizen, FILE, input()));
    expect(codes(await hub.direct('requests', citizen, FILE, input()))).toEqual(['RATE_LIMITED']);
    expect(await count()).toBe(3);
  });
});

describe('plate searches per officer per day', () => {
  const officer: Actor = { kind: 'police', sub: 'officer-quota-1', org: 'politie-antwerpen' };
  const SEARCH =
    'query($f: DateTime!, $t: DateTime!) { anprReads(plate: "1ABC123", from: $f, to: $t, purpose: "PV-2026-77") { totalCount } }';
  const vars = () => ({ f: new Date(hub.clock.now().getTime() - DAY).toISOString(), t: hub.clock.now().toISOString() });

  it('the fourth search of a day is RATE_LIMITED with Retry-After; another officer is not held back', async () => {
    for (let n = 0; n < 3; n++) expect((await hub.gql(officer, SEARCH, vars())).errors).toBeUndefined();
    expectLimited(await raw(officer, SEARCH, vars()));
    expect(codes(await hub.direct('anpr', officer, SEARCH, vars()))).toEqual(['RATE_LIMITED']);
    expect((await hub.gql('police', SEARCH, vars())).errors).toBeUndefined();
  });
});

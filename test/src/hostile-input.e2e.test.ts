// Input no service can store or compute with is BAD_USER_INPUT (or UNAUTHENTICATED for a token's
// claims), never INTERNAL_SERVER_ERROR, and writes nothing: dates outside the range PostgreSQL and
// JavaScript both represent, cursors not of the shape their query encodes, oversized or malformed
// claims in validly signed tokens. At the gateway and, where it applies, at the subgraph directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ACTORS, DEV_ISSUER, signActorAssertion, ACTOR_HEADER } from '@hub/auth';
/** As subgraph-kit's encodeCursor writes them: base64url of the JSON sort key. */
const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
import { bootHub, codes, type GqlResult, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

/** Outside 1970-01-01 … 9999-12-31 (subgraph-kit DATETIME_RANGE): year 0 and 1 fail in PostgreSQL today. */
const BAD_DATES = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '+010000-01-01T00:00:00Z', '10000-01-01T00:00:00Z'];
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-12-01T00:00:00Z';

const expectBadInput = (r: GqlResult, what: string) => {
  expect(codes(r), `${what}: ${JSON.stringify(r.errors)}`).toEqual(['BAD_USER_INPUT']);
  expect(r.status, what).toBeLessThan(500);
};

/** Every DateTime argument of the issue, with the actor that may call it. */
const DATE_CASES: Array<{ name: string; who: 'police' | 'municipality' | 'authority' | 'citizen'; query: string; vars: (d: string) => Record<string, unknown> }> = [
  { name: 'footageStatistics', who: 'municipality', query: 'query($f: DateTime!, $t: DateTime!) { footageStatistics(municipality: "GM0344", from: $f, to: $t) { month } }', vars: (d) => ({ f: d, t: TO }) },
  { name: 'requestStatistics', who: 'municipality', query: 'query($f: DateTime!, $t: DateTime!) { requestStatistics(municipality: "GM0344", from: $f, to: $t) { kind } }', vars: (d) => ({ f: FROM, t: d }) },
  { name: 'auditLog', who: 'authority', query: 'query($f: DateTime) { auditLog(filter: { from: $f }) { totalCount } }', vars: (d) => ({ f: d }) },
  { name: 'retentionReport', who: 'authority', query: 'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount } }', vars: (d) => ({ f: d, t: TO }) },
  { name: 'recordings', who: 'police', query: 'query($t: DateTime) { recordings(filter: { to: $t }, purpose: "PL-2026-1 fuzz") { totalCount } }', vars: (d) => ({ t: d }) },
  { name: 'anprReads', who: 'police', query: 'query($f: DateTime!) { anprReads(plate: "AB123C", from: $f, to: "2026-12-01T00:00:00Z", purpose: "PL-2026-1 fuzz") { totalCount } }', vars: (d) => ({ f: d }) },
  { name: 'anprCounts', who: 'police', query: 'query($f: DateTime!) { anprCounts(cameraId: "antwerpen-noorderlaan-1", from: $f, to: "2026-12-01T00:00:00Z", bucket: DAY) { count } }', vars: (d) => ({ f: d }) },
  { name: 'anprRetentionRuns', who: 'police', query: 'query($t: DateTime!) { anprRetentionRuns(from: "2026-11-01T00:00:00Z", to: $t) { deletedCount } }', vars: (d) => ({ t: d }) },
];

describe('DateTime arguments outside 1970–9999', () => {
  it('are BAD_USER_INPUT on every DateTime argument, as a variable and inline', async () => {
    for (const c of DATE_CASES) {
      for (const d of BAD_DATES) {
        expectBadInput(await hub.gql(c.who, c.query, c.vars(d)), `${c.name} ${d}`);
      }
    }
    const inline = await hub.gql('authority', '{ retentionReport(from: "0000-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { violationCount } }');
    expectBadInput(inline, 'inline year 0');
  });

  it('the edges of the range are accepted', async () => {
    const r = await hub.gql('authority', 'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount } }', {
      f: '1970-01-01T00:00:00Z',
      t: '9999-12-31T23:59:59.999Z',
    });
    expect(r.errors).toBeUndefined();
  });

  it('an access request with a year-0 window is refused and nothing is filed', async () => {
    const count = async () => (await hub.gql('citizen', '{ myRequests { totalCount } }')).data!.myRequests.totalCount as number;
    const before = await count();
    const file = 'mutation($s: DateTime!, $e: DateTime!) { fileAccessRequest(input: { cameraIds: ["utrecht-neude-1"], windowStart: $s, windowEnd: $e, place: "Neude", description: "blue coat" }) { id } }';
    for (const d of BAD_DATES) {
      expectBadInput(await hub.gql('citizen', file, { s: d, e: '2026-11-20T21:30:00Z' }), `windowStart ${d}`);
      expectBadInput(await hub.gql('citizen', file, { s: '2026-11-20T21:00:00Z', e: d }), `windowEnd ${d}`);
    }
    expect(await count()).toBe(before);
  });

  it('the subgraph refuses them on its own', async () => {
    const r = await hub.direct('footage', 'authority', 'query($f: DateTime!) { retentionReport(from: $f, to: "2026-12-01T00:00:00Z") { violationCount } }', { f: '0000-01-01T00:00:00Z' });
    expectBadInput(r, 'direct');
  });
});

describe('cursors not of the shape their query encodes', () => {
  const raw = (s: string) => Buffer.from(s).toString('base64url');
  const HOSTILE_CURSORS = {
    nulInId: encodeCursor(['2026-11-20T00:00:00.000Z', 'a\u0000b']),
    year0: encodeCursor(['0000-01-01T00:00:00.000Z', 'x']),
    year1: encodeCursor(['0001-01-01T00:00:00.000Z', 'x']),
    surrogate: encodeCursor(['2026-11-20T00:00:00.000Z', 'a\ud800']),
    nulInIdOnly: encodeCursor(['a\u0000']),
    notJson: raw('{not json'),
    object: raw('{"a":1}'),
    tooLong: encodeCursor(['x'.repeat(600)]),
    trailingJunk: encodeCursor(['utrecht-neude-1']) + '!!',
    huge: 'A'.repeat(100_000),
  };
  const LISTS: Array<{ who: 'police' | 'authority'; query: string }> = [
    { who: 'police', query: 'query($a: String) { cameras(after: $a) { totalCount } }' },
    { who: 'police', query: 'query($a: String) { signals(after: $a) { totalCount } }' },
    { who: 'police', query: 'query($a: String) { recordings(after: $a, purpose: "PL-2026-1 fuzz") { totalCount } }' },
    { who: 'authority', query: 'query($a: String) { auditLog(after: $a) { totalCount } }' },
    { who: 'police', query: 'query($a: String) { footageRequests(after: $a) { totalCount } }' },
    { who: 'authority', query: 'query($a: String) { privateCameraRegistrations(after: $a) { totalCount } }' },
    { who: 'police', query: 'query($a: String) { anprReads(plate: "AB123C", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", purpose: "PL-2026-1 fuzz", after: $a) { totalCount } }' },
  ];

  it('are BAD_USER_INPUT on every paged list', async () => {
    for (const l of LISTS) {
      for (const [name, after] of Object.entries(HOSTILE_CURSORS)) {
        expectBadInput(await hub.gql(l.who, l.query, { a: after }), `${l.query.slice(0, 40)} ${name}`);
      }
    }
  });

  it('a cursor the list itself returned still pages', async () => {
    const first = await hub.gql('police', '{ cameras(first: 2) { pageInfo { endCursor } } }');
    const next = await hub.gql('police', 'query($a: String) { cameras(first: 2, after: $a) { edges { node { id } } } }', { a: first.data!.cameras.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data!.cameras.edges).toHaveLength(2);
  });
});

describe('claims of a validly signed token', () => {
  const signed = (claims: Record<string, unknown>, sub: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: hub.stack.devKeys.kid })
      .setSubject(sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(hub.stack.devKeys.privateKey);
  const BAD_CLAIMS: Record<string, [Record<string, unknown>, string]> = {
    longSub: [{ kind: 'police' }, 's'.repeat(7000)],
    longOrg: [{ kind: 'company', org: 'o'.repeat(5000) }, 'c-1'],
    nulMunicipality: [{ kind: 'municipality', municipality: 'GM0344\u0000' }, 'm-1'],
    unknownMunicipalityShape: [{ kind: 'municipality', municipality: 'Utrecht' }, 'm-1'],
    controlInSub: [{ kind: 'citizen' }, 'citizen\u0007'],
    surrogateInOrg: [{ kind: 'company', org: 'KVK-\ud800' }, 'c-1'],
    orgNotString: [{ kind: 'company', org: 12345 }, 'c-1'],
    zeroWidthSub: [{ kind: 'citizen' }, 'citizen\u200b8f3a'],
  };

  it('are UNAUTHENTICATED at the gateway, and nothing is written', async () => {
    const file = 'mutation { fileAccessRequest(input: { cameraIds: ["utrecht-neude-1"], windowStart: "2026-11-20T21:00:00Z", windowEnd: "2026-11-20T21:30:00Z", place: "Neude", description: "blue coat" }) { id } }';
    const audit = async () => (await hub.gql('authority', '{ verifyAuditChain { checked } }')).data!.verifyAuditChain.checked as number;
    const before = await audit();
    for (const [name, [claims, sub]] of Object.entries(BAD_CLAIMS)) {
      const token = await signed(claims, sub);
      for (const query of ['{ cameras(first: 1) { totalCount } }', file]) {
        const r = await hub.post({ query }, { authorization: `Bearer ${token}` });
        expect(codes(r), name).toEqual(['UNAUTHENTICATED']);
        expect(r.status, name).toBe(401);
      }
    }
    expect(await audit()).toBe(before);
  });

  it('are UNAUTHENTICATED at a subgraph even in a gateway-signed assertion', async () => {
    const url = hub.stack.subgraphs.find((s) => s.name === 'requests')!.url;
    const bad = [
      { ...DEMO_ACTORS.police, sub: 's'.repeat(7000) },
      { ...DEMO_ACTORS.company, org: 'o'.repeat(5000) },
      { ...DEMO_ACTORS.municipality, municipality: 'GM0344\u0000' },
    ];
    for (const actor of bad) {
      const r = await hub.post({ query: '{ myRequests { totalCount } }' }, { [ACTOR_HEADER]: await signActorAssertion(hub.stack.internalKey, actor) }, url);
      expect(codes(r), actor.sub.slice(0, 10)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('ordinary claims still pass: OIDC-style subjects, CBS and NIS codes', async () => {
    const ok: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'citizen' }, 'auth0|5f7c8ec7c33c6c004bbafe82'],
      [{ kind: 'municipality', municipality: 'GM0518', org: 'gemeente-den-haag' }, 'user@denhaag.nl'],
      [{ kind: 'system', municipality: '11002', org: 'politiezone-antwerpen' }, 'anpr-net-antwerpen'],
      [{ kind: 'police' }, 's'.repeat(255)],
    ];
    for (const [claims, sub] of ok) {
      const r = await hub.post({ query: '{ cameras(first: 1) { totalCount } }' }, { authorization: `Bearer ${await signed(claims, sub)}` });
      expect(r.errors?.map((e) => e.extensions?.code).filter((c) => c === 'UNAUTHENTICATED') ?? [], sub).toEqual([]);
    }
  });
});

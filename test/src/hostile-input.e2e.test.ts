// Input no service can store or compute with is BAD_USER_INPUT (or UNAUTHENTICATED for a token's
// claims), never INTERNAL_SERVER_ERROR, and writes nothing: dates outside the range PostgreSQL and
// JavaScript both represent, cursors not of the shape their query encodes, oversized or malformed
// claims in validly signed tokens. At the gateway and, where it applies, at the subgraph directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  DEFAULT_AUDIENCE,
  DEMO_ACTORS,
  DEV_ISSUER,
  MAX_ERRORS,
  MAX_ERROR_MESSAGE,
  signActorAssertion,
  ACTOR_HEADER,
} from '@hub/auth';
/** As subgraph-kit's encodeCursor writes them: base64url of the JSON sort key. */
const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
import { bootHub, codes, collect, waitFor, type GqlResult, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

/** Outside 1970-01-01 … 8999-12-31 (subgraph-kit DATETIME_MIN/MAX): year 0 and 1 fail in PostgreSQL today. */
const BAD_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '+010000-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
];
const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-12-01T00:00:00Z';

const expectBadInput = (r: GqlResult, what: string) => {
  expect(codes(r), `${what}: ${JSON.stringify(r.errors)}`).toEqual(['BAD_USER_INPUT']);
  expect(r.status, what).toBeLessThan(500);
};

/** Every DateTime argument of the issue, with the actor that may call it. */
const DATE_CASES: Array<{
  name: string;
  who: 'police' | 'municipality' | 'authority' | 'citizen';
  query: string;
  vars: (d: string) => Record<string, unknown>;
}> = [
  {
    name: 'footageStatistics',
    who: 'municipality',
    query:
      'query($f: DateTime!, $t: DateTime!) { footageStatistics(municipality: "GM0344", from: $f, to: $t) { month } }',
    vars: (d) => ({ f: d, t: TO }),
  },
  {
    name: 'requestStatistics',
    who: 'municipality',
    query:
      'query($f: DateTime!, $t: DateTime!) { requestStatistics(municipality: "GM0344", from: $f, to: $t) { kind } }',
    vars: (d) => ({ f: FROM, t: d }),
  },
  {
    name: 'auditLog',
    who: 'authority',
    query: 'query($f: DateTime) { auditLog(filter: { from: $f }) { totalCount } }',
    vars: (d) => ({ f: d }),
  },
  {
    name: 'retentionReport',
    who: 'authority',
    query: 'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount } }',
    vars: (d) => ({ f: d, t: TO }),
  },
  {
    name: 'recordings',
    who: 'police',
    query: 'query($t: DateTime) { recordings(filter: { to: $t }, purpose: "PL-2026-1 fuzz") { totalCount } }',
    vars: (d) => ({ t: d }),
  },
  {
    name: 'anprReads',
    who: 'police',
    query:
      'query($f: DateTime!) { anprReads(plate: "AB123C", from: $f, to: "2026-12-01T00:00:00Z", purpose: "PL-2026-1 fuzz") { totalCount } }',
    vars: (d) => ({ f: d }),
  },
  {
    name: 'anprCounts',
    who: 'police',
    query:
      'query($f: DateTime!) { anprCounts(cameraId: "antwerpen-noorderlaan-1", from: $f, to: "2026-12-01T00:00:00Z", bucket: DAY) { count } }',
    vars: (d) => ({ f: d }),
  },
  {
    name: 'anprRetentionRuns',
    who: 'police',
    query: 'query($t: DateTime!) { anprRetentionRuns(from: "2026-11-01T00:00:00Z", to: $t) { deletedCount } }',
    vars: (d) => ({ t: d }),
  },
];

describe('DateTime arguments outside 1970–8999', () => {
  it('are BAD_USER_INPUT on every DateTime argument, as a variable and inline', async () => {
    for (const c of DATE_CASES) {
      for (const d of BAD_DATES) {
        expectBadInput(await hub.gql(c.who, c.query, c.vars(d)), `${c.name} ${d}`);
      }
    }
    const inline = await hub.gql(
      'authority',
      '{ retentionReport(from: "0000-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { violationCount } }',
    );
    expectBadInput(inline, 'inline year 0');
  });

  it('the edges of the range are accepted', async () => {
    const r = await hub.gql(
      'authority',
      'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount } }',
      {
        f: '1970-01-01T00:00:00Z',
        t: '8999-12-31T23:59:59.999Z',
      },
    );
    expect(r.errors).toBeUndefined();
  });

  it('the domain computes with the edges without leaving what the database stores (a day past 9999 was INTERNAL_SERVER_ERROR)', async () => {
    const areas = await hub.gql(
      'municipality',
      '{ cameraAreas(municipality: "GM0344", first: 1) { edges { node { id } } } }',
    );
    const areaId = areas.data!.cameraAreas.edges[0].node.id as string;
    const query = 'query($a: ID!, $at: DateTime) { liveWatchAllowed(areaId: $a, at: $at) { allowed } }';
    for (const at of ['8999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z']) {
      const r = await hub.gql('municipality', query, { a: areaId, at });
      expect(r.errors, at).toBeUndefined();
      expect(r.data!.liveWatchAllowed.allowed, at).toBe(false);
    }
    expectBadInput(
      await hub.gql('municipality', query, { a: areaId, at: '9999-12-31T23:59:59.999Z' }),
      'liveWatchAllowed at 9999',
    );
  });

  it('an access request with a year-0 window is refused and nothing is filed', async () => {
    const count = async () =>
      (await hub.gql('citizen', '{ myRequests { totalCount } }')).data!.myRequests.totalCount as number;
    const before = await count();
    const file =
      'mutation($s: DateTime!, $e: DateTime!) { fileAccessRequest(input: { cameraIds: ["utrecht-neude-1"], windowStart: $s, windowEnd: $e, place: "Neude", description: "blue coat" }) { id } }';
    for (const d of BAD_DATES) {
      expectBadInput(await hub.gql('citizen', file, { s: d, e: '2026-11-20T21:30:00Z' }), `windowStart ${d}`);
      expectBadInput(await hub.gql('citizen', file, { s: '2026-11-20T21:00:00Z', e: d }), `windowEnd ${d}`);
    }
    expect(await count()).toBe(before);
  });

  it('the subgraph refuses them on its own', async () => {
    const r = await hub.direct(
      'footage',
      'authority',
      'query($f: DateTime!) { retentionReport(from: $f, to: "2026-12-01T00:00:00Z") { violationCount } }',
      { f: '0000-01-01T00:00:00Z' },
    );
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
    {
      who: 'police',
      query:
        'query($a: String) { anprReads(plate: "AB123C", from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", purpose: "PL-2026-1 fuzz", after: $a) { totalCount } }',
    },
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
    const next = await hub.gql(
      'police',
      'query($a: String) { cameras(first: 2, after: $a) { edges { node { id } } } }',
      { a: first.data!.cameras.pageInfo.endCursor },
    );
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
    const file =
      'mutation { fileAccessRequest(input: { cameraIds: ["utrecht-neude-1"], windowStart: "2026-11-20T21:00:00Z", windowEnd: "2026-11-20T21:30:00Z", place: "Neude", description: "blue coat" }) { id } }';
    const audit = async () =>
      (await hub.gql('authority', '{ verifyAuditChain { checked } }')).data!.verifyAuditChain.checked as number;
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
      const r = await hub.post(
        { query: '{ myRequests { totalCount } }' },
        { [ACTOR_HEADER]: await signActorAssertion(hub.stack.internalKey, actor) },
        url,
      );
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
      const r = await hub.post(
        { query: '{ cameras(first: 1) { totalCount } }' },
        { authorization: `Bearer ${await signed(claims, sub)}` },
      );
      expect(r.errors?.map((e) => e.extensions?.code).filter((c) => c === 'UNAUTHENTICATED') ?? [], sub).toEqual([]);
    }
  });
});

// Classes the schema-driven fuzz (fuzz.e2e.test.ts) found, each proved here on its own.
describe('answers to hostile input stay small', () => {
  const INGEST = 'mutation($reads: [AnprReadInput!]!) { ingestAnprReads(reads: $reads) { created } }';
  const badList = Array.from({ length: 10_001 }, () => ({ invalid: true }));

  it('a list of 10,001 bad items: at most MAX_ERRORS errors, all BAD_USER_INPUT, through the gateway and at the subgraph', async () => {
    const viaGateway = await hub.gql('system', INGEST, { reads: badList });
    // was 70,007 errors in 16 MB, after 11 s of the gateway's CPU
    expect(viaGateway.errors!.length).toBeLessThanOrEqual(MAX_ERRORS);
    expect(new Set(codes(viaGateway))).toEqual(new Set(['BAD_USER_INPUT']));
    const direct = await hub.direct('anpr', 'system', INGEST, { reads: badList });
    expect(direct.errors!.length).toBeLessThanOrEqual(MAX_ERRORS);
    // graphql-js's 51st error ("too many errors") had no code and was masked as INTERNAL_SERVER_ERROR
    expect(new Set(codes(direct))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('a 100 KB value is not quoted back whole, over HTTP, graphql-ws and at the subgraph', async () => {
    const huge = 'x'.repeat(100_000);
    const query = 'query($n: Int) { cameras(first: $n) { totalCount } }';
    const http = await hub.gql('police', query, { n: huge });
    const inline = await hub.gql('police', `{ cameras(first: "${huge}") { totalCount } }`);
    const direct = await hub.direct(
      'footage',
      'police',
      'query($t: DateTime) { recordings(filter: { to: $t }, purpose: "PL-2026-1 fuzz") { totalCount } }',
      { t: huge },
    );
    const client = hub.ws('police');
    const ws = collect(client, query, { n: huge });
    await waitFor(() => ws.errors.length > 0, 15_000, 'the graphql-ws error');
    for (const [name, errors] of Object.entries({
      http: http.errors,
      inline: inline.errors,
      direct: direct.errors,
      ws: ws.errors as GqlResult['errors'],
    })) {
      expect(errors?.length, name).toBe(1);
      expect(errors![0]!.message.length, name).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      expect(errors![0]!.message, name).toContain('x'.repeat(60));
      // over graphql-ws the variable's error had no code at all
      expect(errors![0]!.extensions?.code, name).toBe('BAD_USER_INPUT');
    }
  });
});

describe('a subgraph on its own', () => {
  it('_entities refuses representations that name no entity of it with a string id (BAD_USER_INPUT, not INTERNAL_SERVER_ERROR)', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const bad: unknown[] = [
      [[{ __typename: 'Camera', id: 'utrecht-neude-1' }]],
      [{ id: 'utrecht-neude-1' }],
      [{ __typename: 'Query' }],
      [{ __typename: 'Camera', id: 7 }],
      [{ __typename: 'Camera', id: 'a\u0000b' }],
      ['Camera'],
      { length: 1 },
    ];
    for (const r of bad)
      expect(codes(await hub.direct('cameras', 'police', query, { r })), JSON.stringify(r)).toEqual(['BAD_USER_INPUT']);
    const ok = await hub.direct<{ _entities: Array<{ __typename: string } | null> }>('cameras', 'police', query, {
      r: [{ __typename: 'Camera', id: 'utrecht-neude-1' }],
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!._entities[0]!.__typename).toBe('Camera');
  });

  it('over its WebSocket, a document it cannot parse or variables of the wrong type are errors with a code, and the connection stays open', async () => {
    const url = hub.stack.subgraphs.find((s) => s.name === 'cameras')!.url.replace('http', 'ws');
    const assertion = await signActorAssertion(hub.stack.internalKey, DEMO_ACTORS.police);
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { [ACTOR_HEADER]: assertion },
    });
    const closes: number[] = [];
    client.on('closed', (e) => closes.push((e as { code: number }).code));
    try {
      const live = collect(client, 'subscription { cameraStatusChanged { __typename } }');
      // a lone surrogate escape: graphql-ws's own parse threw, and the subgraph closed the connection with 4500
      const bad = collect(client, 'subscription { cameraStatusChanged(after: "x\\ud800y") { __typename } }');
      await waitFor(() => bad.errors.length > 0, 15_000, 'the parse error');
      // an `error` message: its errors arrive as one array
      expect((bad.errors.flat() as NonNullable<GqlResult['errors']>).map((e) => e.extensions?.code)).toEqual([
        'GRAPHQL_PARSE_FAILED',
      ]);
      // a variable of the wrong type: graphql-js's subscribe said so without a code (INTERNAL_SERVER_ERROR once masked)
      const badVariable = collect(client, 'subscription($a: String) { signalShared(after: $a) { __typename } }', {
        a: 12345,
      });
      await waitFor(() => badVariable.errors.length > 0, 15_000, 'the variable error');
      expect((badVariable.errors.flat() as NonNullable<GqlResult['errors']>).map((e) => e.extensions?.code)).toEqual([
        'BAD_USER_INPUT',
      ]);
      await new Promise((r) => setTimeout(r, 300));
      expect(closes).toEqual([]);
      expect(live.errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('a body over 1 MiB is refused with a code, and the connection after it is not reset', async () => {
    const url = hub.stack.subgraphs.find((s) => s.name === 'footage')!.url;
    const headers = {
      'content-type': 'application/json',
      [ACTOR_HEADER]: await signActorAssertion(hub.stack.internalKey, DEMO_ACTORS.police),
    };
    const big = JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(2_000_000) } });
    for (let i = 0; i < 3; i++) {
      // the subgraph used to destroy the socket mid-answer: ECONNRESET here, or for the next request on it
      const res = await fetch(url, { method: 'POST', headers, body: big });
      expect(res.status).toBe(413);
      expect(((await res.json()) as GqlResult).errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      const next = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(next.status).toBe(200);
    }
  });
});

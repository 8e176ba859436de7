// The gateway and subgraph trust boundary: who gets in, what is refused before planning, limits,
// production hardening, health, and the committed supergraph.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import {
  ACTOR_HEADER,
  DEFAULT_AUDIENCE,
  DEMO_ACTORS,
  DEV_ISSUER,
  signActorAssertion,
  internalSecretKey,
} from '@hub/auth';
import { SUPERGRAPH_FILE, composeFromDefinitions } from '@hub/stack';
import { bootHub, codes, collect, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const CAMERAS = '{ cameras(first: 1) { edges { node { id } } } }';
const subgraphUrl = () => hub.stack.subgraphs.find((s) => s.name === 'cameras')!.url;

describe('subgraphs trust only the gateway', () => {
  it('refuses a direct call without the gateway signature', async () => {
    const r = await hub.post({ query: CAMERAS }, {}, subgraphUrl());
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a caller JWT, a forged or expired assertion, and accepts the real one', async () => {
    const userJwt = await hub.token('police');
    expect(codes(await hub.post({ query: CAMERAS }, { [ACTOR_HEADER]: userJwt! }, subgraphUrl()))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(codes(await hub.post({ query: CAMERAS }, { authorization: `Bearer ${userJwt}` }, subgraphUrl()))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const forged = await signActorAssertion(internalSecretKey('x'.repeat(40)), DEMO_ACTORS.police);
    expect(codes(await hub.post({ query: CAMERAS }, { [ACTOR_HEADER]: forged }, subgraphUrl()))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const expired = await new SignJWT({ kind: 'police' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('agent')
      .setIssuer('camhub-gateway')
      .setAudience('camhub-subgraphs')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(hub.stack.internalKey);
    expect(codes(await hub.post({ query: CAMERAS }, { [ACTOR_HEADER]: expired }, subgraphUrl()))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const real = await signActorAssertion(hub.stack.internalKey, DEMO_ACTORS.police);
    const ok = await hub.post({ query: CAMERAS }, { [ACTOR_HEADER]: real }, subgraphUrl());
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.cameras.edges).toHaveLength(1);
  });

  it('refuses a WebSocket subscription without the signature', async () => {
    const client = createClient({
      url: subgraphUrl().replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const outcome: unknown[] = [];
    client.subscribe(
      { query: 'subscription { signalShared { id } }' },
      { next: (v) => outcome.push(v), error: (e) => outcome.push(e), complete: () => outcome.push('complete') },
    );
    await waitFor(() => outcome.length > 0, 5000, 'ws refusal');
    expect(outcome[0]).toMatchObject({ code: 4403 });
    await client.dispose();
  });
});

describe('subgraph WebSockets', () => {
  it('close on a frame over 1 MiB before reading the assertion in it, as the gateway does', async () => {
    const ws = new WebSocket(subgraphUrl().replace('http', 'ws'), 'graphql-transport-ws');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { [ACTOR_HEADER]: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009); // message too big
  });
});

describe('callers are authenticated at the gateway', () => {
  const asBearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const STATUS = '{ cameras(first: 1) { edges { node { status } } } }';

  it('no token is the public actor', async () => {
    expect((await hub.gql('public', CAMERAS)).data?.cameras.edges).toHaveLength(1);
    expect(codes(await hub.gql('public', STATUS))).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects alg=none, HS/RS confusion, wrong issuer or audience, expiry and garbage', async () => {
    const claims = { kind: 'police', sub: 'mallory' };
    const none = new UnsecuredJWT(claims)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    // HS256 "signed" with the public key as secret: the classic key-confusion attack
    const hsConfused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: hub.stack.devKeys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(hub.stack.devKeys.publicJwk)));
    const sign = (iss: string, aud: string, exp: string | number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: hub.stack.devKeys.kid })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime(exp)
        .sign(hub.stack.devKeys.privateKey);
    const other = await generateKeyPair('ES256');
    const strangerKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: hub.stack.devKeys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    const bad = {
      none,
      hsConfused,
      wrongIssuer: await sign('https://evil.example', DEFAULT_AUDIENCE, '1h'),
      wrongAudience: await sign(DEV_ISSUER, 'someone-else', '1h'),
      expired: await sign(DEV_ISSUER, DEFAULT_AUDIENCE, Math.floor(Date.now() / 1000) - 3600),
      strangerKey,
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(bad)) {
      const r = await hub.post({ query: STATUS }, asBearer(token));
      expect(codes(r), name).toEqual(['UNAUTHENTICATED']);
      expect(r.status, name).toBe(401);
      expect(r.data ?? null, name).toBeNull();
    }
    expect(codes(await hub.post({ query: CAMERAS }, { authorization: 'Basic abc' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('a token without a municipality cannot pose as a municipality', async () => {
    const t = await new SignJWT({ kind: 'municipality' })
      .setProtectedHeader({ alg: 'ES256', kid: hub.stack.devKeys.kid })
      .setSubject('x')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(hub.stack.devKeys.privateKey);
    expect(codes(await hub.post({ query: CAMERAS }, asBearer(t)))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('limits', () => {
  it('refuses too deep, too many aliases, too many tokens, too large a body', async () => {
    const deep =
      '{ cameras { edges { node { area { cameras { edges { node { area { cameras { edges { node { id } } } } } } } } } } } }';
    const r1 = await hub.gql('police', deep);
    expect(r1.data ?? null).toBeNull();
    expect(r1.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: cameras(first: 1) { totalCount }`).join(' ')} }`;
    const r2 = await hub.gql('police', aliases);
    expect(r2.data ?? null).toBeNull();
    expect(r2.errors?.[0]?.message).toMatch(/alias/i);
    const tokens = `{ cameras(first: 1) { edges { node { ${'id '.repeat(2100)} } } } }`;
    const r3 = await hub.gql('police', tokens);
    expect(codes(r3)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const big = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CAMERAS, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
  });
});

describe('cost', () => {
  it('refuses 15 aliases × 100 cameras × 100 recordings with COST_LIMIT_EXCEEDED before planning: no read is audited', async () => {
    const countAudit = async () =>
      (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from audit.entries`))[0]!.n;
    const before = await countAudit();
    const alias = (i: number) =>
      `a${i}: cameras(first: 100) { edges { node { id recordings(first: 100, purpose: "cost test") { edges { node { id } } } } } }`;
    const r = await hub.gql('police', `{ ${Array.from({ length: 15 }, (_, i) => alias(i)).join(' ')} }`);
    expect(codes(r)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(r.errors![0]!.message).toMatch(/more than the 50000 one police caller may ask for at once/);
    expect(r.data ?? null).toBeNull();
    expect(await countAudit()).toBe(before);
    // one such page is within a police officer's budget
    const one = await hub.gql('police', `{ ${alias(0)} }`);
    expect(one.errors).toBeUndefined();
  });
});

describe('malformed requests', () => {
  it('a missing or null required variable is BAD_USER_INPUT', async () => {
    const q = 'query($n: Int!) { cameras(first: $n) { totalCount } }';
    expect(codes(await hub.gql('police', q))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('police', q, { n: null }))).toEqual(['BAD_USER_INPUT']);
  });

  it('a bad inline DateTime is BAD_USER_INPUT, as the same value in a variable is', async () => {
    for (const from of ['"garbage"', '123', '"2026-11-01T00:00:00"']) {
      const inline = await hub.gql(
        'police',
        `{ recordings(filter: { from: ${from} }, purpose: "case 1") { totalCount } }`,
      );
      expect(codes(inline), from).toEqual(['BAD_USER_INPUT']);
    }
    const asVariable = await hub.gql(
      'police',
      'query($f: DateTime) { recordings(filter: { from: $f }, purpose: "case 1") { totalCount } }',
      { f: 'garbage' },
    );
    expect(codes(asVariable)).toEqual(['BAD_USER_INPUT']);
  });

  it('a body that is not JSON is BAD_REQUEST, without the parser words or the body echoed', async () => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ cameras { totalCount } }", secret-bits',
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).errors.map((e: any) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(text).not.toMatch(/secret-bits|position/);
  });
});

describe('health and the committed supergraph', () => {
  it('serves /healthz and /readyz', async () => {
    const base = hub.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('schema/supergraph.graphql is what the subgraphs compose to (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeFromDefinitions());
  });
});

describe('production mode', () => {
  let prod: Hub;
  beforeAll(async () => {
    prod = await bootHub({ production: true });
  });
  afterAll(async () => prod?.close());

  it('turns introspection and GraphiQL off', async () => {
    const r = await prod.gql('police', '{ __schema { types { name } } }');
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.length).toBeGreaterThan(0);
    expect((await hub.gql('police', '{ __schema { queryType { name } } }')).data?.__schema.queryType.name).toBe(
      'Query',
    );
    const page = await fetch(prod.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('suggests no field, argument or enum value names ("Did you mean …")', async () => {
    for (const q of [
      '{ camras(first: 1) { totalCount } }',
      '{ cameras(frist: 1) { totalCount } }',
      '{ cameras(first: 1) { edges { node { stat } } } }',
    ]) {
      const r = await prod.gql('police', q);
      expect(r.errors?.length, q).toBeGreaterThan(0);
      expect(JSON.stringify(r.errors), q).not.toMatch(/Did you mean/);
      expect(JSON.stringify((await hub.gql('police', q)).errors), q).toMatch(/Did you mean/);
    }
  });

  it('never leaks SQL or a stack trace when something breaks inside', async () => {
    await prod.stack.database.db.execute(sql`alter table cameras.signals rename to signals_broken`);
    try {
      const r = await prod.gql('police', '{ signals(first: 1) { totalCount } }');
      expect(codes(r)).toEqual(['INTERNAL_SERVER_ERROR']);
      const text = JSON.stringify(r);
      expect(text).not.toMatch(/signals_broken|select|relation|stack|\.ts:/i);
    } finally {
      await prod.stack.database.db.execute(sql`alter table cameras.signals_broken rename to signals`);
    }
  });

  it('reports not ready when a subgraph is down', async () => {
    await prod.stack.subgraphs[0]!.stop();
    const res = await fetch(prod.url.replace('/graphql', '/readyz'));
    expect(res.status).toBe(503);
  });
});

describe('subscriptions live no longer than their token', () => {
  it('a graphql-ws subscription as the very first request after boot finds the schema loaded', async () => {
    const fresh = await bootHub();
    try {
      const sub = collect(fresh.ws('municipality'), 'subscription { cameraStatusChanged { status } }');
      await new Promise((r) => setTimeout(r, 700));
      expect(sub.errors).toEqual([]);
      sub.dispose();
    } finally {
      await fresh.close();
    }
  });

  it('ends a graphql-ws subscription with UNAUTHENTICATED once the token (plus clock tolerance) has expired', async () => {
    // exp 29 s ago: still inside the 30 s tolerance when subscribing, past it a second later
    const token = await hub.stack.token(DEMO_ACTORS.municipality, Math.floor(Date.now() / 1000) - 29);
    const client = createClient({
      url: hub.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const seen: { errors: unknown[]; completed: boolean } = { errors: [], completed: false };
    client.subscribe(
      { query: 'subscription { cameraStatusChanged { status } }' },
      {
        next: (v) => v.errors && seen.errors.push(...v.errors),
        error: (e) => seen.errors.push(e),
        complete: () => (seen.completed = true),
      },
    );
    await waitFor(() => seen.completed || seen.errors.length > 0, 8000, 'the subscription to end');
    expect(JSON.stringify(seen.errors)).toMatch(/UNAUTHENTICATED/);
    expect(JSON.stringify(seen.errors)).toMatch(/expired/);
    // the same token is refused for a new request by then
    const again = await hub.post({ query: CAMERAS }, { authorization: `Bearer ${token}` });
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
    await client.dispose();
  });

  it('ends an SSE subscription the same way, and keeps one with a valid token open', async () => {
    const expiring = await hub.stack.token(DEMO_ACTORS.municipality, Math.floor(Date.now() / 1000) - 29);
    const valid = await hub.token('municipality');
    const open = (token: string, signal: AbortSignal) =>
      fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'subscription { cameraStatusChanged { status } }' }),
        signal,
      });
    const abort = new AbortController();
    const [short, long] = await Promise.all([open(expiring, abort.signal), open(valid!, abort.signal)]);
    const shortText = await short.text(); // the stream ends by itself
    expect(shortText).toMatch(/UNAUTHENTICATED/);
    // the valid one is still streaming (read would block): race it against a short timer
    const reader = long.body!.getReader();
    const first = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((r) => setTimeout(() => r('open'), 1500)),
    ]);
    expect(['open', 'data']).toContain(first);
    const more = await Promise.race([
      reader.read().then((r) => (r.done ? 'ended' : 'data')),
      new Promise((r) => setTimeout(() => r('open'), 1500)),
    ]);
    expect(more).not.toBe('ended');
    abort.abort();
  });
});

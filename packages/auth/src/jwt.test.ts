import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signActorAssertion, verifyActorAssertion } from './jwt.js';

const key = randomBytes(32);
const actor = { kind: 'police' as const, sub: 'agent-1', org: 'PZ-1', session: 'a'.repeat(32) };

describe('actor assertion with a request id', () => {
  it('carries the client request id, signed; without one there is none', async () => {
    const rid = 'b3a1f0c2-7d4e-4a9b-8c1d-2e3f4a5b6c7d';
    expect(await verifyActorAssertion(key, await signActorAssertion(key, actor, rid))).toMatchObject({
      actor,
      requestId: rid,
    });
    const plain = await verifyActorAssertion(key, await signActorAssertion(key, actor));
    expect(plain.actor).toEqual(actor);
    expect(plain).not.toHaveProperty('requestId');
    // two requests of one actor: two different assertions (the gateway never merges their calls)
    expect(await signActorAssertion(key, actor, 'request-0001')).not.toBe(
      await signActorAssertion(key, actor, 'request-0002'),
    );
  });

  it('refuses a malformed request id, signing or verifying', async () => {
    for (const bad of ['', 'short', 'x'.repeat(65), 'has space-123', 'bad\u0000id-1234']) {
      await expect(signActorAssertion(key, actor, bad)).rejects.toThrow();
    }
    for (const rid of ['x'.repeat(65), 12345678, ['request-0001']]) {
      const forged = await new SignJWT({ kind: 'police', rid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('agent-1')
        .setIssuer('camhub-gateway')
        .setAudience('camhub-subgraphs')
        .setExpirationTime('1m')
        .sign(key);
      await expect(verifyActorAssertion(key, forged)).rejects.toThrow(/request id/);
    }
  });
});

describe('actor assertion: HS256 with node:crypto, as strict as jose', () => {
  const jose = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }, k = key) =>
    new SignJWT(claims)
      .setProtectedHeader(header as { alg: string })
      .setSubject('agent-1')
      .setIssuer('camhub-gateway')
      .setAudience('camhub-subgraphs')
      .setExpirationTime('1m')
      .sign(k);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signed = (h: string, p: string) =>
    `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;

  it('is a standard JWS: jose verifies ours, we verify jose’s', async () => {
    const { jwtVerify } = await import('jose');
    const ours = await signActorAssertion(key, actor, 'request-0001');
    const { payload } = await jwtVerify(ours, key, { issuer: 'camhub-gateway', audience: 'camhub-subgraphs' });
    expect(payload).toMatchObject({ sub: 'agent-1', kind: 'police', rid: 'request-0001' });
    expect((await verifyActorAssertion(key, await jose({ kind: 'police', org: 'PZ-1' }))).actor).toMatchObject({
      kind: 'police',
      sub: 'agent-1',
    });
  });

  it('refuses forged, tampered, expired, mis-addressed and malformed assertions', async () => {
    const good = await signActorAssertion(key, actor);
    const [h, p, s] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await signActorAssertion(randomBytes(32), actor), // another key
      `${h}.${b64({ ...claims, kind: 'authority' })}.${s}`, // payload changed, old signature
      `${b64({ alg: 'none' })}.${p}.`, // unsigned
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      `${h}.${p}.${s.slice(0, -2)}`,
      '',
      'not a token',
      signed(h, Buffer.from('not json').toString('base64url')),
      signed(h, b64(['an', 'array'])),
      await jose({ kind: 'police' }, { alg: 'HS512' }),
      signed(b64({ alg: 'HS256', crit: ['x'], x: 1 }), p), // a critical extension we do not know
      await new SignJWT({ kind: 'police' }) // expired
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('camhub-gateway')
        .setAudience('camhub-subgraphs')
        .setExpirationTime(now - 1)
        .sign(key),
      await new SignJWT({ kind: 'police' }) // no exp
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('camhub-gateway')
        .setAudience('camhub-subgraphs')
        .sign(key),
      await new SignJWT({ kind: 'police' }) // another audience
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('camhub-gateway')
        .setAudience('camhub')
        .setExpirationTime('1m')
        .sign(key),
      await new SignJWT({ kind: 'police' }) // another issuer
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('https://idp.example')
        .setAudience('camhub-subgraphs')
        .setExpirationTime('1m')
        .sign(key),
      await new SignJWT({ kind: 'police' }) // not yet valid
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('camhub-gateway')
        .setAudience('camhub-subgraphs')
        .setNotBefore(now + 300)
        .setExpirationTime('10m')
        .sign(key),
      await new SignJWT({}) // no kind
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setIssuer('camhub-gateway')
        .setAudience('camhub-subgraphs')
        .setExpirationTime('1m')
        .sign(key),
    ];
    for (const token of refused) await expect(verifyActorAssertion(key, token), token).rejects.toThrow();
    expect((await verifyActorAssertion(key, good)).actor).toEqual(actor);
  });
});

import { randomBytes } from 'node:crypto';
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

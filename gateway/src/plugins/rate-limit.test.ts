import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({
    rateLimits: { police: { perMinute: 1, burst: 3 }, citizen: { perMinute: 6000, burst: 1000 } },
  });
});
afterAll(async () => hub?.close());

const WHO = '{ whoami { kind } }';

describe('useRateLimit', () => {
  it('answers a caller over its rate with RATE_LIMITED, HTTP 429 and Retry-After; nothing reaches the subgraph', async () => {
    const token = await hub.token({ kind: 'police', sub: 'flooder', org: 'politie' });
    for (let i = 0; i < 3; i++) expect((await hub.gql({ token }, WHO)).body.data.whoami.kind).toBe('police');
    const before = hub.subgraphCalls.length;
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: WHO }),
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60); // one operation a minute
    const body = await res.json();
    expect(codes(body)).toEqual(['RATE_LIMITED']);
    expect(body.errors[0].extensions.retryAfter).toBe(retryAfter);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('limits each caller on its own: another officer and the public are not held up by one that floods', async () => {
    const flooder = await hub.token({ kind: 'police', sub: 'flooder-2', org: 'politie' });
    const other = await hub.token({ kind: 'police', sub: 'colleague', org: 'politie' });
    const flood = Array.from({ length: 200 }, () => hub.gql({ token: flooder }, WHO));
    const others = Array.from({ length: 3 }, () => hub.gql({ token: other }, WHO));
    const publicOnes = Array.from({ length: 20 }, () => hub.gql('public', WHO));
    const flooded = await Promise.all(flood);
    expect(flooded.filter((r) => r.status === 429)).toHaveLength(197);
    for (const r of [...(await Promise.all(others)), ...(await Promise.all(publicOnes))])
      expect(r.body.errors).toBeUndefined();
  });

  it('limits subscriptions as operations too', async () => {
    const token = await hub.token({ kind: 'police', sub: 'subscriber', org: 'politie' });
    for (let i = 0; i < 3; i++) await hub.gql({ token }, WHO);
    const outcome = await new Promise<unknown>((resolve) => {
      hub
        .ws({ authorization: `Bearer ${token}` })
        .subscribe({ query: 'subscription { ticks }' }, { next: resolve, error: resolve, complete: () => {} });
    });
    expect(JSON.stringify(outcome)).toMatch(/RATE_LIMITED/);
  });
});

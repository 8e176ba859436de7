import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let listed: TinyHub;
let prodUnset: TinyHub;
let dev: TinyHub;
beforeAll(async () => {
  [listed, prodUnset, dev] = await Promise.all([
    tinyHub({ production: true, allowedOrigins: ['https://app.example.org'] }),
    tinyHub({ production: true }),
    tinyHub({ production: false }),
  ]);
});
afterAll(async () => Promise.all([listed?.close(), prodUnset?.close(), dev?.close()]));

const ask = (hub: TinyHub, origin: string, method = 'POST') =>
  fetch(hub.url, {
    method,
    headers:
      method === 'OPTIONS'
        ? {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization, content-type',
          }
        : { origin, 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify({ query: '{ whoami { kind } }' }) : undefined,
  });

describe('useCorsPolicy', () => {
  it('answers a configured origin, preflight and request, never with credentials', async () => {
    const pre = await ask(listed, 'https://app.example.org', 'OPTIONS');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await ask(listed, 'https://app.example.org');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('never reflects another origin: no CORS headers, so the browser does not hand it the answer', async () => {
    for (const hub of [listed, prodUnset]) {
      const pre = await ask(hub, 'https://evil.example', 'OPTIONS');
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await ask(hub, 'https://evil.example');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // a same-origin request (the gateway's own web app) needs no CORS and works
    expect((await prodUnset.gql('public', '{ whoami { kind } }')).body.data.whoami.kind).toBe('public');
  });

  it('outside production with no list: any origin, still without credentials', async () => {
    const res = await ask(dev, 'http://localhost:5173');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

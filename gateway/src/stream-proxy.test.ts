import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyHub, type TinyHub } from './testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ limits: { maxStreamBytes: 64 * 1024 } });
});
afterAll(async () => hub?.close());

const ndjson = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ line: i })).join('\n') + '\n';

describe('stream proxy', () => {
  it('forwards an allowed caller’s stream with the actor signed for the subgraph', async () => {
    const r = await hub.post(
      ndjson(100),
      { authorization: `Bearer ${await hub.token('system')}`, 'content-type': 'application/x-ndjson' },
      '/ingest',
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ lines: 100, kind: 'system' });
  });

  it('refuses the public (401), an actor without the right (403) and GET (405) before anything is forwarded', async () => {
    expect((await hub.post(ndjson(1), {}, '/ingest')).status).toBe(401);
    const company = await hub.post(ndjson(1), { authorization: `Bearer ${await hub.token('company')}` }, '/ingest');
    expect(company.status).toBe(403);
    expect(company.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await fetch(new URL('/ingest', hub.url))).status).toBe(405);
  });

  it('cuts a stream over its byte limit with 413 BAD_USER_INPUT', async () => {
    const r = await hub.post(ndjson(10_000), { authorization: `Bearer ${await hub.token('system')}` }, '/ingest');
    expect(r.status).toBe(413);
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('ends a stream with UNAUTHENTICATED once its token (plus the 30 s tolerance) has expired', async () => {
    // exp 28 s ago: accepted when opened, past the tolerance two seconds later, while still sending
    const token = await hub.token('system', Math.floor(Date.now() / 1000) - 28);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        new URL('/ingest', hub.url),
        { method: 'POST', headers: { authorization: `Bearer ${token}` } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const timer = setInterval(() => req.write(ndjson(1)), 100);
      req.on('close', () => clearInterval(timer));
      setTimeout(() => clearInterval(timer), 15_000).unref();
    });
    expect(answer.status).toBe(401);
    const last = JSON.parse(answer.body.trim().split('\n').at(-1)!);
    expect(last.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(last.errors[0].message).toMatch(/expired/);
  });
});

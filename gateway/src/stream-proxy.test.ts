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
});

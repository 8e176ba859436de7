import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ limits: { maxBody: 4096 } });
});
afterAll(async () => hub?.close());

describe('useBodyLimit', () => {
  it('answers 413 BAD_USER_INPUT to a body over the limit, and nothing reaches the subgraph', async () => {
    const before = hub.subgraphCalls.length;
    const r = await hub.post({ query: '{ whoami { kind } }', variables: { pad: 'x'.repeat(8192) } });
    expect(r.status).toBe(413);
    expect(codes(r.body)).toEqual(['BAD_USER_INPUT']);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('serves a body within the limit', async () => {
    const r = await hub.post({ query: '{ whoami { kind } }', variables: { pad: 'x'.repeat(2048) } });
    expect(r.status).toBe(200);
    expect(r.body.data.whoami.kind).toBe('public');
  });
});

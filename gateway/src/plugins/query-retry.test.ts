import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

describe('useQueryRetry', () => {
  it('sends a query again when the subgraph resets the connection, and the caller sees only the answer', async () => {
    const resetsBefore = hub.resets;
    hub.resetNext(2);
    const r = await hub.gql('police', '{ cameras(first: 2) { id } }');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: { cameras: [{ id: 'cam-0' }, { id: 'cam-1' }] } });
    expect(hub.resets - resetsBefore).toBe(2);
  });

  it('gives up after its retries with a clean error that names no internals', async () => {
    const resetsBefore = hub.resets;
    hub.resetNext(10);
    const r = await hub.gql('police', '{ cameras(first: 2) { id } }');
    hub.resetNext(0);
    expect(hub.resets - resetsBefore).toBe(3); // the first attempt and two retries
    expect(r.body.data ?? null).toBeNull();
    expect(codes(r.body).length).toBeGreaterThan(0);
    expect(JSON.stringify(r.body)).not.toMatch(/ECONNRESET|socket|127\.0\.0\.1|fetch failed|stack/i);
  });

  it('never sends a mutation twice: the write may have happened before the connection died', async () => {
    const first = await hub.gql('police', 'mutation { touch }');
    expect(first.body.errors).toBeUndefined();
    const resetsBefore = hub.resets;
    hub.resetNext(1);
    const lost = await hub.gql('police', 'mutation { touch }');
    expect(hub.resets - resetsBefore).toBe(1);
    expect(codes(lost.body).length).toBeGreaterThan(0);
    const next = await hub.gql('police', 'mutation { touch }');
    expect(next.body.data.touch).toBe(first.body.data.touch + 1); // the reset one never reached a resolver
  });

  it("does not repeat an answer the subgraph gave: its errors are the caller's", async () => {
    const calls = hub.subgraphCalls.length;
    const r = await hub.gql('police', '{ cameras(first: 2) { id } whoami { kind } }');
    expect(r.body.errors).toBeUndefined();
    expect(hub.subgraphCalls.length - calls).toBe(1);
  });
});

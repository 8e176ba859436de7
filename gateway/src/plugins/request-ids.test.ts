import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

describe('useRequestIds / requestAssertions', () => {
  it("one actor's identical concurrent requests each reach the subgraph, each with its own signed request id", async () => {
    const token = await hub.token('police', '1h');
    const before = hub.subgraphRequestIds.length;
    const answers = await Promise.all([0, 1, 2, 3].map(() => hub.gql({ token }, '{ whoami { kind sub } }')));
    for (const a of answers) expect(a.body.data?.whoami.kind).toBe('police');
    const ids = hub.subgraphRequestIds.slice(before);
    // not merged by the in-flight deduplication: four calls, four different ids
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(4);
  });
});

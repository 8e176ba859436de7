import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

describe('usePolicyCheck', () => {
  it('refuses a field the actor may not read before planning: nothing reaches the subgraph', async () => {
    const q = '{ cameras(first: 2) { id status } }';
    const before = hub.subgraphCalls.length;
    const asPublic = await hub.gql('public', q);
    expect(codes(asPublic.body)).toEqual(['UNAUTHENTICATED']);
    expect(asPublic.body.data ?? null).toBeNull();
    const asCompany = await hub.gql('company', q);
    expect(codes(asCompany.body)).toEqual(['FORBIDDEN']);
    expect(asCompany.body.errors[0].message).toMatch(/Camera\.status/);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('lets through what the policy allows, for each actor', async () => {
    expect((await hub.gql('public', '{ cameras(first: 2) { id name } }')).body.data.cameras).toHaveLength(2);
    expect((await hub.gql('police', '{ cameras(first: 1) { id status } }')).body.data.cameras).toEqual([
      { id: 'cam-0', status: 'ACTIVE' },
    ]);
  });

  it('refuses a root field by its @can, for subscriptions too', async () => {
    // the system actor may not read cameras at all (its @can: read Camera)
    expect(codes((await hub.gql('system', '{ cameras(first: 1) { id } }')).body)).toEqual(['FORBIDDEN']);
    const token = await hub.token('system');
    const outcome = await new Promise<unknown>((resolve) => {
      hub
        .ws({ authorization: `Bearer ${token}` })
        .subscribe({ query: '{ cameras(first: 1) { id } }' }, { next: resolve, error: resolve, complete: () => {} });
    });
    expect(JSON.stringify(outcome)).toMatch(/FORBIDDEN/);
  });
});

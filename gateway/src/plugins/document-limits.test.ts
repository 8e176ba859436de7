import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ limits: { maxDepth: 3, maxAliases: 2, maxTokens: 60 } });
});
afterAll(async () => hub?.close());

describe('useDocumentLimits', () => {
  it('refuses too deep, too many aliases and too many tokens before the subgraph is asked', async () => {
    const before = hub.subgraphCalls.length;
    const deep = await hub.gql('police', '{ cameras(first: 1) { area { cameras { area { id } } } } }');
    expect(deep.body.data ?? null).toBeNull();
    expect(deep.body.errors[0].message).toMatch(/depth/i);
    const aliases = await hub.gql(
      'police',
      '{ a: cameras(first: 1) { id } b: cameras(first: 1) { id } c: cameras(first: 1) { id } }',
    );
    expect(aliases.body.errors[0].message).toMatch(/alias/i);
    const tokens = await hub.gql('police', `{ cameras(first: 1) { ${'id '.repeat(80)} } }`);
    expect(codes(tokens.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('lets through what is within the limits', async () => {
    const ok = await hub.gql('police', '{ a: cameras(first: 1) { area { id } } b: cameras(first: 1) { id } }');
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.a).toEqual([{ area: { id: 'area-1' } }]);
  });
});

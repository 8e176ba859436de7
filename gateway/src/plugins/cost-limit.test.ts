import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ costBudgets: { police: 500, public: 100 } });
});
afterAll(async () => hub?.close());

describe('useCostLimit', () => {
  it('multiplies nested lists by their sizes and refuses over the budget before anything is planned', async () => {
    const before = hub.subgraphCalls.length;
    // cameras: 1 + 100 × (id 1 + area (1 + cameras: 1 + 10 (unsized list) × id 1)) = 1,301
    const r = await hub.gql('police', '{ cameras(first: 100) { id area { cameras { id } } } }');
    expect(codes(r.body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(r.body.errors[0].extensions).toMatchObject({ cost: 1301, budget: 500 });
    expect(r.body.errors[0].message).toMatch(/costs 1301, more than the 500 one police caller/);
    expect(r.body.data ?? null).toBeNull();
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('counts aliases and sizes given as variables', async () => {
    const three =
      '{ a: cameras(first: 100) { id name } b: cameras(first: 100) { id name } c: cameras(first: 100) { id name } }';
    expect((await hub.gql('police', three)).body.errors[0].extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      cost: 603,
    });
    const q = 'query($n: Int!) { cameras(first: $n) { id } }';
    expect(codes((await hub.gql('police', q, { n: 1000 })).body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect((await hub.gql('police', q, { n: 10 })).body.data.cameras).toHaveLength(10);
  });

  it('has a budget per actor kind', async () => {
    const q = '{ cameras(first: 60) { id name } }'; // 1 + 60 × 2 = 121
    expect(codes((await hub.gql('public', q)).body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect((await hub.gql('police', q)).body.data.cameras).toHaveLength(60);
  });

  it("introspection costs nothing: it reads the gateway's own schema (GraphiQL's query was refused)", async () => {
    const r = await hub.gql('public', getIntrospectionQuery());
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.__schema.queryType.name).toBe('Query');
    // a list field beside it is still counted
    expect(codes((await hub.gql('public', '{ __typename cameras(first: 100) { id name area { id } } }')).body)).toEqual(
      ['COST_LIMIT_EXCEEDED'],
    );
  });
});

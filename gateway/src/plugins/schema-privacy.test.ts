import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let prod: TinyHub;
let dev: TinyHub;
beforeAll(async () => {
  [prod, dev] = await Promise.all([tinyHub({ production: true }), tinyHub({ production: false })]);
});
afterAll(async () => Promise.all([prod?.close(), dev?.close()]));

describe('useSchemaPrivacy', () => {
  it('production: no introspection and no GraphiQL', async () => {
    const r = await prod.gql('police', '{ __schema { types { name } } }');
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors.length).toBeGreaterThan(0);
    const page = await fetch(prod.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('development: introspection and GraphiQL for building clients', async () => {
    expect((await dev.gql('public', '{ __schema { queryType { name } } }')).body.data.__schema.queryType.name).toBe(
      'Query',
    );
    const page = await fetch(dev.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('production: no "Did you mean" suggestions for fields, arguments or enum values', async () => {
    const guesses: Array<[string, Record<string, unknown>?]> = [
      ['{ camras(first: 1) { id } }'],
      ['{ cameras(frist: 1) { id } }'],
      ['{ cameras(first: 1) { id stat } }'],
      ['{ cameras(first: 1, kind: FIXD) { id } }'],
      ['query($k: CameraKind) { cameras(first: 1, kind: $k) { id } }', { k: 'FIXD' }],
    ];
    for (const [query, variables] of guesses) {
      const inDev = await dev.gql('police', query, variables);
      expect(JSON.stringify(inDev.body), query).toMatch(/Did you mean/);
      const inProd = await prod.gql('police', query, variables);
      expect(inProd.body.errors?.length, query).toBeGreaterThan(0);
      expect(JSON.stringify(inProd.body), query).not.toMatch(/Did you mean|cameras"|status|FIXED/);
    }
  });
});

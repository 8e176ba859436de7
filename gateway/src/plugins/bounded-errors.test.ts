import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { MAX_ERROR_MESSAGE, MAX_ERRORS } from '@hub/auth';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';
import { boundedErrors } from './bounded-errors.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

const IDS = 'query($ids: [ID!]) { cameras(first: 1, ids: $ids) { id } }';
const badIds = Array.from({ length: 10_001 }, () => ({ not: 'an id' }));

describe('useBoundedErrors', () => {
  it('a list of 10,001 bad items: at most MAX_ERRORS errors, all BAD_USER_INPUT, and the subgraph is not called', async () => {
    const before = hub.subgraphCalls.length;
    const r = await hub.gql('police', IDS, { ids: badIds });
    // the router runtime coerced without a limit: one error per item (70,007 on the real hub)
    expect(r.body.errors.length).toBe(MAX_ERRORS);
    expect(new Set(codes(r.body))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(r.body.errors.at(-1).message).toMatch(/Too many errors/);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('a 100 KB value comes back shortened, inline or as a variable', async () => {
    const huge = 'x'.repeat(100_000);
    for (const r of [
      await hub.gql('police', 'query($n: Int!) { cameras(first: $n) { id } }', { n: huge }),
      await hub.gql('police', `{ cameras(first: "${huge}") { id } }`),
    ]) {
      expect(codes(r.body)).toEqual(['BAD_USER_INPUT']);
      expect(r.body.errors[0].message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      expect(r.body.errors[0].message).toContain(`"${'x'.repeat(60)}…"`);
    }
  });

  it('over graphql-ws the same, and the variables\u2019 errors carry their code', async () => {
    const client = hub.ws({ authorization: `Bearer ${await hub.token('police')}` });
    const errors = await new Promise<any[]>((resolve) => {
      const got: any[] = [];
      client.subscribe(
        { query: IDS, variables: { ids: badIds } },
        {
          next: (v) => got.push(...(v.errors ?? [])),
          error: (e) => resolve(Array.isArray(e) ? e : [e]),
          complete: () => resolve(got),
        },
      );
    });
    expect(errors.length).toBe(MAX_ERRORS);
    expect(new Set(errors.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('boundedErrors keeps what is small as it is, and caps count and messages', () => {
    const small = [new GraphQLError('fine')];
    expect(boundedErrors(small)).toBe(small);
    const many = Array.from(
      { length: 120 },
      (_, i) => new GraphQLError(`e${i} "${'y'.repeat(5000)}"`, { extensions: { code: 'BAD_USER_INPUT' } }),
    );
    const bounded = boundedErrors(many);
    expect(bounded).toHaveLength(MAX_ERRORS);
    expect(bounded.every((e) => e.message.length < 100 && e.extensions.code === 'BAD_USER_INPUT')).toBe(true);
  });
});

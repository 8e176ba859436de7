import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

describe('useInputErrorCodes', () => {
  it('a value the schema cannot accept is BAD_USER_INPUT, inline or as a variable', async () => {
    expect(codes((await hub.gql('police', '{ cameras(first: 1, kind: ROUND) { id } }')).body)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes((await hub.gql('police', '{ cameras(first: "one") { id } }')).body)).toEqual(['BAD_USER_INPUT']);
    const q = 'query($n: Int!) { cameras(first: $n) { id } }';
    expect(codes((await hub.gql('police', q)).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await hub.gql('police', q, { n: null })).body)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await hub.gql('police', q, { n: 'x' })).body)).toEqual(['BAD_USER_INPUT']);
  });

  it('a number literal no Float can hold is BAD_USER_INPUT, not forwarded as "Infinity"', async () => {
    const before = hub.subgraphCalls.length;
    for (const n of ['1e400', '-1e400', '9'.repeat(400)]) {
      expect(codes((await hub.gql('police', `{ cameras(first: 1, minScore: ${n}) { id } }`)).body), n).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('an unknown field stays a validation failure (a malformed document, not input)', async () => {
    expect(codes((await hub.gql('police', '{ nope }')).body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('a body that is not JSON is BAD_REQUEST, without the parser words or the body echoed', async () => {
    const r = await hub.post('{"query": "{ whoami { kind } }", secret-bits');
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual(['BAD_REQUEST']);
    expect(JSON.stringify(r.body)).not.toMatch(/secret-bits|position/);
  });
});

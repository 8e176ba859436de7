import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

describe('useCallerAuthentication', () => {
  it('no token is the public actor; a valid token is its actor, which the subgraph receives signed', async () => {
    expect((await hub.gql('public', '{ whoami { kind sub } }')).body.data.whoami).toEqual({
      kind: 'public',
      sub: 'anonymous',
    });
    expect((await hub.gql('police', '{ whoami { kind sub } }')).body.data.whoami).toEqual({
      kind: 'police',
      sub: 'agent-4711',
    });
  });

  it('a token that is there but not valid is UNAUTHENTICATED (401), never the public', async () => {
    const expired = await hub.token('police', Math.floor(Date.now() / 1000) - 3600);
    for (const authorization of ['Bearer not.a.jwt', `Bearer ${expired}`, 'Basic abc', 'Bearer']) {
      const before = hub.subgraphCalls.length;
      const r = await hub.post({ query: '{ whoami { kind } }' }, { authorization });
      expect(r.status, authorization).toBe(401);
      expect(codes(r.body), authorization).toEqual(['UNAUTHENTICATED']);
      expect(hub.subgraphCalls.length, authorization).toBe(before);
    }
  });

  it('graphql-ws takes the token from connection_init', async () => {
    const token = await hub.token('municipality');
    const result = await new Promise<unknown>((resolve, reject) => {
      hub
        .ws({ authorization: `Bearer ${token}` })
        .subscribe({ query: '{ whoami { kind } }' }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(result).toEqual({ data: { whoami: { kind: 'municipality' } } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
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

  it('graphql-ws: a malformed credential in connection_init is UNAUTHENTICATED, never the public', async () => {
    const token = await hub.token('police');
    const malformed: unknown[] = [
      { authorization: 123 },
      { authorization: ['Bearer x'] },
      { authorization: {} },
      { Authorization: null },
      { headers: { authorization: 42 } },
      { authorization: `Bearer ${token}`, headers: { authorization: 'Bearer not.a.jwt' } },
    ];
    for (const params of malformed) {
      const outcome = await new Promise<unknown>((resolve) => {
        hub
          .ws(params as Record<string, unknown>)
          .subscribe({ query: '{ whoami { kind } }' }, { next: resolve, error: resolve, complete: () => {} });
      });
      expect(JSON.stringify(outcome), JSON.stringify(params)).toMatch(/UNAUTHENTICATED/);
    }
    // no credential at all is the public, as over HTTP
    const none = await new Promise<unknown>((resolve) => {
      hub.ws({}).subscribe({ query: '{ whoami { kind } }' }, { next: resolve, error: resolve, complete: () => {} });
    });
    expect(none).toEqual({ data: { whoami: { kind: 'public' } } });
  });

  it('graphql-ws: a valid token in connection_init does not shadow an invalid one on the upgrade request', async () => {
    const token = await hub.token('police');
    class WithHeader extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { authorization: 'Bearer not.a.jwt' } });
      }
    }
    const client = createClient({
      url: hub.url.replace('http', 'ws'),
      webSocketImpl: WithHeader,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: '{ whoami { kind } }' }, { next: resolve, error: resolve, complete: () => {} });
    });
    expect(JSON.stringify(outcome)).toMatch(/UNAUTHENTICATED/);
    await client.dispose();
  });
});

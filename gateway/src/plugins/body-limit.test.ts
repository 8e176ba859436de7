import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ limits: { maxBody: 4096 } });
});
afterAll(async () => hub?.close());

describe('useBodyLimit', () => {
  it('answers 413 BAD_USER_INPUT to a body over the limit, and nothing reaches the subgraph', async () => {
    const before = hub.subgraphCalls.length;
    const r = await hub.post({ query: '{ whoami { kind } }', variables: { pad: 'x'.repeat(8192) } });
    expect(r.status).toBe(413);
    expect(codes(r.body)).toEqual(['BAD_USER_INPUT']);
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('serves a body within the limit', async () => {
    const r = await hub.post({ query: '{ whoami { kind } }', variables: { pad: 'x'.repeat(2048) } });
    expect(r.status).toBe(200);
    expect(r.body.data.whoami.kind).toBe('public');
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit, without reading it all', async () => {
    const before = hub.subgraphCalls.length;
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(
        hub.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
        },
      );
      req.on('error', reject);
      req.write('{"query":"{ whoami { kind } }","variables":{"pad":"');
      // 10 MB in 64 KiB pieces, unless the answer comes first
      const piece = 'x'.repeat(64 * 1024);
      const more = () => {
        while (sent < 10 * 1024 * 1024 && !req.destroyed) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', more);
        }
        req.end('"}}');
      };
      more();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(hub.subgraphCalls.length).toBe(before);
  });

  it('serves a chunked body within the limit', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        hub.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"query":"{ whoami');
      req.end(' { kind } }"}');
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.whoami.kind).toBe('public');
  });
});

// Body limit: a GraphQL request body over the limit is answered 413 — at once when its Content-Length
// says so, and as soon as the limit is passed when it is sent without one (chunked), never read whole.
// (Streams have their own limit, stream-proxy.ts; WebSocket messages are capped by the server.)
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface BodyLimitOptions {
  /** Bytes of one request body. Default 1 MiB. */
  maxBytes?: number;
}

const TOO_LARGE = JSON.stringify({
  errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
});

export function useBodyLimit(opts: BodyLimitOptions = {}): GatewayPlugin {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const tooLarge = (fetchAPI: { Response: typeof Response }) =>
    new fetchAPI.Response(TOO_LARGE, {
      status: 413,
      headers: { 'content-type': 'application/json', connection: 'close' },
    });
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (Number(request.headers.get('content-length') ?? 0) > maxBytes) endResponse(tooLarge(fetchAPI));
    },
    // without a Content-Length the body is counted as it is read, and the request refused past the limit
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || !request.body || request.headers.get('content-length') !== null) return;
      setRequestParser(async (req) => {
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = req.body!.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          size += r.value.byteLength;
          if (size > maxBytes) {
            void reader.cancel().catch(() => {});
            return tooLarge(fetchAPI);
          }
          chunks.push(r.value);
        }
        const body = Buffer.concat(chunks);
        return requestParser(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body }));
      });
    },
  };
}

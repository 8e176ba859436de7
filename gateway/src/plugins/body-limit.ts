// Body limit: a GraphQL request announcing a body over the limit is answered 413 before it is read.
// (Streams have their own limit, stream-proxy.ts; WebSocket messages are capped by the server.)
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface BodyLimitOptions {
  /** Bytes of one request body. Default 1 MiB. */
  maxBytes?: number;
}

export function useBodyLimit(opts: BodyLimitOptions = {}): GatewayPlugin {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        const body = JSON.stringify({
          errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
        });
        endResponse(new fetchAPI.Response(body, { status: 413, headers: { 'content-type': 'application/json' } }));
      }
    },
  };
}

// CORS: browsers on other origins may call the API only from the configured origins, and never with
// credentials (callers authenticate with a Bearer token, not cookies). Yoga's default would reflect
// any Origin with Access-Control-Allow-Credentials: true; the runtime's own CORS is off (index.ts).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface CorsOptions {
  /**
   * Origins allowed to call from a browser (`https://app.example.org`). Unset: any origin outside
   * production (still without credentials), none in production. `[]`: none (the gateway's own web app
   * is same-origin and needs no CORS).
   */
  allowedOrigins?: string[];
  /** Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Seconds a browser may cache a preflight answer. Default 600. */
  maxAgeS?: number;
}

const ALLOWED_HEADERS = 'authorization, content-type, accept';

export function useCorsPolicy(opts: CorsOptions = {}): GatewayPlugin {
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  const list = opts.allowedOrigins ? new Set(opts.allowedOrigins) : undefined;
  const allowed = (origin: string | null): origin is string => !!origin && (list ? list.has(origin) : !production);
  const headersFor = (origin: string): Record<string, string> => ({
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': String(opts.maxAgeS ?? 600),
    vary: 'Origin',
  });
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const origin = request.headers.get('origin');
      // a preflight from an origin not on the list gets no CORS headers: the browser stops there
      const headers = allowed(origin) ? headersFor(origin) : { vary: 'Origin' };
      endResponse(new fetchAPI.Response(null, { status: 204, headers: { ...headers, 'content-length': '0' } }));
    },
    onResponse({ request, response }) {
      const origin = request.headers.get('origin');
      response.headers.append('vary', 'Origin');
      if (!allowed(origin)) return;
      response.headers.set('access-control-allow-origin', origin);
    },
  };
}

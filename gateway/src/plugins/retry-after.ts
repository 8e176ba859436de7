// A subgraph that refuses for a used-up quota answers RATE_LIMITED with `extensions.retryAfter`
// (subgraph-kit quota.ts); HTTP clients and proxies read the same as a `Retry-After` header
// (RFC 9110 §10.2.3): the largest wait any error of the answer asks for, in seconds.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

const waits = new WeakMap<Request, number>();

function retryAfterOf(result: unknown): number | undefined {
  const errors = (result as { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> } | null)?.errors ?? [];
  let most: number | undefined;
  for (const e of errors) {
    const s = e.extensions?.code === 'RATE_LIMITED' ? e.extensions.retryAfter : undefined;
    if (typeof s === 'number' && Number.isFinite(s) && s > 0) most = Math.max(most ?? 0, Math.ceil(s));
  }
  return most;
}

/** No options: the wait is the subgraph's to say (it keeps the count). */
export function useRetryAfter(): GatewayPlugin {
  return {
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const wait = retryAfterOf(result);
      if (wait) waits.set(request, wait);
    },
    onResponse({ request, response }) {
      const wait = waits.get(request);
      if (wait) response.headers.set('retry-after', String(wait));
    },
  };
}

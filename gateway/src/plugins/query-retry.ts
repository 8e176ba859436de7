// A subgraph replica that dies mid-request (SIGKILL, an OOM kill, a node drained in a rolling update)
// resets its connections: the queries in flight on it failed with INTERNAL_SERVER_ERROR (fault suite,
// RELIABILITY.md). A query only reads, so the gateway sends it again — through the Service, which
// now routes to a live replica. Never retried: mutations (the write may have committed before the
// connection died; sending it again could apply it twice — a client retries with its idempotency key),
// and any answer a subgraph actually gave (a refusal, a quota's RATE_LIMITED with Retry-After).
// Not the runtime's `upstreamRetry`: its retries went out without the caller's assertion (the HTTP
// executor takes the propagated headers off the request on the first attempt), so a retried call was
// refused as one that did not come through the gateway.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, type DocumentNode, type OperationTypeNode } from 'graphql';

export interface QueryRetryOptions {
  /** Further attempts after the first (default 2). */
  maxRetries?: number;
  /** Wait before the first retry, doubled for each further one (default 50 ms). */
  retryDelayMs?: number;
}

interface UpstreamRequest {
  document: DocumentNode;
  operationName?: string;
  operationType?: OperationTypeNode;
  extensions?: Record<string, unknown>;
}

const operationType = (r: UpstreamRequest) =>
  r.operationType ?? getOperationAST(r.document, r.operationName)?.operation;

/** An answer without data, with errors: what a transport failure gives (never a stream). */
function failed(result: unknown): boolean {
  if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return false;
  const r = result as { data?: unknown; errors?: readonly unknown[] };
  return (r.errors?.length ?? 0) > 0 && r.data == null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries an upstream query that got no HTTP answer at all, or a 502/503/504 from a proxy in between. */
export function useQueryRetry({ maxRetries = 2, retryDelayMs = 50 }: QueryRetryOptions = {}): GatewayPlugin {
  // the HTTP status of each attempt's answer; none when the connection failed before one
  const statusOf = new WeakMap<object, number>();
  return {
    onSubgraphExecute({ executionRequest, executor, setExecutor }) {
      if (operationType(executionRequest as UpstreamRequest) !== 'query') return;
      setExecutor(async (request) => {
        const req = request as UpstreamRequest;
        const headers = req.extensions?.headers; // the caller's assertion (propagateHeaders), for every attempt
        for (let attempt = 0; ; attempt++) {
          if (headers) req.extensions = { ...req.extensions, headers };
          statusOf.delete(request);
          const last = attempt >= maxRetries;
          let result: unknown;
          try {
            result = await executor(request);
          } catch (e) {
            if (last) throw e;
            await sleep(retryDelayMs * 2 ** attempt);
            continue;
          }
          const status = statusOf.get(request);
          const transportFailure = status === undefined || status === 502 || status === 503 || status === 504;
          if (last || !failed(result) || !transportFailure) return result as never;
          await sleep(retryDelayMs * 2 ** attempt);
        }
      });
    },
    onFetch({ executionRequest }) {
      if (!executionRequest) return;
      return ({ response }) => void statusOf.set(executionRequest, response.status);
    },
  };
}

// autocannon ships no types and @types/autocannon is not installed: only what the benches use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: 'POST' | 'GET';
    headers?: Record<string, string>;
    body?: string;
    /** Called once per connection, before its first request. */
    setupClient?: (client: Client) => void;
    /** A falsy return counts the response in `mismatches`. */
    verifyBody?: (body: string) => boolean;
    /** Seconds before a request counts as timed out (default 10). */
    timeout?: number;
    requests?: RequestSpec[];
  }
  interface RequestSpec {
    method?: 'POST' | 'GET';
    headers?: Record<string, string>;
    body?: string;
    /** Called each time the request is built: a new body per request. */
    setupRequest?: (req: RequestSpec) => RequestSpec;
  }
  interface Histogram {
    mean: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
  }
  interface Client {
    setHeaders(headers: Record<string, string>): void;
    /** Replace this connection's request list. */
    setRequests(requests: RequestSpec[]): void;
    /** Each response body of this connection. */
    on(event: 'body', listener: (body: Buffer) => void): this;
  }
  interface Instance extends EventEmitter {
    on(event: 'response', listener: (client: Client, statusCode: number, bytes: number, ms: number) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    stop(): void;
  }

  function autocannon(opts: Options, done: (err: Error | null, result: Result) => void): Instance;
  export default autocannon;
  export type { Options, Result, Client, Instance, RequestSpec };
}

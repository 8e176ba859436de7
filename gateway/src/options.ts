// What startGateway takes and gives back.
import type { Action, SubjectType, VerifyCaller } from '@hub/auth';
import type { CostBudgets } from './plugins/cost-limit.js';
import type { CallerConcurrencyLimits } from './plugins/caller-concurrency.js';
import type { QueryRetryOptions } from './plugins/query-retry.js';
import type { RateLimits } from './plugins/rate-limit.js';
import type { WebOptions } from './web.js';

export interface GatewayLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  /** request body bytes */
  maxBody: number;
  /** bytes of one streamed request (NDJSON ingest) */
  maxStreamBytes: number;
  /** bytes still read (and dropped) from a stream's sender after it was answered early */
  maxDrainBytes: number;
}
export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxBody: 1024 * 1024,
  maxStreamBytes: 1024 ** 3,
  maxDrainBytes: 16 * 1024 ** 2,
};

/** A streaming endpoint of a subgraph (same path there), e.g. NDJSON ingest of ANPR reads. */
export interface GatewayStream {
  path: string;
  subgraph: string;
  /** Required of the caller for the whole stream; the subgraph checks it again. */
  action: Action;
  subject: SubjectType;
  /** How long one stream may last (the owning subgraph's limit). */
  maxMs: number;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph runs now (overrides the URLs in the supergraph). */
  subgraphUrls: Record<string, string>;
  verifyCaller: VerifyCaller;
  internalKey: Uint8Array;
  port?: number;
  host?: string;
  /** Production: no introspection, no GraphiQL. Default: NODE_ENV === 'production'. */
  production?: boolean;
  limits?: Partial<GatewayLimits>;
  /** What one operation may cost, per actor kind (plugins/cost-limit.ts; defaults there). */
  costBudgets?: Partial<CostBudgets>;
  /** Operations per caller, per actor kind (plugins/rate-limit.ts). Unset: the defaults in production, none otherwise; false: none. */
  rateLimits?: Partial<RateLimits> | false;
  /** Operations of one caller executing at once and queued (plugins/caller-concurrency.ts). Unset: the defaults wherever rate limits apply; false: none. */
  callerConcurrency?: Partial<CallerConcurrencyLimits> | false;
  /** Upstream queries sent again when a subgraph replica dies under them (plugins/query-retry.ts); false: never. */
  queryRetry?: QueryRetryOptions | false;
  /** Origins browsers may call from (CORS, plugins/cors.ts). Unset: any outside production, none in production. */
  allowedOrigins?: string[];
  /** Streaming endpoints forwarded to subgraphs (authenticated and checked here first). */
  streams?: GatewayStream[];
  /** The web app, its configuration, dev sign-in and open data (web.ts). */
  web?: WebOptions;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

// Rate limit: how many operations one caller may send, per actor kind, as a token bucket per caller
// (actor kind + issuer-verified subject; the public per network address). Over it an operation is
// refused with RATE_LIMITED, HTTP 429 and Retry-After, before it is planned. Buckets live
// in each gateway replica: with N replicas behind a balancer a caller gets up to N times the rate.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Actor, ActorKind } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';

/** `perMinute` operations on average, `burst` at once. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}
export type RateLimits = Record<ActorKind, RateLimit>;

/** Defaults: a person at a keyboard never comes near them; a script looping over an API does. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  police: { perMinute: 600, burst: 120 },
  municipality: { perMinute: 600, burst: 120 },
  authority: { perMinute: 600, burst: 120 },
  company: { perMinute: 120, burst: 40 },
  citizen: { perMinute: 60, burst: 20 },
  public: { perMinute: 300, burst: 60 },
  system: { perMinute: 1200, burst: 200 },
};

export interface RateLimitOptions {
  /** Per actor kind; missing kinds keep DEFAULT_RATE_LIMITS. */
  limits?: Partial<RateLimits>;
  /** The clock (tests). Default Date.now. */
  now?: () => number;
  /** Callers remembered at most; the fullest buckets are forgotten first. Default 100,000. */
  maxCallers?: number;
}

/** Server context mark of the gateway's own requests (open data pages read through the API): not limited. */
export const INTERNAL_REQUEST = 'hubInternalRequest';

export type RateLimitContext = HubGatewayContext & { [INTERNAL_REQUEST]?: boolean } & {
  req?: { socket?: { remoteAddress?: string } };
  socket?: { _socket?: { remoteAddress?: string } };
};

type Ctx = RateLimitContext;

/** The refusal of the gateway's limits: RATE_LIMITED, HTTP 429 and Retry-After (seconds). */
export const rateLimited = (message: string, waitS: number) =>
  new GraphQLError(message, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: waitS,
      http: { status: 429, headers: { 'retry-after': String(waitS) } },
    },
  });

/** Whose bucket: the actor (its kind, organisation and subject), or the public's network address. */
export function callerKey(actor: Actor, ctx: Ctx): string {
  if (actor.kind !== 'public') return `${actor.kind}|${actor.org ?? ''}|${actor.sub}`;
  return `public|${ctx.req?.socket?.remoteAddress ?? ctx.socket?._socket?.remoteAddress ?? 'unknown'}`;
}

export function useRateLimit(opts: RateLimitOptions = {}): GatewayPlugin<HubGatewayContext> {
  const limits = { ...DEFAULT_RATE_LIMITS, ...opts.limits };
  const now = opts.now ?? Date.now;
  const maxCallers = opts.maxCallers ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** Seconds until the caller may send again; 0 when this operation may go. */
  const take = (kind: ActorKind, key: string): number => {
    const { perMinute, burst } = limits[kind];
    const perMs = perMinute / 60_000;
    const t = now();
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (!buckets.has(key)) {
      if (buckets.size >= maxCallers)
        for (const [k, v] of buckets) if (v.tokens + (t - v.at) * perMs >= burst) buckets.delete(k);
      buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  };

  const check = (contextValue: unknown) => {
    const ctx = contextValue as Ctx;
    const actor = ctx.actor;
    if (!actor || ctx[INTERNAL_REQUEST] === true) return undefined;
    const wait = take(actor.kind, callerKey(actor, ctx));
    if (!wait) return undefined;
    return rateLimited(`Too many requests: try again in ${wait} s`, wait);
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args.contextValue);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args.contextValue);
      if (refused) setResultAndStopExecution({ errors: [refused] } as never);
    },
  };
}

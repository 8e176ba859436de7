// One caller cannot starve the others. A rate (plugins/rate-limit.ts) bounds how many
// operations a caller sends per minute, not how many run at once: one officer with 32 connections of
// the heaviest read the cost budget allows pushed every other caller's p50 from ~30 ms to ~850 ms
// (`npm run bench:fairness`). So a caller also has at most `inFlight` queries and mutations executing
// at once; further ones wait their turn in a short queue (a page load sends several at once, and
// waiting costs no CPU), and beyond `queued` waiting ones are refused with RATE_LIMITED, HTTP 429 and
// Retry-After. Subscriptions are not counted (they are long-lived; their number is the rate's). The
// caller is the rate limit's: actor kind, organisation and subject, or the public's network address.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ActorKind } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';
import { callerKey, INTERNAL_REQUEST, rateLimited, type RateLimitContext } from './rate-limit.js';

/** Operations of one caller executing at once, and waiting for a turn. */
export interface CallerConcurrency {
  inFlight: number;
  queued: number;
}
export type CallerConcurrencyLimits = Record<ActorKind, CallerConcurrency>;

/** Defaults: a person's page or a dashboard stays far below; a script on many connections waits its turn. */
export const DEFAULT_CALLER_CONCURRENCY: CallerConcurrencyLimits = {
  police: { inFlight: 2, queued: 64 },
  municipality: { inFlight: 2, queued: 64 },
  authority: { inFlight: 2, queued: 64 },
  company: { inFlight: 2, queued: 32 },
  citizen: { inFlight: 2, queued: 16 },
  public: { inFlight: 4, queued: 32 },
  system: { inFlight: 8, queued: 64 },
};

export interface CallerConcurrencyOptions {
  /** Per actor kind; missing kinds keep DEFAULT_CALLER_CONCURRENCY. */
  limits?: Partial<CallerConcurrencyLimits>;
  /**
   * A turn not given back after this long is taken back (ms, default 5 minutes, the HTTP server's
   * request timeout): an operation that ended without its end being seen must not block its caller.
   */
  staleMs?: number;
}

interface Caller {
  /** start times of the operations running */
  running: number[];
  waiting: Array<() => void>;
}

const isStream = (r: unknown): boolean => !!r && typeof r === 'object' && Symbol.asyncIterator in r;

/** Needs `actor` in the context (useCallerAuthentication). */
export function useCallerConcurrency(opts: CallerConcurrencyOptions = {}): GatewayPlugin<HubGatewayContext> {
  const limits = { ...DEFAULT_CALLER_CONCURRENCY, ...opts.limits };
  const staleMs = opts.staleMs ?? 300_000;
  const callers = new Map<string, Caller>();

  /**
   * A turn for the caller (its start time): at once — no promise on the common path, which every
   * operation takes — after waiting, or undefined when the queue is full.
   */
  const turn = (key: string, limit: CallerConcurrency): number | Promise<number> | undefined => {
    let c = callers.get(key);
    if (!c) callers.set(key, (c = { running: [], waiting: [] }));
    const now = Date.now();
    c.running = c.running.filter((t) => now - t < staleMs);
    if (c.running.length < limit.inFlight) {
      c.running.push(now);
      return now;
    }
    if (c.waiting.length >= limit.queued) return undefined;
    const queue = c.waiting;
    return new Promise<number>((resolve) =>
      queue.push(() => {
        const started = Date.now();
        c.running.push(started);
        resolve(started);
      }),
    );
  };
  const giveBack = (key: string, started: number) => {
    const c = callers.get(key);
    if (!c) return;
    const i = c.running.indexOf(started);
    if (i !== -1) c.running.splice(i, 1);
    const next = c.waiting.shift();
    if (next) next();
    else if (c.running.length === 0) callers.delete(key);
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as RateLimitContext;
      const actor = ctx.actor;
      if (!actor || ctx[INTERNAL_REQUEST] === true) return;
      const key = callerKey(actor, ctx);
      /** Gives the turn back once the operation (or its stream) has ended. */
      const whenDone = (started: number) => {
        let given = false;
        const done = () => {
          if (given) return;
          given = true;
          giveBack(key, started);
        };
        return {
          onExecuteDone({ result }: { result: unknown }) {
            if (!isStream(result)) return done();
            return { onEnd: done };
          },
        };
      };
      const started = turn(key, limits[actor.kind]);
      if (started === undefined) {
        setResultAndStopExecution({
          errors: [rateLimited('Too many requests at once: wait for the earlier ones, then try again in 1 s', 1)],
        });
        return;
      }
      return typeof started === 'number' ? whenDone(started) : started.then(whenDone);
    },
  };
}

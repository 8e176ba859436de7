// Instruments a postgres.js client (the one drizzle queries through): every query counts in the
// in-flight gauge (pool use) and the duration histogram, and when tracing is on becomes a client span
// with its parametrised SQL (the statement text only: values such as plates never enter a span).
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { dbPoolMax, dbQueriesInFlight, dbQueryDuration } from './metrics.js';

type Query = PromiseLike<unknown>;
type AnyFn = (...args: unknown[]) => unknown;

const tracer = () => trace.getTracer('@hub/db');

function observe(query: Query, text: string): void {
  const started = process.hrtime.bigint();
  dbQueriesInFlight.inc();
  // a span only inside a traced request: background polling would otherwise make one trace per query
  const parent = trace.getSpan(context.active());
  const span = parent
    ? tracer().startSpan(
        (/^\s*(\w+)/.exec(text)?.[1] ?? 'query').toUpperCase(),
        { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.statement': text.slice(0, 2000) } },
        context.active(),
      )
    : undefined;
  const done = (outcome: 'ok' | 'error', err?: unknown) => {
    dbQueriesInFlight.dec();
    dbQueryDuration.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    if (span) {
      if (err)
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      span.end();
    }
  };
  // postgres.js queries are lazy promises run on the next tick; observing them here does not change
  // what the caller chains before then (e.g. drizzle's `.values()`)
  query.then(
    () => done('ok'),
    (err: unknown) => done('error', err),
  );
}

/** Wraps a transaction/savepoint callback so the handle it receives is instrumented too. */
function wrapCallbackArgs(args: unknown[]): unknown[] {
  return args.map((a) =>
    typeof a === 'function'
      ? (handle: object, ...rest: unknown[]) => (a as AnyFn)(instrumentPostgres(handle), ...rest)
      : a,
  );
}

/**
 * The client, observed: `unsafe` (drizzle's only way in) and the handles `begin`/`savepoint` pass to
 * their callbacks. Tagged-template calls are left alone: a nested fragment is a lazy query too, and
 * observing it would run it. `max` feeds hub_db_pool_max.
 */
export function instrumentPostgres<T extends object>(client: T, max?: number): T {
  if (max !== undefined) dbPoolMax.inc(max);
  return new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop === 'unsafe')
        return (text: string, ...rest: unknown[]) => {
          const q = (v as AnyFn).call(target, text, ...rest) as Query;
          observe(q, text);
          return q;
        };
      if (prop === 'begin' || prop === 'savepoint')
        return (...args: unknown[]) => (v as AnyFn).apply(target, wrapCallbackArgs(args));
      return (v as AnyFn).bind(target);
    },
  });
}

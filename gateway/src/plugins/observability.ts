// Observability of the gateway (docs/OPERATIONS.md): Prometheus metrics at /metrics (the Hive Gateway
// Prometheus plugin for the GraphQL phases, subgraph calls and fetches, plus the process and hub
// metrics of @hub/observability, all in one registry), one JSON log line per request (operation,
// actor kind, duration, outcome, request id), one info line for a refused subscription, open
// subscriptions, and OpenTelemetry spans: the caller's traceparent continues into a server span, each
// subgraph call is a client span whose traceparent the subgraph continues (W3C), with the request id.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as HiveLogger, type LogLevel } from '@graphql-hive/logger';
import usePrometheus from '@graphql-mesh/plugin-prometheus';
import type { ExecutionResult } from 'graphql';
import {
  activeTraceId,
  context as otelContext,
  extractContext,
  injectHeaders,
  logger,
  operationLabel,
  registry,
  requestIdFrom,
  REQUEST_ID_HEADER,
  SpanKind,
  SpanStatusCode,
  subscriptionsOpen,
  trace,
  tracer,
  type Span,
} from '@hub/observability';

type Ctx = { request?: Request; actor?: { kind?: string } };
interface RequestState {
  id: string;
  started: bigint;
  span: Span;
  operation?: string;
  type?: string;
  actor?: string;
  outcome?: string;
}

/** hub_graphql_* style metrics of the gateway from the Hive Gateway Prometheus plugin, served at `endpoint`. */
export function useGatewayMetrics(opts: { log: HiveLogger; endpoint?: string }): GatewayPlugin {
  return usePrometheus({
    log: opts.log,
    registry,
    endpoint: opts.endpoint ?? '/metrics',
    // not the execute phase (the request's own duration) nor fetch_duration (subgraph_execute's): each
    // histogram is observed on every request, and the metrics were 7% of the gateway's CPU (P1 profile)
    metrics: {
      graphql_envelop_request_duration: true,
      graphql_envelop_request_total: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_subscribe: true,
      graphql_yoga_http_duration: true,
      graphql_gateway_subgraph_execute_duration: true,
      graphql_gateway_subgraph_execute_errors: true,
    },
    // operation names are chosen by callers: unbounded label values; the request log line and the
    // subgraphs' hub_graphql_operations_total carry a bounded form
    labels: { operationName: false },
  } as never);
}

const outcomeOf = (result: ExecutionResult | undefined) =>
  result?.errors?.length
    ? String((result.errors[0]!.extensions as { code?: unknown } | undefined)?.code ?? 'ERROR')
    : 'ok';

/** Request ids, spans, the per-request log line and the subscriptions gauge. */
export function useRequestObservability(): GatewayPlugin<Ctx> {
  const requests = new WeakMap<Request, RequestState>();
  const stateOf = (ctx: unknown) => {
    const req = (ctx as Ctx | undefined)?.request;
    return req ? requests.get(req) : undefined;
  };
  return {
    onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (path !== '/graphql') return; // health, readiness, metrics, GraphiQL assets: not requests to log
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const span = tracer().startSpan(`${request.method} ${path}`, { kind: SpanKind.SERVER }, extractContext(headers));
      requests.set(request, {
        id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)),
        started: process.hrtime.bigint(),
        span,
      });
    },
    onExecute({ args }) {
      const s = stateOf(args.contextValue);
      if (!s) return;
      s.operation = operationLabel(args.operationName);
      s.actor = (args.contextValue as Ctx).actor?.kind;
      s.type = 'query';
      for (const d of args.document.definitions) if (d.kind === 'OperationDefinition') s.type = d.operation;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in (result as object)) return;
          s.outcome = outcomeOf(result as ExecutionResult);
        },
      };
    },
    onSubscribe({ args }) {
      const actor = (args.contextValue as Ctx).actor?.kind;
      const operation = operationLabel(args.operationName);
      return {
        onSubscribeResult({ result }) {
          if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
            subscriptionsOpen.inc({ component: 'gateway' });
            return { onEnd: () => subscriptionsOpen.dec({ component: 'gateway' }) };
          }
          // refused up front (FORBIDDEN, UNAUTHENTICATED, bad input): one line, no dump
          logger().info(
            {
              component: 'gateway',
              operation,
              type: 'subscription',
              actor,
              outcome: outcomeOf(result as ExecutionResult),
            },
            'subscription refused',
          );
          return undefined;
        },
      };
    },
    onFetch({ context, options, setOptions, executionRequest }) {
      const s = stateOf(context);
      const parent = s ? trace.setSpan(otelContext.active(), s.span) : otelContext.active();
      const span = tracer().startSpan(
        `subgraph ${executionRequest?.operationType ?? 'fetch'}`,
        { kind: SpanKind.CLIENT },
        parent,
      );
      const headers = { ...(options.headers as Record<string, string> | undefined) };
      injectHeaders(headers, trace.setSpan(parent, span));
      if (s) headers[REQUEST_ID_HEADER] = s.id;
      setOptions({ ...options, headers });
      return ({ response }) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
    onResponse({ request, response }) {
      const s = requests.get(request);
      if (!s) return;
      requests.delete(request);
      const ms = Number(process.hrtime.bigint() - s.started) / 1e6;
      const outcome = s.outcome ?? (response.status >= 400 ? `HTTP_${response.status}` : 'ok');
      s.span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) s.span.setStatus({ code: SpanStatusCode.ERROR });
      const traceId = otelContext.with(trace.setSpan(otelContext.active(), s.span), activeTraceId);
      s.span.end();
      response.headers.set(REQUEST_ID_HEADER, s.id);
      logger().info(
        {
          component: 'gateway',
          requestId: s.id,
          traceId,
          operation: s.operation,
          type: s.type,
          actor: s.actor,
          status: response.status,
          ms: Math.round(ms),
          outcome,
        },
        'request',
      );
    },
  };
}

/** The facts of a runtime log entry worth a line: error messages and codes, the subgraph. Never request bodies (they carry variables). */
function runtimeFacts(attrs: unknown): Record<string, unknown> {
  if (!attrs || typeof attrs !== 'object') return {};
  const a = attrs as Record<string, unknown>;
  const err = (a.error ?? a.err ?? (attrs instanceof Error ? attrs : undefined)) as
    { message?: unknown; extensions?: { code?: unknown; subgraph?: unknown }; code?: unknown } | undefined;
  const out: Record<string, unknown> = {};
  if (err && typeof err === 'object') {
    if (typeof err.message === 'string') out.error = err.message.replace(/\nparams: [\s\S]*$/, '');
    const code = err.extensions?.code ?? err.code;
    if (code !== undefined) out.errorCode = code;
    if (err.extensions?.subgraph !== undefined) out.subgraph = err.extensions.subgraph;
  }
  for (const k of ['subgraph', 'subgraphName', 'operationName'] as const) if (typeof a[k] === 'string') out[k] = a[k];
  return out;
}

/**
 * The gateway runtime's own log entries as single JSON lines through the hub's logger (its default
 * writer prints multi-line coloured dumps with request bodies). `level` as the runtime's option.
 */
export function runtimeLogger(level: LogLevel | false): HiveLogger {
  return new HiveLogger({
    level,
    writers: [
      {
        write(lvl, attrs, msg) {
          logger()[lvl === 'trace' ? 'debug' : lvl](
            { component: 'gateway-runtime', ...runtimeFacts(attrs) },
            msg ?? '',
          );
        },
      },
    ],
  });
}

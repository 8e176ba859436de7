// OpenTelemetry traces, off unless configured: the standard OTEL_* variables turn them on
// (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTLP over HTTP/protobuf; the
// exporter reads its own OTEL_EXPORTER_OTLP_* headers, timeout …), or a test passes an exporter.
// W3C traceparent carries one trace from the caller through the gateway, every subgraph call and its
// SQL. Code creates spans through @opentelemetry/api; without a provider they cost nothing.
import { createRequire } from 'node:module';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as TraceBase from '@opentelemetry/sdk-trace-base';
import type * as TraceNode from '@opentelemetry/sdk-trace-node';

// The SDK is loaded only when tracing is on, and as CommonJS: its ESM builds import without file
// extensions (meant for bundlers), which the test runner's resolver would pick. The API it
// registers with is one per process either way (OpenTelemetry keeps it on globalThis).
const require = createRequire(import.meta.url);
const sdk = () => ({
  base: require('@opentelemetry/sdk-trace-base') as typeof TraceBase,
  node: require('@opentelemetry/sdk-trace-node') as typeof TraceNode,
  resources: require('@opentelemetry/resources') as typeof Resources,
  otlp: require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp,
});
type SpanExporter = TraceBase.SpanExporter;
type NodeTracerProvider = TraceNode.NodeTracerProvider;

/** An exporter that keeps finished spans in memory (tests: what one request traced). */
export function createInMemoryExporter(): TraceBase.InMemorySpanExporter {
  return new (sdk().base.InMemorySpanExporter)();
}

export { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span };

/** Whether the environment asks for traces (standard OTel variables). */
export function tracingConfigured(env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing for this process when configured (or with `exporter`, in tests: spans exported one
 * by one). Registers the global provider, the W3C propagator and the async-hooks context manager.
 * Returns what flushes and stops it; undefined when tracing stays off.
 */
export function startTracing(opts: {
  service: string;
  exporter?: SpanExporter;
}): { shutdown(): Promise<void> } | undefined {
  if (provider) return { shutdown: () => provider!.shutdown() };
  if (!opts.exporter && !tracingConfigured()) return undefined;
  const { base, node, resources, otlp } = sdk();
  provider = new node.NodeTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? opts.service }),
    spanProcessors: [
      opts.exporter
        ? new base.SimpleSpanProcessor(opts.exporter)
        : new base.BatchSpanProcessor(new otlp.OTLPTraceExporter()),
    ],
  });
  provider.register();
  return {
    async shutdown() {
      await provider?.shutdown();
      provider = undefined;
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

export const tracer = () => trace.getTracer('@hub/observability');

/** The trace id of the active span, for log lines (undefined when not tracing). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  const id = span?.spanContext().traceId;
  return id && id !== '00000000000000000000000000000000' ? id : undefined;
}

/** Runs `fn` in a span that ends when its promise settles; errors mark the span (message only). */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
  kind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The context of an incoming request's traceparent (the active one when it carries none). */
export function extractContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/** traceparent/tracestate of the active context, to send along with an outgoing request. */
export function injectHeaders(
  into: Record<string, string> = {},
  ctx: Context = context.active(),
): Record<string, string> {
  propagation.inject(ctx, into);
  return into;
}

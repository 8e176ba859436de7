// The hub's Prometheus metrics, declared once (names, labels, buckets) and exposed by every process
// at /metrics through prom-client's default registry (which the gateway's Prometheus plugin shares).
// Labels stay bounded: operation names come from callers, so only the first MAX_OPERATIONS distinct
// names get their own series; later ones count as "other".
import client from 'prom-client';

export const registry = client.register;
export const METRICS_CONTENT_TYPE = registry.contentType;

let defaultsOn = false;
/** Process metrics (CPU, RSS, event-loop lag, GC) once per process, and the service name on every series. */
export function initMetrics(service?: string): void {
  if (service) registry.setDefaultLabels({ service });
  if (defaultsOn) return;
  defaultsOn = true;
  client.collectDefaultMetrics({ register: registry });
}

/** The text exposition of every metric (what GET /metrics answers). */
export function metricsText(): Promise<string> {
  return registry.metrics();
}

const MAX_OPERATIONS = 200;
const operations = new Set<string>();
/** A caller-chosen operation name as a label value: anonymous, the name, or "other" past the cap. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  const bounded = name.slice(0, 100);
  if (operations.has(bounded)) return bounded;
  if (operations.size >= MAX_OPERATIONS) return 'other';
  operations.add(bounded);
  return bounded;
}

const LATENCY = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Reuse a metric already registered under the name (a test or the one-process stack loads this once per module graph). */
function once<T>(name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export const graphqlOperations = once(
  'hub_graphql_operations_total',
  () =>
    new client.Counter({
      name: 'hub_graphql_operations_total',
      help: 'GraphQL operations executed by a subgraph, by operation and outcome (ok, or the first error code)',
      labelNames: ['subgraph', 'operation', 'type', 'outcome'] as const,
    }),
);
export const graphqlDuration = once(
  'hub_graphql_operation_duration_seconds',
  () =>
    new client.Histogram({
      name: 'hub_graphql_operation_duration_seconds',
      help: 'Time a subgraph spent on one GraphQL operation (request received to response ready)',
      labelNames: ['subgraph', 'operation', 'type'] as const,
      buckets: LATENCY,
    }),
);
export const subscriptionsOpen = once(
  'hub_subscriptions_open',
  () =>
    new client.Gauge({
      name: 'hub_subscriptions_open',
      help: 'GraphQL subscriptions open now',
      labelNames: ['component'] as const,
    }),
);
export const eventsPublished = once(
  'hub_events_published_total',
  () =>
    new client.Counter({
      name: 'hub_events_published_total',
      help: 'Events written to the outbox (counted when the write is made; it counts only if its transaction commits)',
      labelNames: ['topic'] as const,
    }),
);
export const eventsConsumed = once(
  'hub_events_consumed_total',
  () =>
    new client.Counter({
      name: 'hub_events_consumed_total',
      help: 'Events applied by a durable consumer (committed with its position)',
      labelNames: ['consumer'] as const,
    }),
);
export const eventsDeliveredLive = once(
  'hub_events_delivered_live_total',
  () =>
    new client.Counter({
      name: 'hub_events_delivered_live_total',
      help: 'Events delivered to this process’s live listeners (subscriptions)',
      labelNames: ['topic'] as const,
    }),
);
export const eventErrors = once(
  'hub_events_errors_total',
  () =>
    new client.Counter({
      name: 'hub_events_errors_total',
      help: 'Failures of event delivery (a durable consumer retries from its position)',
      labelNames: ['where'] as const,
    }),
);
export const outboxPruned = once(
  'hub_outbox_pruned_total',
  () =>
    new client.Counter({
      name: 'hub_outbox_pruned_total',
      help: 'Outbox events pruned (live: past keepLiveMs; durable: passed by every consumer and older than the replay window)',
      labelNames: ['kind'] as const,
    }),
);
export const retentionRuns = once(
  'hub_retention_runs_total',
  () =>
    new client.Counter({
      name: 'hub_retention_runs_total',
      help: 'Retention runs finished',
      labelNames: ['subgraph'] as const,
    }),
);
export const retentionDeleted = once(
  'hub_retention_deleted_total',
  () =>
    new client.Counter({
      name: 'hub_retention_deleted_total',
      help: 'Rows deleted by retention runs',
      labelNames: ['subgraph'] as const,
    }),
);
export const retentionHeldBack = once(
  'hub_retention_held_back_total',
  () =>
    new client.Counter({
      name: 'hub_retention_held_back_total',
      help: 'Expired rows a retention run kept (legal hold, hit)',
      labelNames: ['subgraph'] as const,
    }),
);
export const anprReads = once(
  'hub_anpr_reads_total',
  () =>
    new client.Counter({
      name: 'hub_anpr_reads_total',
      help: 'ANPR reads ingested, by outcome (created, duplicate, rejected)',
      labelNames: ['outcome'] as const,
    }),
);
export const anprHits = once(
  'hub_anpr_hits_total',
  () => new client.Counter({ name: 'hub_anpr_hits_total', help: 'Hotlist hits found at ingest' }),
);
export const auditAppendDuration = once(
  'hub_audit_append_duration_seconds',
  () =>
    new client.Histogram({
      name: 'hub_audit_append_duration_seconds',
      help: 'Time to append to the audit log (waiting for the chain lock included)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    }),
);
export const dbQueriesInFlight = once(
  'hub_db_queries_in_flight',
  () =>
    new client.Gauge({
      name: 'hub_db_queries_in_flight',
      help: 'Queries sent to PostgreSQL and not yet answered (pool use: compare with hub_db_pool_max)',
    }),
);
export const dbPoolMax = once(
  'hub_db_pool_max',
  () => new client.Gauge({ name: 'hub_db_pool_max', help: 'Connections the PostgreSQL pool may open' }),
);
export const dbQueryDuration = once(
  'hub_db_query_duration_seconds',
  () =>
    new client.Histogram({
      name: 'hub_db_query_duration_seconds',
      help: 'PostgreSQL query time as the client sees it (queueing for a connection included)',
      labelNames: ['outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    }),
);

type LagSource = () => Promise<Array<{ consumer: string; seconds: number; pending: number }>>;
const lagSources = new Set<LagSource>();
/**
 * Consumer lag, read at scrape time: the age of the oldest outbox event each durable consumer has
 * not applied yet (0 when it is caught up), and how many are pending. Returns what unregisters it.
 */
export function registerLagSource(source: LagSource): () => void {
  lagSources.add(source);
  return () => lagSources.delete(source);
}
// both lag gauges read one answer per scrape
let lagRead: { at: number; value: Promise<Map<string, { seconds: number; pending: number }>> } | undefined;
function readLag() {
  if (!lagRead || Date.now() - lagRead.at > 1000) lagRead = { at: Date.now(), value: readLagNow() };
  return lagRead.value;
}
async function readLagNow() {
  const all = new Map<string, { seconds: number; pending: number }>();
  for (const source of lagSources) {
    try {
      for (const r of await source()) all.set(r.consumer, r);
    } catch {
      // the database is away: the series stay absent this scrape (readiness reports it)
    }
  }
  return all;
}
once(
  'hub_events_consumer_lag_seconds',
  () =>
    new client.Gauge({
      name: 'hub_events_consumer_lag_seconds',
      help: 'Age of the oldest outbox event a durable consumer has not applied (0: caught up)',
      labelNames: ['consumer'] as const,
      async collect() {
        this.reset();
        for (const [consumer, r] of await readLag()) this.set({ consumer }, r.seconds);
      },
    }),
);
once(
  'hub_events_consumer_pending',
  () =>
    new client.Gauge({
      name: 'hub_events_consumer_pending',
      help: 'Outbox events a durable consumer has not applied yet',
      labelNames: ['consumer'] as const,
      async collect() {
        this.reset();
        for (const [consumer, r] of await readLag()) this.set({ consumer }, r.pending);
      },
    }),
);

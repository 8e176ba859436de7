// Observability through a real hub (docs/OPERATIONS.md): one connected OpenTelemetry trace from the
// caller's traceparent through the gateway, each subgraph call and (on PostgreSQL) its SQL, caught
// by an in-memory exporter; Prometheus metrics and readiness on the gateway and the subgraphs; the
// request id echoed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTORS } from '@hub/auth';
import { openTestDatabase, type Database } from '@hub/db';
import { testPostgresUrl } from '@hub/db/testing';
import { createInMemoryExporter, startTracing } from '@hub/observability';
import { startStack, type Stack } from '@hub/stack';
import postgres from 'postgres';

const exporter = createInMemoryExporter();
let tracing: { shutdown(): Promise<void> } | undefined;
let stack: Stack;
let database: Database;
let onPostgres = false;

beforeAll(async () => {
  tracing = startTracing({ service: 'hub-test', exporter });
  const url = testPostgresUrl();
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  onPostgres = await probe`select 1`.then(
    () => true,
    () => false,
  );
  await probe.end({ timeout: 1 });
  database = await openTestDatabase(onPostgres ? url : null);
  stack = await startStack({ database, seed: true, eventsPollMs: 200 });
});
afterAll(async () => {
  await stack?.stop();
  await database?.close();
  await tracing?.shutdown();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('observability', () => {
  it('a federated query is one trace: caller → gateway → each subgraph call → its SQL', async () => {
    exporter.reset();
    const token = await stack.token(DEMO_ACTORS.police);
    const to = new Date();
    const from = new Date(to.getTime() - 86_400_000);
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`,
        'x-request-id': 'obs-test-1',
      },
      body: JSON.stringify({
        query:
          'query Traced($from: DateTime!, $to: DateTime!) { camera(id: "utrecht-neude-1") { id recordings(from: $from, to: $to, first: 1, purpose: "incident review for the trace test") { edges { node { id } } } } }',
        variables: { from: from.toISOString(), to: to.toISOString() },
      }),
    });
    const body = (await res.json()) as { data?: { camera?: { id: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.camera?.id).toBe('utrecht-neude-1');
    expect(res.headers.get('x-request-id')).toBe('obs-test-1');

    await expect
      .poll(
        () =>
          exporter
            .getFinishedSpans()
            .filter((s) => s.spanContext().traceId === TRACE_ID && s.kind === 1 && s.name.startsWith('POST /graphql'))
            .length,
      )
      .toBeGreaterThanOrEqual(3);
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === TRACE_ID);
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    const parentOf = (s: (typeof spans)[number]) => s.parentSpanContext?.spanId;
    // connected: every span's parent is the caller's span or another span of this trace
    for (const s of spans) expect([CALLER_SPAN, ...ids]).toContain(parentOf(s));
    const servers = spans.filter((s) => s.kind === 1); // SpanKind.SERVER
    const gateway = servers.find((s) => parentOf(s) === CALLER_SPAN)!;
    expect(gateway).toBeDefined();
    const calls = spans.filter((s) => s.kind === 2 && parentOf(s) === gateway.spanContext().spanId); // CLIENT
    expect(calls.length).toBeGreaterThanOrEqual(2); // cameras, then footage for the recordings
    const subgraphServers = servers.filter((s) => calls.some((c) => c.spanContext().spanId === parentOf(s)));
    expect(new Set(subgraphServers.map((s) => s.attributes['hub.subgraph']))).toEqual(new Set(['cameras', 'footage']));
    if (onPostgres) {
      const sql = spans.filter((s) => s.attributes['db.system'] === 'postgresql');
      expect(sql.length).toBeGreaterThan(0);
      // each statement belongs to a subgraph request of this trace, and carries no values
      const underSubgraph = (s: (typeof spans)[number]): boolean => {
        const p = spans.find((x) => x.spanContext().spanId === parentOf(s));
        return !!p && (subgraphServers.includes(p) || underSubgraph(p));
      };
      expect(sql.every(underSubgraph)).toBe(true);
      expect(sql.some((s) => String(s.attributes['db.statement']).includes('utrecht-neude-1'))).toBe(false);
    }
  });

  it('every process serves Prometheus metrics: gateway phases and subgraph calls, subgraph operations, consumer lag, pool', async () => {
    const gw = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(gw).toMatch(/^graphql_gateway_subgraph_execute_duration_bucket\{.*subgraphName="footage"/m);
    expect(gw).toMatch(/^process_resident_memory_bytes/m);
    const footage = stack.subgraphs.find((s) => s.name === 'footage')!;
    const sub = await (await fetch(new URL('/metrics', footage.url))).text();
    expect(sub).toMatch(/^hub_graphql_operations_total\{.*subgraph="footage".*outcome="ok"/m);
    expect(sub).toMatch(/^hub_events_consumer_lag_seconds\{consumer="footage\.camera-replica-v2"\} \d/m);
    expect(sub).toMatch(/^hub_audit_append_duration_seconds_count \d/m);
    if (onPostgres) expect(sub).toMatch(/^hub_db_pool_max \d/m);
  });

  it('readiness reflects the database and event delivery (subgraph) and the subgraphs (gateway)', async () => {
    for (const s of stack.subgraphs) {
      const r = await fetch(new URL('/readyz', s.url));
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({
        ready: true,
        database: 'ok',
        events: { started: true, failingSince: null },
      });
    }
    expect((await fetch(new URL('/readyz', stack.url))).status).toBe(200);
    expect((await fetch(new URL('/healthz', stack.url))).status).toBe(200);
  });
});

// What a subgraph tells operators: one log line and the metrics of every GraphQL operation (Apollo
// Server plugin), the open subscriptions, and readiness from the database and event delivery.
import type { ApolloServerPlugin } from '@apollo/server';
import { sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import {
  activeTraceId,
  graphqlDuration,
  graphqlOperations,
  logger,
  operationLabel,
  REQUEST_ID_HEADER,
} from '@hub/observability';
import type { HubContext } from './context.js';

/** A subgraph whose event delivery has failed this long is not ready (the database is away, a consumer keeps throwing). */
export const EVENTS_UNREADY_AFTER_MS = 30_000;

/**
 * Per operation: hub_graphql_operations_total / _duration_seconds and one line (debug when ok, info
 * when it failed) with the
 * operation, its type, the actor kind, the duration, the outcome (ok or the first error code) and
 * the gateway's request id. Never variables, tokens or results: they may hold plates or references.
 */
export function observePlugin(subgraph: string): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      const requestId = request.http?.headers.get(REQUEST_ID_HEADER) ?? undefined;
      return {
        async willSendResponse(rc) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const type = rc.operation?.operation ?? 'unknown';
          const operation = operationLabel(rc.operationName ?? rc.request.operationName);
          const body = rc.response.body;
          const errors = rc.errors ?? (body.kind === 'single' ? body.singleResult.errors : undefined);
          const outcome = errors?.length
            ? String((errors[0]!.extensions as { code?: unknown } | undefined)?.code ?? 'ERROR')
            : 'ok';
          graphqlOperations.inc({ subgraph, operation, type, outcome });
          graphqlDuration.observe({ subgraph, operation, type }, seconds);
          const actor = (rc.contextValue as HubContext | undefined)?.actor;
          // the gateway logs the caller's request once; its subgraph calls are lines only when they fail
          logger()[outcome === 'ok' ? 'debug' : 'info'](
            {
              subgraph,
              requestId,
              traceId: activeTraceId(),
              operation,
              type,
              actor: actor?.kind,
              ms: Math.round(seconds * 1000),
              outcome,
              errors: errors?.length,
            },
            'graphql',
          );
        },
      };
    },
  };
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | string;
  events: { started: boolean; failingSince: string | null; lastError: string | null };
}

/** Ready when the database answers and event delivery is not failing for long. */
export async function readiness(database: Database, events: Events): Promise<Readiness> {
  let db = 'ok';
  try {
    await database.query(sql`select 1`);
  } catch (err) {
    db = err instanceof Error ? err.message : String(err);
  }
  const s = events.status();
  const failingLong = s.failingSince !== null && Date.now() - s.failingSince.getTime() > EVENTS_UNREADY_AFTER_MS;
  return {
    ready: db === 'ok' && s.started && !failingLong,
    database: db,
    events: { started: s.started, failingSince: s.failingSince?.toISOString() ?? null, lastError: s.lastError },
  };
}

// A subgraph's subscriptions: graphql-ws on the HTTP server's /graphql, the connection's actor from
// the gateway's assertion in `connection_init` (or the upgrade request's header).
import type { Server } from 'node:http';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ACTOR_HEADER, type Actor } from '@hub/auth';
import type { HubContext } from './context.js';
import { formatError } from './errors.js';

/** Bytes of one WebSocket message. */
export const MAX_WS_PAYLOAD = 1024 * 1024;

export interface SubgraphWsOptions {
  schema: GraphQLSchema;
  actorFrom: (assertion: unknown) => Promise<Actor>;
  contextFor: (actor: Actor) => HubContext;
}

/** Serves graphql-ws on `http`; returns what closes it. */
export function subgraphWs(http: Server, opts: SubgraphWsOptions): () => Promise<void> {
  // frames over 1 MiB are refused (close 1009) before anything reads them, the assertion included:
  // the same cap as the gateway's (its maxBody)
  const wss = new WebSocketServer({ server: http, path: '/graphql', maxPayload: MAX_WS_PAYLOAD });
  const ws = useServer<Record<string, unknown>, { actor?: Actor }>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const nested = (params.headers ?? {}) as Record<string, unknown>;
        const assertion = params[ACTOR_HEADER] ?? nested[ACTOR_HEADER] ?? ctx.extra.request.headers[ACTOR_HEADER];
        try {
          (ctx.extra as { actor?: Actor }).actor = await opts.actorFrom(assertion);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden: unsigned or forged
        }
      },
      context: (ctx) => opts.contextFor((ctx.extra as { actor: Actor }).actor),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
    },
    wss,
  );
  return async () => {
    await ws.dispose();
    wss.close();
  };
}

function formatResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e) as GraphQLError) };
}

// A subgraph's subscriptions: graphql-ws on the HTTP server's /graphql, the connection's actor from
// the gateway's assertion in `connection_init` (or the upgrade request's header).
import type { Verified } from './assertion.js';
import type { Server } from 'node:http';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ACTOR_HEADER, MAX_ERRORS } from '@hub/auth';
import type { HubContext } from './context.js';
import { formatError } from './errors.js';
import { subscriptionsOpen } from '@hub/observability';

export interface SubgraphWsOptions {
  /** The subgraph (hub_subscriptions_open{component}). */
  name: string;
  schema: GraphQLSchema;
  actorFrom: (assertion: unknown) => Promise<Verified>;
  contextFor: (caller: Verified) => HubContext;
}

/** Serves graphql-ws on `http`; returns what closes it. */
export function subgraphWs(http: Server, opts: SubgraphWsOptions): () => Promise<void> {
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const ws = useServer<Record<string, unknown>, { caller?: Verified }>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const nested = (params.headers ?? {}) as Record<string, unknown>;
        const assertion = params[ACTOR_HEADER] ?? nested[ACTOR_HEADER] ?? ctx.extra.request.headers[ACTOR_HEADER];
        try {
          (ctx.extra as { caller?: Verified }).caller = await opts.actorFrom(assertion);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden: unsigned or forged
        }
      },
      // A subscription's context lives as long as it does: its events are not one request. Each audited
      // read in it counts on its own (a resolver may still group one event's reads, as registrations do).
      context: (ctx) =>
        Object.defineProperty(opts.contextFor({ ...(ctx.extra as { caller: Verified }).caller, requestId: undefined }), 'auditRequest', { get: () => ({}) }),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
      // open subscriptions: counted when the operation starts, until it completes or its socket goes
      onOperation: (ctx, id) => {
        const open = ((ctx.extra as { open?: Set<string> }).open ??= new Set());
        if (!open.has(id)) {
          open.add(id);
          subscriptionsOpen.inc({ component: opts.name });
        }
      },
      onComplete: (ctx, id) => {
        if ((ctx.extra as { open?: Set<string> }).open?.delete(id)) subscriptionsOpen.dec({ component: opts.name });
      },
      onClose: (ctx) => {
        const open = (ctx.extra as { open?: Set<string> }).open;
        if (open?.size) subscriptionsOpen.dec({ component: opts.name }, open.size);
        open?.clear();
      },
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
  return { ...result, errors: result.errors.slice(0, MAX_ERRORS).map((e) => formatError(e.toJSON(), e) as GraphQLError) };
}

// A subgraph's subscriptions: graphql-ws on the HTTP server's /graphql, the connection's actor from
// the gateway's assertion in `connection_init` (or the upgrade request's header).
import type { Verified } from './assertion.js';
import type { Server } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ACTOR_HEADER, MAX_ERRORS } from '@hub/auth';
import type { HubContext } from './context.js';
import { formatError } from './errors.js';
import { subscriptionsOpen } from '@hub/observability';

/** Bytes of one WebSocket message. */
export const MAX_WS_PAYLOAD = 1024 * 1024;

export interface SubgraphWsOptions {
  /** The subgraph (hub_subscriptions_open{component}). */
  name: string;
  schema: GraphQLSchema;
  actorFrom: (assertion: unknown) => Promise<Verified>;
  contextFor: (caller: Verified) => HubContext;
}

/** Serves graphql-ws on `http`; returns what closes it. */
export function subgraphWs(http: Server, opts: SubgraphWsOptions): () => Promise<void> {
  // frames over 1 MiB are refused (close 1009) before anything reads them, the assertion included:
  // the same cap as the gateway's (its maxBody)
  const wss = new WebSocketServer({ server: http, path: '/graphql', maxPayload: MAX_WS_PAYLOAD });
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
        Object.defineProperty(
          opts.contextFor({ ...(ctx.extra as { caller: Verified }).caller, requestId: undefined }),
          'auditRequest',
          { get: () => ({}) },
        ),
      // parsed and validated here: graphql-ws's own parse throws on a bad document, which closed the whole
      // connection with 4500 and the parser's words as the reason (found by the fuzz test, test/src/fuzz.e2e.test.ts)
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [new GraphQLError((e as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(opts.schema, document);
        if (invalid.length)
          return invalid.map(
            (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        // variables the schema cannot coerce are the caller's input (BAD_USER_INPUT, as Apollo Server says
        // over HTTP); graphql-js's subscribe reports them without a code, which masking made INTERNAL_SERVER_ERROR
        const definitions = getOperationAST(document, payload.operationName)?.variableDefinitions ?? [];
        const coerced = getVariableValues(opts.schema, definitions, payload.variables ?? {}, {
          maxErrors: MAX_ERRORS - 1,
        });
        if (coerced.errors)
          return coerced.errors.map(
            (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
          );
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result as ExecutionResult),
      // errors sent as an `error` message (a refused document, a stream that failed) are formatted as all
      // others: deliberate codes pass, anything else is masked, messages and their number bounded
      onError: (_ctx, _id, _payload, errors) =>
        errors.slice(0, MAX_ERRORS).map((e) => formatError(e.toJSON(), e)) as never,
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
  return {
    ...result,
    errors: result.errors.slice(0, MAX_ERRORS).map((e) => formatError(e.toJSON(), e) as GraphQLError),
  };
}

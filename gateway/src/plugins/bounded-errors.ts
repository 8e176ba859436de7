// Bounded errors (found by the schema-driven fuzz, test/src/fuzz.e2e.test.ts): what a hostile input costs the
// gateway, and what comes back, stays small.
// - Variables are coerced here first, with graphql-js's limit of MAX_ERRORS errors. The router runtime
//   coerces them without a limit: a list of 10,001 bad items took 11 s of CPU (the whole gateway
//   stalled) and came back as 70,007 errors in 16 MB. Over graphql-ws these errors had no code;
//   here they are BAD_USER_INPUT on every transport.
// - Every answer carries at most MAX_ERRORS errors, each message bounded (@hub/auth boundedMessage:
//   graphql-js quotes a bad value whole, 100 KB of it), over HTTP and graphql-ws alike.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { MAX_ERROR_MESSAGE, MAX_ERRORS, boundedMessage } from '@hub/auth';

type AnyError = GraphQLError | { message: string };

function boundedError<E extends AnyError>(e: E): E {
  if (typeof e.message !== 'string' || e.message.length <= MAX_ERROR_MESSAGE / 5) return e;
  const message = boundedMessage(e.message);
  if (message === e.message) return e;
  if (e instanceof GraphQLError) {
    // originalError kept: the masking that follows still sees what it was
    return new GraphQLError(message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: e.extensions,
    }) as E;
  }
  return { ...e, message };
}

/** At most MAX_ERRORS errors, each with a bounded message; the same array when nothing changes. */
export function boundedErrors<E extends AnyError>(errors: readonly E[]): readonly E[] {
  const kept = errors.length > MAX_ERRORS ? errors.slice(0, MAX_ERRORS) : errors;
  const out = kept.map(boundedError);
  return out.length === errors.length && out.every((e, i) => e === errors[i]) ? errors : out;
}

function boundedResult(result: ExecutionResult): ExecutionResult | undefined {
  if (!result?.errors?.length) return undefined;
  const errors = boundedErrors(result.errors);
  return errors === result.errors ? undefined : { ...result, errors: errors as GraphQLError[] };
}

const isStream = (r: unknown): r is AsyncIterable<unknown> => !!r && typeof r === 'object' && Symbol.asyncIterator in r;

/** The variables' errors, at most MAX_ERRORS of them, as BAD_USER_INPUT; none when they coerce. */
function variableErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length) return undefined;
  const inputs = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  const coerced = getVariableValues(schema, operation.variableDefinitions, inputs, { maxErrors: MAX_ERRORS - 1 });
  if (!coerced.errors?.length) return undefined;
  return coerced.errors.map(
    (e) =>
      new GraphQLError(boundedMessage(e.message), {
        nodes: e.nodes,
        source: e.source,
        positions: e.positions,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  );
}

/** No options: the limits are @hub/auth's MAX_ERRORS and MAX_ERROR_MESSAGE, the same in every subgraph. */
export function useBoundedErrors(): GatewayPlugin {
  const onNext = ({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) => {
    const r = boundedResult(result as ExecutionResult);
    if (r) setResult(r);
  };
  return {
    onValidate:
      () =>
      ({ result, setResult }) => {
        const errors = boundedErrors(result as readonly GraphQLError[]);
        if (errors !== result) setResult(errors as GraphQLError[]);
      },
    onExecute({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args.schema, args.document, args.operationName, args.variableValues);
      if (errors) return setResultAndStopExecution({ errors });
      return {
        onExecuteDone({ result, setResult }) {
          if (isStream(result)) return { onNext };
          const r = boundedResult(result);
          if (r) setResult(r);
          return undefined;
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args.schema, args.document, args.operationName, args.variableValues);
      if (errors) return setResultAndStopExecution({ errors } as never);
      return {
        onSubscribeResult({ result, setResult }) {
          if (isStream(result)) return { onNext };
          const r = boundedResult(result);
          if (r) setResult(r);
          return undefined;
        },
      };
    },
    // what no hook above sees: a request that failed before execution (its body, its variables' shape)
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || isStream(result)) return;
      const r = boundedResult(result as ExecutionResult);
      if (r) setResult(r as never);
    },
  };
}

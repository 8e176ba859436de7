// Input error codes: values the schema cannot accept (unknown enum, wrong scalar, missing or bad
// variables) are the caller's input, not a malformed document: BAD_USER_INPUT, as clients expect.
// A body that is not JSON says so without the parser's words, which quote the body back.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ValidationRule } from 'graphql';

const VALUE_ERROR =
  /does not exist in .* enum|cannot represent|Expected value of type|got invalid value|Expected type|was not provided|must not be null/;
// a subgraph that rejects an inline literal (a DateTime the gateway passes through) says GRAPHQL_VALIDATION_FAILED
const isValueError = (e: GraphQLError) =>
  (!e.extensions?.code || e.extensions.code === 'GRAPHQL_VALIDATION_FAILED') && VALUE_ERROR.test(e.message);
const withCode = (e: GraphQLError, code: string) =>
  new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    extensions: { ...e.extensions, code },
  });
const recoded = (errors: readonly GraphQLError[]) =>
  errors.map((e) => (isValueError(e) ? withCode(e, 'BAD_USER_INPUT') : e));

/**
 * A number literal no Float can hold (1e400, or 400 digits): graphql-js's Float reads it as Infinity,
 * and the planner wrote "Infinity" into the subgraph's query, a syntax error there that came back
 * without a code (found by the fuzz test). A variable cannot carry one: JSON has no Infinity.
 */
const finiteNumbers: ValidationRule = (ctx) => {
  const check = (node: { value: string }) => {
    if (!Number.isFinite(Number(node.value))) {
      ctx.reportError(
        new GraphQLError('Float cannot represent a number this large', {
          nodes: [node as never],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    }
  };
  return { FloatValue: check, IntValue: check };
};

/** No options: which errors are the caller's input is fixed by GraphQL's own messages. */
export function useInputErrorCodes(): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(finiteNumbers);
      return ({ result, setResult }) => {
        const errors = result as readonly GraphQLError[];
        if (errors.some(isValueError)) setResult(recoded(errors));
      };
    },
    // variables the schema cannot coerce fail before any field runs (no data at all)
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const r = result as { errors?: readonly GraphQLError[]; data?: unknown };
      // reworded in place (Yoga derives the 400 from this very error): the parser's message quotes the body
      for (const e of r.errors ?? []) {
        const original = e.extensions?.originalError as { name?: string; message?: string } | undefined;
        if (original && original.name === 'SyntaxError') original.message = 'the body is not valid JSON';
      }
      if (r.errors?.some(isValueError)) setResult({ ...r, errors: recoded(r.errors) } as never);
    },
  };
}

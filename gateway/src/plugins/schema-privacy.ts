// Schema privacy: in production the schema is not handed out — no introspection, and no "Did you
// mean …?" suggestions in error messages, which would let a caller enumerate field, argument and
// enum names one guess at a time. (GraphiQL is a runtime option, off with the same flag in index.ts.)
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useDisableIntrospection } from '@envelop/disable-introspection';
import { GraphQLError } from 'graphql';

export interface SchemaPrivacyOptions {
  /** Hide the schema. Default: NODE_ENV === 'production'. */
  production?: boolean;
}

// graphql-js appends its suggestions as one last sentence: ` Did you mean "x"?`, `… the enum value "X"?`
const SUGGESTION = /\s*Did you mean [^]*\?$/;

/** The error without its suggestion sentence (the same error when it has none). */
export function withoutSuggestion(e: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(e.message)) return e;
  return new GraphQLError(e.message.replace(SUGGESTION, ''), {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    originalError: e.originalError,
    extensions: e.extensions,
  });
}

export function useSchemaPrivacy(opts: SchemaPrivacyOptions = {}): GatewayPlugin {
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  if (!production) return {};
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useDisableIntrospection() as never);
    },
    onValidate:
      () =>
      ({ result, setResult }) => {
        const errors = result as readonly GraphQLError[];
        if (errors.some((e) => SUGGESTION.test(e.message))) setResult(errors.map(withoutSuggestion));
      },
    // variables the schema cannot coerce, and what the subgraphs answer, are reworded on the way out
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const r = result as { errors?: readonly GraphQLError[] };
      if (r.errors?.some((e) => SUGGESTION.test(e.message)))
        setResult({ ...r, errors: r.errors.map(withoutSuggestion) } as never);
    },
  };
}

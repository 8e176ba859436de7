// Document limits: how deep, how many aliases and how many tokens one operation may have, refused
// at validation (before planning) with GraphQL Armor's messages.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError } from 'graphql';

export interface DocumentLimitsOptions {
  /** Deepest field nesting, fragments flattened, introspection not counted. Default 10. */
  maxDepth?: number;
  /** Aliases in one operation. Default 15. */
  maxAliases?: number;
  /** Lexical tokens of the document (parsing stops there: GRAPHQL_PARSE_FAILED). Default 2000. */
  maxTokens?: number;
}

// an over-limit document is a validation error like any other (reported, not thrown)
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: { reportError: (e: GraphQLError) => void } | null, err: GraphQLError) => ctx?.reportError(err)],
};

export function useDocumentLimits(opts: DocumentLimitsOptions = {}): GatewayPlugin {
  const { maxDepth = 10, maxAliases = 15, maxTokens = 2000 } = opts;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(maxTokensPlugin({ n: maxTokens }));
      addPlugin(
        maxDepthPlugin({
          n: maxDepth,
          ignoreIntrospection: true,
          flattenFragments: true,
          ...asValidationError,
        } as never),
      );
      addPlugin(maxAliasesPlugin({ n: maxAliases, ...asValidationError } as never));
    },
  };
}

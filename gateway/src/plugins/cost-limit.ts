// Cost limit: what one operation may ask for at once, per actor kind. Nested lists multiply — 15
// aliases × cameras(first: 100) × recordings(first: 100) is 150,000 rows, each an audited read — so the
// cost of a field is 1 plus its selection's cost times how many items it returns: its `first` (or
// `last`/`limit`) argument, the schema's default of it, or `defaultListSize` for a list without one
// (docs/OPERATIONS.md). Over the actor's budget the operation is refused with COST_LIMIT_EXCEEDED before it
// is planned; nothing reaches a subgraph.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
// its CommonJS build: the ESM one imports graphql/index.mjs, a second copy of graphql beside the one
// the runtime's schema comes from ("another module or realm")
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity/cjs';
import type { ActorKind } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';

export type CostBudgets = Record<ActorKind, number>;

/**
 * Default budgets. A page of 100 cameras with 100 recordings each costs ~30,500; the public register
 * page of 100 cameras ~1,600; the municipality dashboard ~10,000.
 */
export const DEFAULT_COST_BUDGETS: CostBudgets = {
  police: 50_000,
  municipality: 50_000,
  authority: 50_000,
  company: 20_000,
  citizen: 10_000,
  public: 20_000,
  system: 5_000,
};

export interface CostLimitOptions {
  /** Budget per actor kind; missing kinds keep DEFAULT_COST_BUDGETS. */
  budgets?: Partial<CostBudgets>;
  /** Items assumed for a list field without a size argument or default. Default 10. */
  defaultListSize?: number;
}

const SIZE_ARGS = ['first', 'last', 'limit'];

/**
 * The estimator: 1 + children × items. A connection's `edges` are the items its `first` already counted.
 * Introspection is free: it reads the gateway's own schema, reaches no subgraph (GraphiQL's schema
 * query costs ~52,000 by list sizes), and production turns it off (plugins/schema-privacy.ts).
 */
export function listCostEstimator(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    const size = SIZE_ARGS.map((a) => args[a]).find((v): v is number => typeof v === 'number');
    let items = 1;
    if (size !== undefined) items = Math.max(size, 1);
    else if (field.args.some((a) => SIZE_ARGS.includes(a.name))) items = defaultListSize;
    else if (isListType(getNullableType(field.type)) && !(type.name.endsWith('Connection') && field.name === 'edges'))
      items = defaultListSize;
    return 1 + childComplexity * items;
  };
}

/** The cost of an operation; undefined when its variables cannot be read (execution refuses those). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  defaultListSize = 10,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [listCostEstimator(defaultListSize)],
    });
  } catch {
    return undefined;
  }
}

/** Needs `actor` in the context (useCallerAuthentication). */
export function useCostLimit(opts: CostLimitOptions = {}): GatewayPlugin<HubGatewayContext> {
  const budgets = { ...DEFAULT_COST_BUDGETS, ...opts.budgets };
  const listSize = opts.defaultListSize ?? 10;
  const check = (a: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: unknown;
    operationName?: string | null;
    contextValue: unknown;
  }) => {
    const kind = (a.contextValue as HubGatewayContext).actor?.kind ?? 'public';
    const budget = budgets[kind];
    const cost = operationCost(
      a.schema,
      a.document,
      a.variableValues as Record<string, unknown>,
      a.operationName ?? undefined,
      listSize,
    );
    if (cost === undefined || cost <= budget) return undefined;
    return new GraphQLError(
      `This operation costs ${cost}, more than the ${budget} one ${kind} caller may ask for at once: ask for fewer items (first) or split it`,
      { extensions: { code: 'COST_LIMIT_EXCEEDED', cost, budget } },
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution({ errors: [refused] } as never);
    },
  };
}

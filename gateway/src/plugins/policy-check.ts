// The policy check: before planning, every selected field is checked against the caller's ability
// (policy.ts); a refused operation never reaches a subgraph.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Ability } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';
import { canMapFromSupergraph, policyRule } from '../policy.js';

export interface PolicyCheckOptions {
  /** The supergraph, whose fields carry the subgraphs' @can(action, subject, field). */
  supergraphSdl: string;
}

/** Needs `actor` and `ability` in the context (useCallerAuthentication, listed before it). */
export function usePolicyCheck(opts: PolicyCheckOptions): GatewayPlugin<HubGatewayContext> {
  const canMap = canMapFromSupergraph(opts.supergraphSdl);
  // Checks run once the actor is known (Yoga validates before it builds the context).
  // Yoga reuses the parsed document of a repeated query and abilities are cached per actor, so the
  // verdict for (document, ability) is computed once.
  const verdicts = new WeakMap<DocumentNode, WeakMap<Ability, readonly GraphQLError[]>>();
  const check = (schema: GraphQLSchema, document: DocumentNode, ctx: HubGatewayContext) => {
    let perAbility = verdicts.get(document);
    if (!perAbility) verdicts.set(document, (perAbility = new WeakMap()));
    let errors = perAbility.get(ctx.ability);
    if (!errors) {
      errors = validate(schema, document, [policyRule(ctx.actor, ctx.ability, canMap)]);
      perAbility.set(ctx.ability, errors);
    }
    return errors;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args.schema, args.document, args.contextValue as HubGatewayContext);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args.schema, args.document, args.contextValue as HubGatewayContext);
      if (errors.length) setResultAndStopExecution({ errors } as never);
    },
  };
}

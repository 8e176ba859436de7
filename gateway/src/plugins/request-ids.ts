// Request ids: marks a subscription's context so that each subgraph call made while delivering its
// events is signed with its own request id (context.ts requestAssertions), not one id for a stream
// that may live for hours and would run into a request's bound on audited reads (@hub/audit MAX_ENTRIES_PER_REQUEST).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { HubGatewayContext, RequestContext } from '../context.js';

export function useRequestIds(): GatewayPlugin<HubGatewayContext> {
  return {
    onSubscribe({ args }) {
      (args.contextValue as RequestContext).subscription = true;
    },
  };
}

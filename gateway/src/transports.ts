// How the gateway reaches each subgraph: HTTP for queries and mutations, graphql-ws for subscriptions.
import { ACTOR_HEADER } from '@hub/auth';

export function subgraphTransports(subgraphUrls: Record<string, string>): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(subgraphUrls)) {
    entries[name] = {
      location: url,
      options: {
        // The HTTP executor merges identical in-flight queries (same body and headers: one actor's
        // identical concurrent reads) into one upstream call, so the subgraph would log one audited
        // read for several (issue 14 §1). Every caller's read reaches the subgraph and its audit log.
        deduplicateInflightRequests: false,
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          // the WS connection to a subgraph is opened per actor, carrying the actor's assertion
          headers: [[ACTOR_HEADER, '{context.actorAssertion}']],
          options: { connectionParams: { [ACTOR_HEADER]: '{context.actorAssertion}' } },
        },
      },
    };
  }
  return entries;
}

// How the gateway reaches each subgraph: HTTP for queries and mutations, graphql-ws for subscriptions.
import { ACTOR_HEADER } from '@hub/auth';

export function subgraphTransports(subgraphUrls: Record<string, string>): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(subgraphUrls)) {
    entries[name] = {
      location: url,
      options: {
        // The HTTP executor merges identical in-flight calls (same body and headers) into one. Each
        // client request's calls carry their own request id in the assertion (context.ts
        // requestAssertions), so only calls of one request merge: each read is logged.
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

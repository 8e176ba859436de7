// How the gateway reaches each subgraph: HTTP for queries and mutations, graphql-ws for subscriptions.
import { ACTOR_HEADER } from '@hub/auth';

export function subgraphTransports(subgraphUrls: Record<string, string>): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(subgraphUrls)) {
    entries[name] = {
      location: url,
      options: {
        // The HTTP executor merges identical in-flight calls (same body and headers). Each client
        // request's calls carry its own request id (plugins/request-ids.ts), so only calls of one
        // request merge: one actor's identical concurrent reads each reach the subgraph and its
        // audit log (issue 14 §1).
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

// What every request of the gateway carries once its caller is known (plugins/caller-authentication.ts).
import { randomUUID } from 'node:crypto';
import { PUBLIC_ACTOR, signActorAssertion, type Ability, type Actor } from '@hub/auth';

export type HubGatewayContext = {
  actor: Actor;
  ability: Ability;
  /** The actor signed for subgraphs (x-hub-actor); the WS connection to a subgraph carries it. */
  actorAssertion: string;
};

export type AssertionFor = (actor: Actor) => Promise<string>;

/** Assertions are cached per actor for a while so upstream WS connections can be shared per actor. */
export function assertionCache(key: Uint8Array): AssertionFor {
  const cache = new Map<string, { token: string; until: number }>();
  return async (actor) => {
    // per session too: the subgraphs log a session's (token's) first use as a log-in
    const k = `${actor.kind}|${actor.sub}|${actor.org ?? ''}|${actor.municipality ?? ''}|${actor.session ?? ''}`;
    const hit = cache.get(k);
    if (hit && hit.until > Date.now()) return hit.token;
    const token = await signActorAssertion(key, actor);
    if (cache.size > 10_000) cache.clear();
    cache.set(k, { token, until: Date.now() + 20_000 }); // assertions live 60 s; reuse for 20 s
    return token;
  };
}

/** The context as a request's subgraph calls see it; `subscription` is set for a subscription (plugins/request-ids.ts). */
export type RequestContext = HubGatewayContext & { subscription?: boolean };

/**
 * The assertion a client request's subgraph calls carry: its actor and a random request id (signed),
 * the same for every call of the request, renewed before it expires. A subgraph logs and bounds a
 * request's audited reads by it (@hub/audit MAX_ENTRIES_PER_REQUEST), and the HTTP executor's in-flight deduplication
 * merges only calls of one request: one actor's identical concurrent reads each reach the subgraph
 * and its audit log. A subscription is no one request: each call made while delivering its events
 * gets its own id.
 */
export function requestAssertions(key: Uint8Array): (context: RequestContext) => Promise<string> {
  const byRequest = new WeakMap<object, { rid: string; token: Promise<string>; until: number }>();
  return (context) => {
    const actor = context.actor ?? PUBLIC_ACTOR;
    if (context.subscription) return signActorAssertion(key, actor, randomUUID());
    let a = byRequest.get(context);
    if (!a || a.until <= Date.now()) {
      const rid = a?.rid ?? randomUUID();
      a = { rid, token: signActorAssertion(key, actor, rid), until: Date.now() + 20_000 }; // assertions live 60 s
      byRequest.set(context, a);
    }
    return a.token;
  };
}

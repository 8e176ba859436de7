// What every request of the gateway carries once its caller is known (plugins/caller-authentication.ts).
import { signActorAssertion, type Ability, type Actor } from '@hub/auth';

export type HubGatewayContext = {
  actor: Actor;
  ability: Ability;
  /** The actor signed for subgraphs (x-hub-actor); the WS connection to a subgraph carries it. */
  actorAssertion: string;
};

/** A header of a request's headers, whichever shape they come in (Fetch Headers or a plain object). */
export function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === name && typeof v === 'string') return v;
  }
  return undefined;
}

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

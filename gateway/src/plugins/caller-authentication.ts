// Caller authentication: the caller of every request is a verified Bearer token's actor, or the
// public without a token. A token that is there but bad is refused (401), never the public.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { PUBLIC_ACTOR, abilityFor, type Actor, type VerifyCaller } from '@hub/auth';
import { header, type AssertionFor, type HubGatewayContext } from '../context.js';
import { unauthenticated } from '../errors.js';

export interface CallerAuthenticationOptions {
  /** Verifies a caller's token (issuer, audience, algorithms, keys: packages/auth createCallerVerifier). */
  verifyCaller: VerifyCaller;
  /** Signs the actor for the subgraphs (context.ts assertionCache: one per actor for a while). */
  assertionFor: AssertionFor;
}

/** The actor of an Authorization header value; throws UNAUTHENTICATED for anything but a valid Bearer token. */
export function callerFromAuthorization(verifyCaller: VerifyCaller) {
  return async (authorization: string | undefined): Promise<Actor> => {
    if (!authorization) return PUBLIC_ACTOR;
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw unauthenticated('Authorization must be a Bearer token');
    try {
      return await verifyCaller(m[1]!);
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
  };
}

/**
 * Puts `actor`, its `ability` and its signed `actorAssertion` in the context of every operation
 * (HTTP, SSE and graphql-ws, whose `connection_init` payload stands in for the headers).
 */
export function useCallerAuthentication(opts: CallerAuthenticationOptions): GatewayPlugin<HubGatewayContext> {
  const callerOf = callerFromAuthorization(opts.verifyCaller);
  return {
    async onContextBuilding({ context, extendContext }) {
      const actor = await callerOf(header((context as { headers?: unknown }).headers, 'authorization'));
      extendContext({ actor, ability: abilityFor(actor), actorAssertion: await opts.assertionFor(actor) });
    },
  };
}

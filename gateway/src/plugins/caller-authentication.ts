// Caller authentication: the caller of every request is a verified Bearer token's actor, or the
// public without a token. A token that is there but bad is refused (401), never the public.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { PUBLIC_ACTOR, abilityFor, type Actor, type VerifyCaller } from '@hub/auth';
import type { AssertionFor, HubGatewayContext } from '../context.js';
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

type RequestContext = {
  req?: { headers?: Record<string, unknown> };
  request?: { headers?: Headers };
  connectionParams?: unknown;
};

/**
 * Every credential a request presents: its Authorization header (over graphql-ws: the upgrade
 * request's) and, over graphql-ws, `authorization` in `connection_init` (top level or under `headers`).
 * Values are as sent: a number, a list or an object is a malformed credential, not an absent one.
 */
export function presentedCredentials(context: RequestContext): unknown[] {
  const out: unknown[] = [];
  const fromHeader = context.req?.headers?.authorization ?? context.request?.headers?.get('authorization') ?? undefined;
  if (fromHeader !== undefined && fromHeader !== '') out.push(fromHeader);
  const collect = (params: unknown) => {
    if (!params || typeof params !== 'object' || Array.isArray(params)) return;
    for (const [k, v] of Object.entries(params))
      if (k.toLowerCase() === 'authorization' && v !== undefined && v !== '') out.push(v);
  };
  const params = context.connectionParams;
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params)))
    out.push(params);
  collect(params);
  collect((params as { headers?: unknown } | undefined)?.headers);
  return out;
}

/**
 * Puts `actor`, its `ability` and its signed `actorAssertion` in the context of every operation
 * (HTTP, SSE and graphql-ws, whose `connection_init` payload carries the token). No credential is the
 * public; a malformed one (not text), two that differ, or one that does not verify is UNAUTHENTICATED —
 * never the public, so a bad token cannot be shadowed by another value.
 */
export function useCallerAuthentication(opts: CallerAuthenticationOptions): GatewayPlugin<HubGatewayContext> {
  const callerOf = callerFromAuthorization(opts.verifyCaller);
  return {
    async onContextBuilding({ context, extendContext }) {
      const credentials = presentedCredentials(context as RequestContext);
      if (credentials.some((c) => typeof c !== 'string')) throw unauthenticated('Authorization must be a Bearer token');
      if (new Set(credentials).size > 1)
        throw unauthenticated('Send one Authorization: two different credentials were sent');
      const actor = await callerOf(credentials[0] as string | undefined);
      extendContext({ actor, ability: abilityFor(actor), actorAssertion: await opts.assertionFor(actor) });
    },
  };
}

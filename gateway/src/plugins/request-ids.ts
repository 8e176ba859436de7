// Request ids (issue 14 §1, §4): every subgraph call of one client request carries the same random
// request id, signed into its actor assertion. The HTTP executor merges identical in-flight calls
// (same body and headers): with the id in the headers only calls of one request merge, so one actor's
// identical concurrent reads each reach the subgraph and its audit log, and a subgraph counts one
// request's audited reads together (subgraph-kit HubContext.auditRequest). A subscription is no one
// request: each call made while delivering its events gets an id of its own.
import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { PUBLIC_ACTOR, signActorAssertion } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';

const SUBSCRIPTION = Symbol('subscription');
type RequestContext = HubGatewayContext & { [SUBSCRIPTION]?: true };

/** Marks a subscription's context, so requestAssertions gives its calls an id each. */
export function useRequestIds(): GatewayPlugin<HubGatewayContext> {
  return {
    onSubscribe({ args }) {
      (args.contextValue as RequestContext)[SUBSCRIPTION] = true;
    },
  };
}

/**
 * The assertion for a subgraph call of the request whose context this is: its actor and request id,
 * the same for every call of the request, signed again before it expires (assertions live 60 s).
 */
export function requestAssertions(internalKey: Uint8Array): (context: HubGatewayContext) => Promise<string> {
  const byRequest = new WeakMap<object, { rid: string; token: Promise<string>; until: number }>();
  return (context) => {
    const ctx = context as RequestContext;
    const actor = ctx.actor ?? PUBLIC_ACTOR;
    if (ctx[SUBSCRIPTION]) return signActorAssertion(internalKey, actor, randomUUID());
    let a = byRequest.get(ctx);
    if (!a || a.until <= Date.now()) {
      const rid = a?.rid ?? randomUUID();
      // set before signing completes: concurrent calls of the request share one id and one signature
      a = { rid, token: signActorAssertion(internalKey, actor, rid), until: Date.now() + 20_000 };
      byRequest.set(ctx, a);
    }
    return a.token;
  };
}

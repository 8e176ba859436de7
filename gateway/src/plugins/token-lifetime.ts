// Token lifetime: a subscription lives no longer than the token it was opened with (plus the clock
// tolerance requests get); then it ends with UNAUTHENTICATED and the client subscribes again with a
// new token. (Streams end the same way in stream-proxy.ts.)
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CLOCK_TOLERANCE_S } from '@hub/auth';
import type { HubGatewayContext } from '../context.js';
import { untilDeadline } from '../deadline.js';

export interface TokenLifetimeOptions {
  /** Seconds a subscription may outlive its token's `exp`. Default: CLOCK_TOLERANCE_S (30), as for requests. */
  toleranceS?: number;
}

/** Needs `actor` in the context (useCallerAuthentication); the public's subscriptions have no end. */
export function useTokenLifetime(opts: TokenLifetimeOptions = {}): GatewayPlugin<HubGatewayContext> {
  const toleranceMs = (opts.toleranceS ?? CLOCK_TOLERANCE_S) * 1000;
  return {
    onSubscribe({ args }) {
      const expiresAt = (args.contextValue as HubGatewayContext).actor?.expiresAt;
      if (!expiresAt) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
            setResult(untilDeadline(result as AsyncIterable<unknown>, expiresAt + toleranceMs) as never);
          }
        },
      };
    },
  };
}

// Ending a stream of events at a moment in time (a token's expiry), with UNAUTHENTICATED.
import type { GraphQLError } from 'graphql';
import { unauthenticated } from './errors.js';

/** Resolves at `deadline` (epoch ms), in steps: setTimeout cannot wait more than ~24.8 days at once. */
export function at(deadline: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    const arm = () => {
      const wait = deadline - Date.now();
      if (wait <= 0) return resolve();
      timer = setTimeout(arm, Math.min(wait, 2 ** 31 - 1));
      timer.unref();
    };
    arm();
  });
  return { done, cancel: () => clearTimeout(timer) };
}

/**
 * The events of `source` until `deadline`, then one UNAUTHENTICATED error and the end. A plain
 * iterator, not an async generator: a client leaving mid-wait must close the upstream at once (a
 * generator's return() would wait for the next event, resolving it for nobody).
 */
export function untilDeadline<T>(
  source: AsyncIterable<T>,
  deadline: number,
): AsyncIterableIterator<T | { errors: GraphQLError[] }> {
  const it = source[Symbol.asyncIterator]();
  const expiry = at(deadline);
  // Not Promise.race([it.next(), expiry]): every race adds a reaction to the long-lived expiry promise
  // that holds its event until the token expires — ~600 bytes per delivered event, an hour's worth
  // per subscription (npm run test:gateway-heap). One waiter at a time instead, dropped when answered.
  let expired = false;
  let wakeOnExpiry: (() => void) | undefined;
  void expiry.done.then(() => {
    expired = true;
    wakeOnExpiry?.();
  });
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    expiry.cancel();
    wakeOnExpiry = undefined;
    // not awaited: a source that is an async generator would queue its return() behind the pending next()
    void Promise.resolve(it.return?.()).catch(() => {});
  };
  const end = { done: true as const, value: undefined };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return end;
      const next = expired
        ? null
        : await new Promise<IteratorResult<T> | null>((resolve, reject) => {
            wakeOnExpiry = () => resolve(null);
            it.next().then(resolve, reject);
          }).finally(() => (wakeOnExpiry = undefined));
      if (next === null) {
        await finish();
        return {
          done: false,
          value: { errors: [unauthenticated('The token has expired: subscribe again with a new token')] },
        };
      }
      if (next.done) {
        finished = true;
        expiry.cancel();
      }
      return next;
    },
    async return() {
      await finish();
      return end;
    },
    async throw(e: unknown) {
      await finish();
      throw e;
    },
  };
}

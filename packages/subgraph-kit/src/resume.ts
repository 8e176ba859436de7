// Resumable subscriptions: a client that lost its connection subscribes again with `after` (the
// `cursor` of the last event it saw) and first gets the events it missed, replayed from the outbox
// under the same per-subscriber check as live ones, then the live stream, without gaps or repeats.
import { parsePositionCursor, positionCursor, type HubEvent, type Position, type Topic } from '@hub/events';
import { badInput } from './errors.js';
import type { HubContext } from './context.js';

/** Events replayed at most on one resume; a client away longer reloads its view instead. */
export const MAX_REPLAY = 1000;

const after = (a: Position, b: Position) => a.tx > b.tx || (a.tx === b.tx && a.id > b.id);

/**
 * The payloads of `topic` that `accept` lets through for this subscriber, each with its `cursor`;
 * when `afterCursor` is given, first the accepted ones committed after it. Listens before it
 * replays, so an event committed in between arrives once (live, or replayed and then skipped).
 */
export function resumableEvents<P extends object>(
  ctx: HubContext,
  topic: Topic,
  afterCursor: string | null | undefined,
  accept: (payload: P) => boolean,
): AsyncIterableIterator<P & { cursor: string }> {
  const start = afterCursor == null ? undefined : parsePositionCursor(afterCursor);
  if (afterCursor != null && !start) throw badInput('after must be the cursor of an event this subscription delivered');
  type Out = P & { cursor: string };
  const queue: HubEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let last: Position | undefined = start;
  const stopListening = ctx.events.onLive(topic, (e) => {
    queue.push(e);
    wake?.();
  });
  let replayed: Promise<HubEvent[]> | undefined = start ? ctx.events.replay(topic, start, MAX_REPLAY) : undefined;
  const end = { done: true as const, value: undefined };
  const finish = () => {
    finished = true;
    stopListening();
    wake?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<Out>> {
      if (replayed) {
        queue.unshift(...(await replayed));
        replayed = undefined;
      }
      for (;;) {
        if (finished) return end;
        const e = queue.shift();
        if (!e) {
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
          continue;
        }
        const pos = { tx: e.tx, id: e.id };
        if (last && !after(pos, last)) continue; // already delivered (replayed, then seen live)
        last = pos;
        const payload = e.payload as P;
        if (!accept(payload)) continue;
        return { done: false, value: { ...payload, cursor: positionCursor(pos) } };
      }
    },
    async return() {
      finish();
      return end;
    },
    async throw(err: unknown) {
      finish();
      throw err;
    },
  };
}

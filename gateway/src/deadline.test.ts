import { describe, expect, it } from 'vitest';
import { untilDeadline } from './deadline.js';

async function* forever() {
  for (let i = 0; ; i++) {
    yield i;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('untilDeadline', () => {
  it('passes events until the deadline, then one UNAUTHENTICATED error and the end', async () => {
    const seen: unknown[] = [];
    for await (const v of untilDeadline(forever(), Date.now() + 300)) seen.push(v);
    const last = seen.pop() as { errors: Array<{ extensions: { code: string } }> };
    expect(last.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((v) => typeof v === 'number')).toBe(true);
  });

  it('a source that ends first ends as it is', async () => {
    async function* three() {
      yield* [1, 2, 3];
    }
    const seen: unknown[] = [];
    for await (const v of untilDeadline(three(), Date.now() + 60_000)) seen.push(v);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('a client leaving closes the source at once, without waiting for its next event', async () => {
    let closed = false;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => {}), // never an event
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const it = untilDeadline(source, Date.now() + 60_000);
    void it.next();
    await it.return!();
    expect(closed).toBe(true);
  });
});

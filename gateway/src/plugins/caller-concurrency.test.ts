import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTORS } from '@hub/auth';
import { codes, tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub({ callerConcurrency: { police: { inFlight: 2, queued: 4 } } });
});
afterAll(async () => hub?.close());

const SLOW = '{ slow(ms: 300) }';

describe('useCallerConcurrency', () => {
  it("runs at most inFlight of one caller's operations at once; the others wait their turn and are answered", async () => {
    const token = await hub.token({ ...DEMO_ACTORS.police, sub: 'officer-waits' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => hub.gql({ token }, SLOW)));
    expect(answers.map((a) => a.body.errors)).toEqual(Array(6).fill(undefined));
    // the peak the subgraph saw for this officer never went above 2
    expect(Math.max(...answers.map((a) => a.body.data.slow as number))).toBe(2);
  });

  it('refuses beyond the queue with RATE_LIMITED, 429 and Retry-After, and writes nothing', async () => {
    const token = await hub.token({ ...DEMO_ACTORS.police, sub: 'officer-floods' });
    const calls = hub.subgraphCalls.length;
    const answers = await Promise.all(Array.from({ length: 9 }, () => hub.gql({ token }, SLOW)));
    const refused = answers.filter((a) => codes(a.body).includes('RATE_LIMITED'));
    expect(refused).toHaveLength(3); // 2 running + 4 waiting are answered
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body.errors[0].extensions.retryAfter).toBe(1);
    }
    expect(hub.subgraphCalls.length - calls).toBe(6);
  });

  it('another caller is not held back by one whose turns are all taken', async () => {
    const flooder = await hub.token({ ...DEMO_ACTORS.police, sub: 'officer-busy' });
    const other = await hub.token({ ...DEMO_ACTORS.police, sub: 'officer-other' });
    const busy = Promise.all(Array.from({ length: 6 }, () => hub.gql({ token: flooder }, '{ slow(ms: 1500) }')));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    const r = await hub.gql({ token: other }, '{ cameras(first: 1) { id } }');
    const waited = Date.now() - t0;
    expect(r.body.data.cameras).toHaveLength(1);
    expect(waited).toBeLessThan(1500); // answered before the flooder's first turn ends (generous on a busy machine)
    expect((await busy).every((a) => a.body.errors === undefined)).toBe(true);
  });

  it('does not count subscriptions', async () => {
    const token = await hub.token({ ...DEMO_ACTORS.police, sub: 'officer-watches' });
    const clients = Array.from({ length: 3 }, () => hub.ws({ authorization: `Bearer ${token}` }));
    const ticks = await Promise.all(
      clients.map(
        (c) =>
          new Promise<number>((resolve, reject) => {
            const stop = c.subscribe(
              { query: 'subscription { ticks }' },
              {
                next: (v) => (stop(), resolve((v.data as { ticks: number }).ticks)),
                error: reject,
                complete: () => undefined,
              },
            );
          }),
      ),
    );
    expect(ticks).toEqual([0, 0, 0]);
    const r = await hub.gql({ token }, SLOW);
    expect(r.body.errors).toBeUndefined();
  });
});

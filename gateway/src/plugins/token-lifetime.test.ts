import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyHub, type TinyHub } from '../testing/tiny-hub.js';

let hub: TinyHub;
beforeAll(async () => {
  hub = await tinyHub();
});
afterAll(async () => hub?.close());

const waitFor = async (pred: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('useTokenLifetime', () => {
  it('ends a subscription with UNAUTHENTICATED once its token (plus the 30 s tolerance) has expired', async () => {
    // exp 28 s ago: accepted when subscribing, past the tolerance two seconds later
    const token = await hub.token('municipality', Math.floor(Date.now() / 1000) - 28);
    const seen = { ticks: 0, errors: [] as unknown[], completed: false };
    hub.ws({ authorization: `Bearer ${token}` }).subscribe(
      { query: 'subscription { ticks }' },
      {
        next: (v) => (v.errors ? seen.errors.push(...v.errors) : seen.ticks++),
        error: (e) => seen.errors.push(e),
        complete: () => (seen.completed = true),
      },
    );
    await waitFor(() => seen.errors.length > 0 || seen.completed, 20_000);
    // accepted, then ended by its deadline (a refused connection would say "Invalid or expired token")
    expect(JSON.stringify(seen.errors)).toMatch(/UNAUTHENTICATED/);
    expect(JSON.stringify(seen.errors)).toMatch(/subscribe again with a new token/);
  });

  it('keeps a subscription with a valid token, and the public one, open', async () => {
    const token = await hub.token('municipality', '1h');
    const counts = { valid: 0, public: 0, errors: [] as unknown[] };
    hub
      .ws({ authorization: `Bearer ${token}` })
      .subscribe(
        { query: 'subscription { ticks }' },
        { next: () => counts.valid++, error: (e) => counts.errors.push(e), complete: () => {} },
      );
    hub
      .ws({})
      .subscribe(
        { query: 'subscription { ticks }' },
        { next: () => counts.public++, error: (e) => counts.errors.push(e), complete: () => {} },
      );
    await waitFor(() => counts.valid >= 5 && counts.public >= 5, 20_000);
    expect(counts.errors).toEqual([]);
    expect(counts.valid).toBeGreaterThanOrEqual(5);
    expect(counts.public).toBeGreaterThanOrEqual(5);
  });
});

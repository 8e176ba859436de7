// Per-request batching (DataLoader-style): every id asked for in the same tick of one request is
// loaded by a single query. Used for federation references and for N+1-prone field resolvers.
import type { HubContext } from './context.js';

type Row = Record<string, unknown>;
type Waiter = { resolve: (v: Row | null) => void; reject: (e: unknown) => void };

export function createBatchLoader<R extends Row = Row>(
  load: (ids: string[], ctx: HubContext) => Promise<R[]>,
  key: (row: R) => string = (r) => String(r.id),
): (id: string, ctx: HubContext) => Promise<R | null> {
  const open = new WeakMap<HubContext, Map<string, Waiter[]>>();
  return (id, ctx) =>
    new Promise<R | null>((resolve, reject) => {
      let batch = open.get(ctx);
      if (!batch) {
        const b = (batch = new Map<string, Waiter[]>());
        open.set(ctx, b);
        process.nextTick(async () => {
          open.delete(ctx);
          try {
            const rows = await load([...b.keys()], ctx);
            const byKey = new Map(rows.map((r) => [key(r), r]));
            for (const [k, waiters] of b) waiters.forEach((w) => w.resolve(byKey.get(k) ?? null));
          } catch (e) {
            for (const waiters of b.values()) waiters.forEach((w) => w.reject(e));
          }
        });
      }
      const waiters = batch.get(id) ?? [];
      waiters.push({ resolve: resolve as Waiter['resolve'], reject });
      batch.set(id, waiters);
    });
}

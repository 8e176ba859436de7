// Reading and sharing signals (003 §2.2): rows ↔ GraphQL objects, the policy's WHERE, pages; a shared
// signal is announced (signalShared) in the transaction that stores it.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { accessibleWhere } from '@hub/auth';
import type { Queryable } from '@hub/db';
import type { Events } from '@hub/events';
import { afterTimeCursor, decodeCursor, pageSize, TIME_CURSOR, toPage, type HubContext } from '@hub/subgraph-kit';
import { SIGNAL_SHARED } from '../schema/topics.js';
import type { Signal } from '../schema/types.js';
import { signalTable } from './schema.js';

export type SignalRow = typeof signalTable.$inferSelect;

/** Policy condition fields → columns, for accessibleWhere. */
const signalColumns = { municipality: signalTable.municipality };

export function toSignal(r: SignalRow): Signal {
  return {
    id: r.id,
    municipality: r.municipality,
    category: r.category,
    description: r.description,
    street: r.street,
    location: r.latitude != null && r.longitude != null ? { latitude: r.latitude, longitude: r.longitude } : null,
    camera: null,
    cameraId: r.cameraId,
    observedAt: new Date(r.observedAt),
    sharedAt: new Date(r.sharedAt),
    sharedBy: r.sharedBy,
  };
}

/** A page of the signals the caller may read, optionally of one municipality, newest first: keyset on (shared_at, id). */
export async function signalPage(
  ctx: HubContext,
  municipality: string | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, TIME_CURSOR);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'Signal', signalColumns),
    municipality ? eq(signalTable.municipality, municipality) : undefined,
  );
  const keyset: SQL | undefined = afterTimeCursor(signalTable.sharedAt, signalTable.id, cursor, 'desc');
  const rows = await ctx.db
    .select()
    .from(signalTable)
    .where(and(where, keyset))
    .orderBy(desc(signalTable.sharedAt), desc(signalTable.id))
    .limit(limit + 1);
  // shared_at has millisecond precision, so the ISO text is exact as a cursor
  const page = toPage(rows, limit, 0, (r) => [r.sharedAt.toISOString(), r.id], toSignal);
  return Object.assign(page, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(signalTable).where(where))[0]!.n,
  });
}

/** Store a signal and announce it (signalShared). */
export async function insertSignal(tx: Queryable, events: Events, row: typeof signalTable.$inferInsert) {
  const [inserted] = await tx.insert(signalTable).values(row).returning();
  await events.publish(tx, SIGNAL_SHARED, inserted);
  return inserted!;
}

import { bigint, bigserial, index, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const events = pgSchema('events');

/** The durable outbox: written in the same transaction as the change it announces. */
export const outbox = events.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // The writing transaction's id: readers only take rows of finished transactions, in (tx, id) order,
    // so a transaction that commits late can never be skipped by a reader's position.
    tx: bigint('tx', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('outbox_tx_id').on(t.tx, t.id), index('outbox_created').on(t.createdAt)],
);

/** Durable consumers' positions; updated in the same transaction as the consumer's effect. */
export const consumers = events.table('consumers', {
  name: text('name').primaryKey(),
  tx: bigint('tx', { mode: 'number' }).notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  // The topics it reads, as its code declared them at its last start (null: a row from before this
  // column: counted as reading every topic). Pruning keeps what any reader of a topic has not passed.
  topics: text('topics').array(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

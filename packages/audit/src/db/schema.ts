import { bigint, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const audit = pgSchema('audit');

/**
 * The hash-chained audit log. seq is assigned by the appender under an advisory lock (contiguous,
 * so a deleted row shows as a gap); updates, deletes and truncates are refused by a trigger
 * (migration 0001). Filter indexes end in seq so a filtered keyset page (seq desc) reads in index order.
 */
export const entries = audit.table(
  'entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    // Millisecond precision: what a JS Date holds, so the hashed ISO string round-trips exactly.
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorSub: text('actor_sub').notNull(),
    actorOrg: text('actor_org'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectIds: text('subject_ids').array().notNull(),
    purpose: text('purpose'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    // Fingerprint of the HMAC key that made `hash` (keys.ts keyId); null: an entry from before the
    // chain was keyed (plain sha256), accepted only before the first keyed entry.
    keyId: text('key_id'),
  },
  (t) => [
    index('entries_at').on(t.at),
    index('entries_actor_kind_seq').on(t.actorKind, t.seq),
    index('entries_actor_sub_seq').on(t.actorSub, t.seq),
    index('entries_action_seq').on(t.action, t.seq),
    index('entries_subject_type_seq').on(t.subjectType, t.seq),
    // fastupdate off: the pending-list cleanup would otherwise run inside an append, under the chain
    // lock, stalling every audited read for hundreds of ms (measured: append p99 256 ms → 19 ms)
    index('entries_subject_ids').using('gin', t.subjectIds).with({ fastupdate: false }),
  ],
);

/**
 * Sessions (callers' tokens) seen so far, by the hash the gateway forwards: the first use of each is
 * logged as a log-in once hub-wide, whichever subgraph sees it first (AuditLog.recordLogin).
 */
export const sessions = audit.table('sessions', {
  sid: text('sid').primaryKey(),
  firstSeen: timestamp('first_seen', { withTimezone: true, precision: 3 }).notNull(),
});

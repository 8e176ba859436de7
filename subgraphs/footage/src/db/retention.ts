// Runs retention against the database: deletes expired recordings that no active hold secures, in
// bounded batches (each its own short transaction, so reads never wait long), and writes one
// deletion proof per run, audited in the same transaction as the proof.
import { randomUUID } from 'node:crypto';
import { retentionDeleted, retentionHeldBack, retentionRuns } from '@hub/observability';
import { setImmediate as yieldToReads } from 'node:timers/promises';
import { and, desc, gte, lt, sql } from 'drizzle-orm';
import type { AuditLog } from '@hub/audit';
import type { Actor } from '@hub/auth';
import { toPgArray, type Database, type Queryable } from '@hub/db';
import { EMPTY_DIGEST, chainDigest } from '../domain/retention.js';
import { retentionRunTable } from './schema.js';
import { addStats, monthOf } from './stats.js';

export const RETENTION_BATCH = 5000;

/** The actor recorded for scheduled runs. */
export const RETENTION_SCHEDULER: Actor = { kind: 'police', sub: 'retention-scheduler', org: 'hub' };

export async function runRetention(
  deps: { database: Database; audit: AuditLog },
  opts: { now: Date; actor: Actor; batchSize?: number },
): Promise<typeof retentionRunTable.$inferSelect> {
  const { database, audit } = deps;
  const batchSize = opts.batchSize ?? RETENTION_BATCH;
  const startedAt = opts.now; // "expired" means expired when the run started
  const wallStarted = Date.now(); // the run's clock may be a test clock; its duration is real
  let digest = EMPTY_DIGEST;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = await database.db.transaction(async (tx) => {
      // SKIP LOCKED: a recording being placed under a hold right now is left for the next run
      const rows = await database.query<{
        id: string;
        municipality: string;
        area_id: string | null;
        covert: boolean;
        started_at: string | Date;
      }>(
        sql`select r.id, r.municipality, r.area_id, r.covert, r.started_at from footage.recordings r
            where r.expires_at <= ${startedAt.toISOString()}::timestamptz
              and not exists (select 1 from footage.hold_items h where h.recording_id = r.id and h.active = 1)
            order by r.expires_at limit ${batchSize}
            for update of r skip locked`,
        tx,
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await tx.execute(sql`delete from footage.recordings where id = any(${toPgArray(ids)}::text[])`);
      await addStats(
        tx,
        rows.map((r) => ({
          municipality: r.municipality,
          areaId: r.area_id,
          covert: r.covert,
          month: monthOf(new Date(r.started_at)),
          deletions: 1,
        })),
      );
      digest = chainDigest(digest, ids);
      return rows.length;
    });
    deleted += n;
    if (n > 0) batches++;
    if (n < batchSize) break;
    await yieldToReads();
  }

  const run = await database.db.transaction(async (tx) => {
    const [held] = await database.query<{ n: number }>(
      sql`select count(*)::int as n from footage.recordings r
          where r.expires_at <= ${startedAt.toISOString()}::timestamptz
            and exists (select 1 from footage.hold_items h where h.recording_id = r.id and h.active = 1)`,
      tx,
    );
    const [oldest] = await database.query<{ ended_at: string | Date | null }>(
      sql`select r.ended_at from footage.recordings r
          where not exists (select 1 from footage.hold_items h where h.recording_id = r.id and h.active = 1)
          order by r.ended_at limit 1`,
      tx,
    );
    const [proof] = await tx
      .insert(retentionRunTable)
      .values({
        id: randomUUID(),
        startedAt,
        finishedAt: new Date(startedAt.getTime() + (Date.now() - wallStarted)),
        deletedCount: deleted,
        heldBackCount: held!.n,
        deletedDigest: digest,
        oldestUnheldAgeSeconds: oldest?.ended_at
          ? Math.floor((startedAt.getTime() - new Date(oldest.ended_at).getTime()) / 1000)
          : null,
        batches,
        triggeredBy: opts.actor.sub,
      })
      .returning();
    await audit.append(tx, {
      actor: opts.actor,
      action: 'footage.retention.run',
      subjectType: 'RetentionProof',
      subjectIds: [proof!.id],
      purpose: 'automatic deletion after the retention period',
      at: startedAt,
    });
    return proof!;
  });
  retentionRuns.inc({ subgraph: 'footage' });
  retentionDeleted.inc({ subgraph: 'footage' }, run.deletedCount);
  retentionHeldBack.inc({ subgraph: 'footage' }, run.heldBackCount);
  return run;
}

/** The newest run's start and end (runs are hub-wide: every recording, one proof), or undefined. */
export async function lastRun(on: Queryable): Promise<{ startedAt: Date; finishedAt: Date } | undefined> {
  const [last] = await on
    .select({ startedAt: retentionRunTable.startedAt, finishedAt: retentionRunTable.finishedAt })
    .from(retentionRunTable)
    .orderBy(desc(retentionRunTable.startedAt))
    .limit(1);
  return last;
}

/**
 * Recordings of public (non-covert) cameras, optionally of one municipality, that expired at or before
 * `cutoff` and are still stored, unheld then: domain/retention-status.ts missedByLastRun, as SQL.
 */
export async function missedByLastRun(database: Database, cutoff: string, municipality: string | null) {
  const [n] = await database.query<{ n: number }>(
    sql`select count(*)::int as n from footage.recordings r
        where r.covert = false
          ${municipality != null ? sql`and r.municipality = ${municipality}` : sql``}
          and r.expires_at <= ${cutoff}::timestamptz
          and not exists (select 1 from footage.hold_items h join footage.legal_holds l on l.id = h.hold_id
            where h.recording_id = r.id and (h.active = 1 or l.released_at > ${cutoff}::timestamptz))`,
  );
  return n!.n;
}

/** Deletion proofs of runs started in [from, to), newest first, at most 500. */
export const runsBetween = (on: Queryable, from: Date, to: Date) =>
  on
    .select()
    .from(retentionRunTable)
    .where(and(gte(retentionRunTable.startedAt, from), lt(retentionRunTable.startedAt, to)))
    .orderBy(desc(retentionRunTable.startedAt))
    .limit(500);

/** Unheld recordings past their retention at `now`: how many, and the first 100 by expiry. */
export async function unheldExpired(database: Database, now: Date) {
  const unheld = sql`from footage.recordings r where r.expires_at <= ${now.toISOString()}::timestamptz
    and not exists (select 1 from footage.hold_items h where h.recording_id = r.id and h.active = 1)`;
  const [n] = await database.query<{ n: number }>(sql`select count(*)::int as n ${unheld}`);
  const sample = await database.query<{ id: string; expires_at: string | Date }>(
    sql`select r.id, r.expires_at ${unheld} order by r.expires_at limit 100`,
  );
  return { count: n!.n, sample: sample.map((v) => ({ recordingId: v.id, expiredAt: new Date(v.expires_at) })) };
}

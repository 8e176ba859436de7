// Retention of ANPR reads (art. 126jj Sv): reads without a hit are deleted 28 days after they were
// observed, in bounded batches (each its own short transaction, SKIP LOCKED), then one deletion
// proof per run, audited in the proof's transaction. A hit keeps its read for as long as its
// hotlist's hit retention says; then both go. Counts stay.
import { randomUUID } from 'node:crypto';
import { retentionDeleted, retentionHeldBack, retentionRuns } from '@hub/observability';
import { setImmediate as yieldToReads } from 'node:timers/promises';
import { and, desc, gte, lt, sql } from 'drizzle-orm';
import type { AuditLog } from '@hub/audit';
import type { Actor } from '@hub/auth';
import type { Database, Queryable } from '@hub/db';
import { EMPTY_DIGEST, chainDigest, hitCutoff, retentionCutoff } from '../domain/read.js';
import { dayPartitions, forgetDay } from './partitions.js';
import { retentionRunTable } from './schema.js';

export const RETENTION_BATCH = 5000;
export const ANPR_RETENTION_SCHEDULER: Actor = { kind: 'police', sub: 'anpr-retention-scheduler', org: 'hub' };

export async function runAnprRetention(
  deps: { database: Database; audit: AuditLog },
  opts: { now: Date; actor: Actor; batchSize?: number },
): Promise<typeof retentionRunTable.$inferSelect> {
  const { database, audit } = deps;
  const batchSize = opts.batchSize ?? RETENTION_BATCH;
  const startedAt = opts.now;
  const cutoff = retentionCutoff(startedAt);
  const wallStarted = Date.now();
  let digest = EMPTY_DIGEST;
  let deleted = 0;
  let batches = 0;
  let droppedPartitions = 0;
  // 0. Hits whose list's hit retention has ended (domain/read.ts hitCutoff, per list): deleted in
  //    batches, their ids chained into the digest as `hit:<id>`. The reads they kept past 28 days
  //    have no hit any more and go in the steps below.
  let hitsDeleted = 0;
  const lists = await database.query<{ id: string; days: number }>(
    sql`select id, hit_retention_days as days from anpr.hotlists`,
  );
  for (const list of lists) {
    const due = hitCutoff(startedAt, list.days).toISOString();
    for (;;) {
      const ids = await database.db.transaction(async (tx) =>
        (
          await database.query<{ id: string }>(
            sql`delete from anpr.hits where id in (
                select id from anpr.hits where hotlist_id = ${list.id} and observed_at <= ${due}::timestamptz
                order by observed_at limit ${batchSize} for update skip locked)
              returning id`,
            tx,
          )
        ).map((r) => r.id),
      );
      if (ids.length > 0) {
        digest = chainDigest(
          digest,
          ids.map((id) => `hit:${id}`),
        );
        hitsDeleted += ids.length;
        batches++;
      }
      if (ids.length < batchSize) break;
      await yieldToReads();
    }
  }
  // 1. Whole expired days without a hit: drop the day's partition. Its ids enter the digest as one
  //    step (the sha256 of its sorted ids and their count), computed in the database.
  for (const p of await dayPartitions(database)) {
    if (p.end.getTime() > cutoff.getTime()) break;
    const dropped = await database.db.transaction(async (tx) => {
      // Several replicas run retention: the partition lock (the one ensure_read_partition takes)
      // makes one of them drop the day; the other finds it gone and moves on.
      const [still] = await database.query<{ exists: boolean }>(
        sql`select pg_advisory_xact_lock(hashtext('anpr.reads.partitions')) is not null and to_regclass(${`anpr.${p.name}`}) is not null as exists`,
        tx,
      );
      if (!still!.exists) return null;
      const [hit] = await database.query<{ n: number }>(
        sql`select count(*)::int as n from anpr.hits where observed_at >= ${`${p.day}T00:00:00Z`}::timestamptz and observed_at < ${p.end.toISOString()}::timestamptz`,
        tx,
      );
      if (hit!.n > 0) return null; // kept; its reads without a hit go in step 2
      // reads not yet matched (db/match.ts) stay until they are
      const [queued] = await database.query<{ n: number }>(
        sql`select count(*)::int as n from anpr.match_queue q, json_to_recordset(q.reads) as x(o timestamptz)
            where x.o >= ${`${p.day}T00:00:00Z`}::timestamptz and x.o < ${p.end.toISOString()}::timestamptz`,
        tx,
      );
      if (queued!.n > 0) return null;
      const [d] = await database.query<{ n: number; digest: string | null }>(
        sql`select count(*)::int as n, encode(sha256(convert_to(coalesce(string_agg(id, E'\n' order by id), ''), 'UTF8')), 'hex') as digest
            from ${sql.identifier('anpr')}.${sql.identifier(p.name)}`,
        tx,
      );
      await tx.execute(sql`drop table ${sql.identifier('anpr')}.${sql.identifier(p.name)}`);
      return { n: d!.n, digest: d!.digest ?? '' };
    });
    if (!dropped) {
      forgetDay(database, p.day); // dropped by another replica, or kept: asked again when next needed
      continue;
    }
    forgetDay(database, p.day);
    droppedPartitions++;
    if (dropped.n > 0) {
      digest = chainDigest(digest, [`partition:${p.name}:${dropped.n}:${dropped.digest}`]);
      deleted += dropped.n;
      batches++;
    }
  }
  // 2. What is left past the cutoff (days with hits, the day the cutoff falls in, the default
  //    partition): batched deletes of reads without a hit.
  for (;;) {
    const ids = await database.db.transaction(async (tx) => {
      const rows = await database.query<{ id: string }>(
        sql`delete from anpr.reads where id in (
              select r.id from anpr.reads r
              where r.observed_at <= ${cutoff.toISOString()}::timestamptz
                and not exists (select 1 from anpr.hits h where h.read_id = r.id)
                and r.id not in (select x.i from anpr.match_queue q, json_to_recordset(q.reads) as x(i text))
              order by r.observed_at limit ${batchSize}
              for update of r skip locked)
            returning id`,
        tx,
      );
      return rows.map((r) => r.id);
    });
    if (ids.length > 0) {
      digest = chainDigest(digest, ids);
      deleted += ids.length;
      batches++;
    }
    if (ids.length < batchSize) break;
    await yieldToReads();
  }
  const run = await database.db.transaction(async (tx) => {
    const [kept] = await database.query<{ n: number }>(
      sql`select count(*)::int as n from anpr.reads r where r.observed_at <= ${cutoff.toISOString()}::timestamptz
          and exists (select 1 from anpr.hits h where h.read_id = r.id)`,
      tx,
    );
    const [proof] = await tx
      .insert(retentionRunTable)
      .values({
        id: randomUUID(),
        startedAt,
        finishedAt: new Date(startedAt.getTime() + (Date.now() - wallStarted)),
        cutoff,
        deletedCount: deleted,
        keptWithHitCount: kept!.n,
        hitsDeletedCount: hitsDeleted,
        deletedDigest: digest,
        batches,
        droppedPartitions,
        triggeredBy: opts.actor.sub,
      })
      .returning();
    // last in the transaction: the audit chain's lock is held until commit
    await audit.append(tx, {
      actor: opts.actor,
      action: 'anpr.retention',
      subjectType: 'AnprRetentionRun',
      subjectIds: [proof!.id],
      purpose: 'art. 126jj Sv retention',
      at: startedAt,
    });
    return proof!;
  });
  retentionRuns.inc({ subgraph: 'anpr' });
  retentionDeleted.inc({ subgraph: 'anpr' }, run.deletedCount + run.hitsDeletedCount);
  retentionHeldBack.inc({ subgraph: 'anpr' }, run.keptWithHitCount);
  return run;
}

/** Deletion proofs of runs started in [from, to), newest first, at most 500. */
export const retentionRunsBetween = (on: Queryable, from: Date, to: Date) =>
  on
    .select()
    .from(retentionRunTable)
    .where(and(gte(retentionRunTable.startedAt, from), lt(retentionRunTable.startedAt, to)))
    .orderBy(desc(retentionRunTable.startedAt))
    .limit(500);

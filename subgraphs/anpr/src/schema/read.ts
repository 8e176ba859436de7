import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can, badInput, decodeCursor, pageSize, toPage, type HubContext, afterTimeCursor } from '@hub/subgraph-kit';
import { cameraReplica, countTable, hitTable, hotlistEntryTable, hotlistTable, readTable } from '../db/schema.js';
import { normalisePlate } from '../domain/plate.js';
import { CLOCK_SKEW_MS, MAX_INGEST_BATCH, readProblem, retentionCutoff } from '../domain/read.js';
import { ensureDayPartitions } from '../db/partitions.js';
import { ANPR_HIT, auditOf, plateCipher, toHit, toRead } from './common.js';
import { AnprHit, AnprIngestResult, AnprRead, AnprReadConnection, AnprReadInput } from './types.js';

/** Rows per INSERT: 12 columns × 2000 stays far below PostgreSQL's 65535 bind parameters. */
const INSERT_CHUNK = 2000;
const HOUR_MS = 3_600_000;

@Resolver(() => AnprRead)
export class AnprReadResolver {
  @FieldResolver(() => String, { description: 'Normalised plate, decrypted for the police' })
  plate(@Root() r: AnprRead): string {
    return plateCipher().decrypt(r.plateCipher);
  }

  @FieldResolver(() => [AnprHit], { description: 'Hotlist hits of this read' })
  async hits(@Root() r: AnprRead, @Ctx() ctx: HubContext) {
    return (await ctx.db.select().from(hitTable).where(eq(hitTable.readId, r.id)).orderBy(asc(hitTable.createdAt))).map(toHit);
  }

  @Query(() => AnprReadConnection, {
    description: 'Reads of one plate in a period (police only; purpose mandatory; every search is written to the audit log).',
  })
  @Can('search', 'AnprRead')
  async anprReads(
    @Ctx() ctx: HubContext,
    @Arg('plate', () => String) plate: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('purpose', () => String, { description: 'Case number or reason' }) purpose: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    if (!purpose || purpose.trim().length < 3 || purpose.length > 500) throw badInput('purpose is required: a case number or reason (3-500 characters)');
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    const normal = normalisePlate(plate);
    if (!/^[A-Z0-9]{1,10}$/.test(normal)) throw badInput('malformed plate: 1-10 letters and digits after normalisation');
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    const where = and(eq(readTable.plateHash, plateCipher().hash(normal)), gte(readTable.observedAt, from), lt(readTable.observedAt, to));
    const keyset = afterTimeCursor(readTable.observedAt, readTable.id, cursor, 'asc');
    const rows = await ctx.db
      .select()
      .from(readTable)
      .where(and(where, keyset))
      .orderBy(asc(readTable.observedAt), asc(readTable.id))
      .limit(limit + 1);
    const page = toPage(rows, limit, 0, (r) => [r.observedAt.toISOString(), r.id], toRead);
    // Every search is logged, with or without results, before any row is returned (art. 126jj Sv).
    await auditOf(ctx.database).append(ctx.db, {
      actor: ctx.actor,
      action: 'anpr.search',
      subjectType: 'AnprRead',
      subjectIds: page.edges.map((e) => e.node.id),
      purpose,
      at: ctx.clock.now(),
    });
    return Object.assign(page, { totalCount: async () => (await ctx.db.select({ n: count() }).from(readTable).where(where))[0]!.n });
  }

  @Mutation(() => AnprIngestResult, {
    description: `Ingest ANPR reads from a camera system (at most ${MAX_INGEST_BATCH} per call). Idempotent by (cameraId, sourceReadId); every read is matched against active hotlists.`,
  })
  @Can('ingest', 'AnprRead')
  async ingestAnprReads(@Ctx() ctx: HubContext, @Arg('reads', () => [AnprReadInput]) reads: AnprReadInput[]): Promise<AnprIngestResult> {
    if (reads.length === 0 || reads.length > MAX_INGEST_BATCH) throw badInput(`a batch holds 1 to ${MAX_INGEST_BATCH} reads`);
    const now = ctx.clock.now();
    const cipher = plateCipher();
    // day partitions first, in their own short transactions (cheap once a day exists)
    await ensureDayPartitions(ctx.database, reads.map((r) => r.observedAt).filter((t) => t instanceof Date && !Number.isNaN(t.getTime()) && t.getTime() > retentionCutoff(now).getTime() && t.getTime() <= now.getTime() + CLOCK_SKEW_MS));
    return ctx.db.transaction(async (tx) => {
      const cameraIds = [...new Set(reads.map((r) => r.cameraId))];
      const cameras = new Map((await tx.select().from(cameraReplica).where(inArray(cameraReplica.id, cameraIds))).map((c) => [c.id, c]));
      const rejected: AnprIngestResult['rejected'] = [];
      const rows: Array<typeof readTable.$inferInsert> = [];
      const seen = new Set<string>();
      const hashes = new Map<string, string>();
      reads.forEach((r, index) => {
        const checked = readProblem(r, cameras.get(r.cameraId), now);
        const key = `${r.cameraId}\u0000${r.sourceReadId}`;
        const problem = 'problem' in checked ? checked.problem : seen.has(key) ? 'sourceReadId appears twice for this camera in this batch' : null;
        seen.add(key);
        if (problem || 'problem' in checked) {
          rejected.push({ index, sourceReadId: String(r.sourceReadId ?? '').slice(0, 200), reason: problem! });
          return;
        }
        let hash = hashes.get(checked.plate);
        if (!hash) hashes.set(checked.plate, (hash = cipher.hash(checked.plate)));
        rows.push({
          id: randomUUID(),
          cameraId: r.cameraId,
          sourceReadId: r.sourceReadId,
          observedAt: r.observedAt,
          plateHash: hash,
          plateCipher: cipher.encrypt(checked.plate),
          country: checked.country,
          confidence: r.confidence,
          direction: r.direction ?? null,
          lane: r.lane ?? null,
          imageRef: r.imageRef ?? null,
          ingestedAt: now,
        });
      });
      const inserted: Array<{ id: string; cameraId: string; plateHash: string; observedAt: Date }> = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        inserted.push(
          ...(await tx
            .insert(readTable)
            .values(rows.slice(i, i + INSERT_CHUNK))
            .onConflictDoNothing({ target: [readTable.cameraId, readTable.sourceReadId, readTable.observedAt] })
            .returning({ id: readTable.id, cameraId: readTable.cameraId, plateHash: readTable.plateHash, observedAt: readTable.observedAt })),
        );
      }
      if (inserted.length === 0) return { created: 0, duplicates: rows.length, rejected, hits: 0 };

      // hourly counts (kept after the reads are gone)
      const buckets = new Map<string, { cameraId: string; municipality: string; hourStart: Date; count: number }>();
      for (const r of inserted) {
        const hour = Math.floor(r.observedAt.getTime() / HOUR_MS) * HOUR_MS;
        const k = `${r.cameraId}\u0000${hour}`;
        const b = buckets.get(k);
        if (b) b.count++;
        else buckets.set(k, { cameraId: r.cameraId, municipality: cameras.get(r.cameraId)!.municipality, hourStart: new Date(hour), count: 1 });
      }
      // one order for every transaction: concurrent batches then lock the same (camera, hour) rows in
      // the same sequence instead of deadlocking (seen in the ingest benchmark: 40P01 on 5 of 250 calls)
      const ordered = [...buckets.values()].sort((a, b) => a.cameraId.localeCompare(b.cameraId) || a.hourStart.getTime() - b.hourStart.getTime());
      await tx
        .insert(countTable)
        .values(ordered)
        .onConflictDoUpdate({ target: [countTable.cameraId, countTable.hourStart], set: { count: sql`${countTable.count} + excluded.count` } });

      // hotlist matching: active entries of lists still valid now
      const insertedHashes = [...new Set(inserted.map((r) => r.plateHash))];
      const entries = await tx
        .select({ id: hotlistEntryTable.id, hotlistId: hotlistEntryTable.hotlistId, plateHash: hotlistEntryTable.plateHash })
        .from(hotlistEntryTable)
        .innerJoin(hotlistTable, eq(hotlistTable.id, hotlistEntryTable.hotlistId))
        .where(and(inArray(hotlistEntryTable.plateHash, insertedHashes), isNull(hotlistEntryTable.removedAt), gt(hotlistTable.validUntil, now)));
      if (entries.length === 0) return { created: inserted.length, duplicates: rows.length - inserted.length, rejected, hits: 0 };
      const byHash = new Map<string, typeof entries>();
      for (const e of entries) byHash.set(e.plateHash, [...(byHash.get(e.plateHash) ?? []), e]);
      const hits = inserted.flatMap((r) =>
        (byHash.get(r.plateHash) ?? []).map((e) => ({
          id: randomUUID(),
          readId: r.id,
          hotlistId: e.hotlistId,
          entryId: e.id,
          cameraId: r.cameraId,
          observedAt: r.observedAt,
          createdAt: now,
        })),
      );
      await tx.insert(hitTable).values(hits).onConflictDoNothing();
      for (const h of hits) await ctx.events.publish(tx, ANPR_HIT, { ...h, observedAt: h.observedAt.toISOString(), createdAt: h.createdAt.toISOString() });
      return { created: inserted.length, duplicates: rows.length - inserted.length, rejected, hits: hits.length };
    });
  }
}

export const readsById = async (ids: string[], ctx: HubContext) =>
  (await ctx.db.select().from(readTable).where(inArray(readTable.id, ids))).map(toRead) as never;

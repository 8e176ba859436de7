import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import {
  Can,
  badInput,
  decodeCursor,
  TIME_CURSOR,
  pageSize,
  requirePurpose,
  type HubContext,
  PageArgs,
  consumeQuota,
  defineQuota,
  quotaKey,
} from '@hub/subgraph-kit';
import { quotaUsage } from '../db/schema.js';
import { hitsOfRead } from '../db/hits.js';
import { plateReadPage } from '../db/reads.js';
import { normalisePlate, plateShapeProblem } from '../domain/plate.js';
import { MAX_INGEST_BATCH } from '../domain/read.js';
import { ingestReads } from '../db/ingest.js';
import { auditOf, plateCipher } from './common.js';
import { AnprHit, AnprIngestResult, AnprRead, AnprReadConnection, AnprReadInput } from './types.js';

/** Plate searches one officer may run per day (UTC): QUOTA_PLATE_SEARCHES_PER_OFFICER_PER_DAY, docs/QUOTAS.md. */
const PLATE_SEARCH_QUOTA = defineQuota({
  name: 'plate-searches',
  envVar: 'QUOTA_PLATE_SEARCHES_PER_OFFICER_PER_DAY',
  defaultLimit: 500,
  unit: 'plate searches',
});

@Resolver(() => AnprRead)
export class AnprReadResolver {
  @FieldResolver(() => String, { description: 'Normalised plate, decrypted for the police' })
  plate(@Root() r: AnprRead): string {
    return plateCipher().decrypt(r.plateCipher);
  }

  @FieldResolver(() => [AnprHit], { description: 'Hotlist hits of this read' })
  async hits(@Root() r: AnprRead, @Ctx() ctx: HubContext) {
    return hitsOfRead(ctx.db, r.id);
  }

  @Query(() => AnprReadConnection, {
    description:
      'Reads of one plate in a period (police only; purpose mandatory; every search is written to the audit log).',
  })
  @Can('search', 'AnprRead')
  async anprReads(
    @Ctx() ctx: HubContext,
    @Arg('plate', () => String) plate: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('purpose', () => String, { description: 'Case number or reason' }) purpose: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    purpose = requirePurpose(purpose);
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    const normal = normalisePlate(plate);
    const shape = plateShapeProblem(normal);
    if (shape) throw badInput(shape);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, TIME_CURSOR);
    // an officer's plate searches per day are bounded (docs/QUOTAS.md): every call counts
    await consumeQuota(ctx.db, quotaUsage, PLATE_SEARCH_QUOTA, quotaKey(ctx.actor, 'sub'), ctx.clock.now());
    const page = await plateReadPage(ctx.db, { plateHash: plateCipher().hash(normal), from, to }, limit, cursor);
    // Every search is logged, with or without results, before any row is returned (art. 126jj Sv).
    await auditOf(ctx.database).append(ctx.db, {
      actor: ctx.actor,
      action: 'anpr.search',
      subjectType: 'AnprRead',
      subjectIds: page.edges.map((e) => e.node.id),
      purpose,
      at: ctx.clock.now(),
      request: ctx.auditRequest,
    });
    return page;
  }

  @Mutation(() => AnprIngestResult, {
    description: `Ingest ANPR reads from a camera system (at most ${MAX_INGEST_BATCH} per call). Idempotent by (cameraId, sourceReadId, observedAt): a replayed read creates nothing (the same read id with another time is stored as another read). Every read is matched against the active hotlists after the answer; hits are announced on anprHit.`,
  })
  @Can('ingest', 'AnprRead')
  async ingestAnprReads(
    @Ctx() ctx: HubContext,
    @Arg('reads', () => [AnprReadInput]) reads: AnprReadInput[],
  ): Promise<AnprIngestResult> {
    if (reads.length === 0 || reads.length > MAX_INGEST_BATCH)
      throw badInput(`a batch holds 1 to ${MAX_INGEST_BATCH} reads`);
    const out = await ingestReads(
      { database: ctx.database, events: ctx.events, cipher: plateCipher(), ability: ctx.ability },
      reads,
      ctx.clock.now(),
    );
    // matching runs after this answer (db/match.ts): whether a plate is listed is not in it, nor in its timing
    return { ...out, hits: null };
  }
}

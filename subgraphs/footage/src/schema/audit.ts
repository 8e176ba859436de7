import { Arg, Ctx, Query, Resolver, Args } from 'type-graphql';
import { MAX_EXPORT, type AuditEntry as Entry, type ChainReport } from '@hub/audit';
import { Can, badInput, decodeCursor, SEQ_CURSOR, pageSize, type HubContext, PageArgs } from '@hub/subgraph-kit';
import { encodeCursor } from '@hub/subgraph-kit';
import { auditOf } from '../db/audit.js';
import {
  AuditChainReport,
  AuditEntry,
  AuditEntryConnection,
  AuditExport,
  AuditFilterInput,
  AuditHead,
  AuditHeadInput,
  AuditVerificationProgress,
} from './types.js';

const toEntry = (e: Entry): AuditEntry => ({ ...e, id: String(e.seq) });
const toReport = (r: ChainReport): AuditChainReport => ({
  ...r,
  fromSeq: r.fromSeq ?? null,
  verifiedThroughSeq: r.verifiedThrough?.seq ?? null,
});

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The access audit log, newest first (authority, police).' })
  @Can('read', 'AuditEntry')
  async auditLog(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, SEQ_CURSOR);
    const page = await auditOf(ctx.database).list(filter ?? {}, limit, cursor ? Number(cursor[0]) : undefined);
    const edges = page.entries.map((e) => ({ cursor: encodeCursor([e.seq]), node: toEntry(e) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Query(() => AuditHead, {
    description:
      'The newest entry, signed by the hub: store it; verifyAuditChain(againstHead) later shows whether entries were cut off.',
  })
  @Can('read', 'AuditHead')
  async auditHead(@Ctx() ctx: HubContext): Promise<AuditHead> {
    return auditOf(ctx.database).head(ctx.clock.now());
  }

  @Query(() => AuditChainReport, {
    description:
      'Recompute the keyed hash chain: the first entry altered, removed or inserted out of order; with againstHead also a cut-off tail. ' +
      'Runs in batches that never hold up other callers; callers arriving during a full run share it. ' +
      'fromCheckpoint: only the entries after the last full run that found the chain intact.',
  })
  @Can('verify', 'AuditEntry')
  async verifyAuditChain(
    @Ctx() ctx: HubContext,
    @Arg('againstHead', () => AuditHeadInput, { nullable: true }) againstHead?: AuditHeadInput,
    @Arg('fromCheckpoint', () => Boolean, { defaultValue: false }) fromCheckpoint?: boolean,
  ): Promise<AuditChainReport> {
    const log = auditOf(ctx.database);
    const checkpoint = fromCheckpoint ? log.progress().last : null;
    if (checkpoint?.ok && checkpoint.verifiedThrough)
      return toReport(await log.verify({ from: checkpoint.verifiedThrough, againstHead }));
    return toReport(await log.verifyShared({ againstHead }));
  }

  @Query(() => AuditExport, {
    description: `The log of a period [from, to) as a signed NDJSON export the authority verifies offline (at most ${MAX_EXPORT} entries; the export itself is logged).`,
  })
  @Can('read', 'AuditEntry')
  async auditExport(
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<AuditExport> {
    const log = auditOf(ctx.database);
    const out = await log.exportPeriod(from, to, ctx.clock.now()).catch((err: unknown) => {
      throw err instanceof RangeError ? badInput(err.message) : err;
    });
    await log.append(ctx.db, {
      actor: ctx.actor,
      action: 'audit.export',
      subjectType: 'AuditEntry',
      subjectIds: [`${out.fromSeq}..${out.toSeq}`],
      purpose: null,
      at: ctx.clock.now(),
    });
    return out;
  }

  @Query(() => AuditVerificationProgress, {
    description: 'The running verification (entries checked so far) and the last finished one.',
  })
  @Can('verify', 'AuditEntry')
  auditVerificationProgress(@Ctx() ctx: HubContext): AuditVerificationProgress {
    const { running, last } = auditOf(ctx.database).progress();
    return {
      running: running !== null,
      startedAt: running?.startedAt ?? null,
      checked: running?.checked ?? 0,
      through: running?.through ?? 0,
      last: last ? toReport(last) : null,
      lastFinishedAt: last?.finishedAt ?? null,
    };
  }
}

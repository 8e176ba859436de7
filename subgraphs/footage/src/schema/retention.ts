import { and, desc, gte, lt, sql } from 'drizzle-orm';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Can, badInput, type HubContext } from '@hub/subgraph-kit';
import { retentionRunTable } from '../db/schema.js';
import { runRetention } from '../db/retention.js';
import { auditOf } from './recording.js';
import { RetentionProof, RetentionReport } from './types.js';

const toProof = (r: typeof retentionRunTable.$inferSelect): RetentionProof => ({ ...r, subsystem: 'FOOTAGE' });

@Resolver()
export class RetentionResolver {
  @Mutation(() => RetentionProof, {
    description: 'Run retention now (the scheduler also runs it); returns the deletion proof.',
  })
  @Can('run', 'RetentionProof')
  async runRetention(@Ctx() ctx: HubContext) {
    const proof = await runRetention(
      { database: ctx.database, audit: auditOf(ctx.database) },
      { now: ctx.clock.now(), actor: ctx.actor },
    );
    return toProof(proof);
  }

  @Query(() => RetentionReport, {
    description:
      'Deletion proofs of runs started in the period, and every unheld recording kept past its retention now (police, authority).',
  })
  @Can('read', 'RetentionProof')
  async retentionReport(
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<RetentionReport> {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    const now = ctx.clock.now();
    const proofs = await ctx.db
      .select()
      .from(retentionRunTable)
      .where(and(gte(retentionRunTable.startedAt, from), lt(retentionRunTable.startedAt, to)))
      .orderBy(desc(retentionRunTable.startedAt))
      .limit(500);
    const unheldExpired = sql`from footage.recordings r where r.expires_at <= ${now.toISOString()}::timestamptz
      and not exists (select 1 from footage.hold_items h where h.recording_id = r.id and h.active = 1)`;
    const [n] = await ctx.database.query<{ n: number }>(sql`select count(*)::int as n ${unheldExpired}`);
    const sample = await ctx.database.query<{ id: string; expires_at: string | Date }>(
      sql`select r.id, r.expires_at ${unheldExpired} order by r.expires_at limit 100`,
    );
    return {
      proofs: proofs.map(toProof),
      violationCount: n!.n,
      violations: sample.map((v) => ({ recordingId: v.id, expiredAt: new Date(v.expires_at) })),
    };
  }
}

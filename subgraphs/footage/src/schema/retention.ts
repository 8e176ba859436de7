// Retention: a run now, the public figure of whether automatic deletion works, and the proofs with
// what is kept past its date. Data access in db/retention.ts.
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Can, badInput, type HubContext } from '@hub/subgraph-kit';
import { retentionRunTable } from '../db/schema.js';
import { lastRun, missedByLastRun, runRetention, runsBetween, unheldExpired } from '../db/retention.js';
import { violationCutoff } from '../domain/retention-status.js';
import { auditOf } from '../db/audit.js';
import { RetentionProof, RetentionReport } from './types.js';

@ObjectType({
  description:
    'Whether automatic deletion works (003 §5.2.2), for anyone: a count and a date, no proof details and nothing personal.',
})
export class RetentionStatus {
  @Field(() => Int, {
    description:
      'Recordings of public (non-covert) cameras the last retention run should have deleted and that are still stored, unheld (the right answer is 0)',
  })
  violationCount!: number;
  @Field(() => Date, { nullable: true, description: 'When the last deletion proof was made (null: never)' })
  lastProofAt!: Date | null;
}

/** A municipality code (CBS GM0344, Belgian NIS 11002), as the open-data URLs take it. */
const MUNICIPALITY_CODE = /^[A-Za-z0-9]{1,12}$/;

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

  @Query(() => RetentionStatus, {
    description:
      'Whether automatic deletion works, for anyone (the public transparency page): recordings the last run missed, and when it ran.',
  })
  @Can('read', 'RetentionStatus')
  async publicRetentionStatus(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, {
      nullable: true,
      description: "Only this municipality's public cameras (default: all)",
    })
    municipality?: string | null,
  ): Promise<RetentionStatus> {
    if (municipality != null && !MUNICIPALITY_CODE.test(municipality))
      throw badInput('municipality must be a municipality code such as GM0344', { field: 'municipality' });
    // runs are hub-wide (every recording, one proof): the newest proof of the footage subsystem
    const last = await lastRun(ctx.db);
    const cutoff = violationCutoff(last?.startedAt ?? null, ctx.clock.now()).toISOString();
    // a covert camera's recordings move no public figure
    const violationCount = await missedByLastRun(ctx.database, cutoff, municipality ?? null);
    return { violationCount, lastProofAt: last?.finishedAt ?? null };
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
    const proofs = await runsBetween(ctx.db, from, to);
    const kept = await unheldExpired(ctx.database, now);
    return { proofs: proofs.map(toProof), violationCount: kept.count, violations: kept.sample };
  }
}

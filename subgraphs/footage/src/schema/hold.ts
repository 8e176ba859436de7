import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import {
  Can,
  badInput,
  conflict,
  notFound,
  pageSize,
  type HubContext,
  logTextProblem,
  FirstArgs,
} from '@hub/subgraph-kit';
import { holdItemTable, holdTable, recordingTable } from '../db/schema.js';
import { placeHold, releaseHold } from '../db/holds.js';
import { auditOf, auditRecordingRead, toRecording } from './recording.js';
import { LegalHold, PlaceLegalHoldInput, Recording } from './types.js';

@Resolver(() => LegalHold)
export class LegalHoldResolver {
  @Query(() => [LegalHold], { description: 'Legal holds, newest first, optionally of one case (police).' })
  @Can('hold', 'Recording')
  async legalHolds(
    @Ctx() ctx: HubContext,
    @Arg('caseReference', () => String, { nullable: true }) caseReference?: string,
    @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly?: boolean,
    @Args(() => FirstArgs) { first }: FirstArgs = {},
  ) {
    return ctx.db
      .select()
      .from(holdTable)
      .where(
        and(
          caseReference ? eq(holdTable.caseReference, caseReference) : undefined,
          activeOnly ? isNull(holdTable.releasedAt) : undefined,
        ),
      )
      .orderBy(desc(holdTable.placedAt))
      .limit(pageSize(first));
  }

  @FieldResolver(() => Int)
  async recordingCount(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    return (await ctx.db.select({ n: count() }).from(holdItemTable).where(eq(holdItemTable.holdId, h.id)))[0]!.n;
  }

  @FieldResolver(() => Boolean)
  active(@Root() h: LegalHold) {
    return h.releasedAt === null;
  }

  @FieldResolver(() => [Recording], { description: 'The secured recordings still stored (first 100 by time).' })
  async recordings(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    const rows = await ctx.db
      .select({ r: recordingTable })
      .from(holdItemTable)
      .innerJoin(recordingTable, eq(recordingTable.id, holdItemTable.recordingId))
      .where(eq(holdItemTable.holdId, h.id))
      .orderBy(asc(recordingTable.startedAt))
      .limit(100);
    await auditRecordingRead(
      ctx,
      rows.map((x) => x.r.id),
      `legal hold ${h.caseReference}`,
    );
    return rows.map((x) => toRecording(x.r));
  }

  @Mutation(() => LegalHold, {
    description: 'Secure recordings for a criminal investigation or complaint: never deleted while held (police).',
  })
  @Can('hold', 'Recording')
  async placeLegalHold(@Ctx() ctx: HubContext, @Arg('input', () => PlaceLegalHoldInput) input: PlaceLegalHoldInput) {
    const ids = [...new Set(input.recordingIds)];
    // the exception to retention is for a named investigation or complaint (000, 002, 003): no blanks
    const caseReference = input.caseReference.trim();
    const reason = input.reason.trim();
    if (!caseReference || !reason)
      throw badInput('caseReference and reason are required: the case number and why the footage is secured');
    const problem = logTextProblem('caseReference', caseReference) ?? logTextProblem('reason', reason);
    if (problem) throw badInput(problem);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      // lock the rows: a retention batch running now either deleted them already or waits for us
      const found = await tx.select().from(recordingTable).where(inArray(recordingTable.id, ids)).for('update');
      if (found.length !== ids.length) {
        const missing = ids.filter((id) => !found.some((r) => r.id === id));
        throw notFound(
          `No recording ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
        );
      }
      return placeHold(tx, auditOf(ctx.database), {
        id: randomUUID(),
        caseReference,
        reason,
        by: ctx.actor,
        at: now,
        recordings: found,
      });
    });
  }

  @Mutation(() => LegalHold, {
    description:
      'Release a hold: its recordings return to normal retention (deleted at the next run if past their date).',
  })
  @Can('hold', 'Recording')
  async releaseLegalHold(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 2000) throw badInput('reason is required (at most 2000 characters)');
    const problem = logTextProblem('reason', reason.trim());
    if (problem) throw badInput(problem);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const [hold] = await tx.select().from(holdTable).where(eq(holdTable.id, id)).for('update');
      if (!hold) throw notFound(`No legal hold ${id}`);
      if (hold.releasedAt) throw conflict('The hold was already released');
      return (await releaseHold(tx, auditOf(ctx.database), hold, { by: ctx.actor, reason, at: now })).hold;
    });
  }
}

export const holdLoader = async (ids: string[], ctx: HubContext) =>
  (await ctx.db.select().from(holdTable).where(inArray(holdTable.id, ids))) as unknown as Array<
    Record<string, unknown>
  >;

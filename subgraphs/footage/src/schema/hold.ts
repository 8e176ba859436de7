// Legal holds: recordings secured for an investigation or complaint, never deleted while held (police).
// Data access in db/holds.ts and db/recordings.ts; the reference loader in hold.reference.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import {
  Can,
  badInput,
  conflict,
  notFound,
  refused,
  pageSize,
  type HubContext,
  logTextProblem,
  FirstArgs,
} from '@hub/subgraph-kit';
import { subject } from '@hub/auth';
import { auditAccessRead, auditOf } from '../db/audit.js';
import { grantsOf } from '../db/grants.js';
import { findHold, holdItemCount, listHolds, placeHold, releaseHold } from '../db/holds.js';
import { heldRecordings, lockWithAccess, toRecording } from '../db/recordings.js';
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
    return listHolds(ctx.db, { caseReference, activeOnly }, pageSize(first));
  }

  @FieldResolver(() => Int)
  async recordingCount(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    return holdItemCount(ctx.db, h.id);
  }

  @FieldResolver(() => Boolean)
  active(@Root() h: LegalHold) {
    return h.releasedAt === null;
  }

  @FieldResolver(() => [Recording], { description: 'The secured recordings still stored (first 100 by time).' })
  async recordings(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    const now = ctx.clock.now();
    // secured stays secured, but a third party's footage is read only under a grant active now (004)
    const rows = await heldRecordings(ctx.db, h.id, ctx.ability, now, { limit: 100, by: 'startedAt' });
    await auditAccessRead(ctx, rows, `legal hold ${h.caseReference}`);
    return rows.map(toRecording);
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
      const locked = await lockWithAccess(tx, ids, now);
      // one the caller may not read (a third party's footage without a grant, 004) is missing to it
      const found = locked.filter((r) => ctx.ability.can('read', subject('Recording', r)));
      if (found.length !== ids.length) {
        const missing = ids.filter((id) => !found.some((r) => r.id === id));
        throw notFound(
          `No recording ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
        );
      }
      const refusedRow = found.find((r) => !ctx.ability.can('hold', subject('Recording', r)));
      if (refusedRow) throw refused(ctx.actor, `secure recording ${refusedRow.id}`);
      return placeHold(tx, auditOf(ctx.database), {
        id: randomUUID(),
        caseReference,
        reason,
        by: ctx.actor,
        at: now,
        recordings: found,
        grants: await grantsOf(tx, found),
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
      const hold = await findHold(tx, id, { lock: true });
      if (!hold) throw notFound(`No legal hold ${id}`);
      if (hold.releasedAt) throw conflict('The hold was already released');
      return (await releaseHold(tx, auditOf(ctx.database), hold, { by: ctx.actor, reason, at: now })).hold;
    });
  }
}

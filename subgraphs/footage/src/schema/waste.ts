// Waste-container cameras (000): only footage of people leaving waste beside the container is kept.
// A source system may mark it at ingest; police may mark a recording within its 24-hour period,
// after which retention deletes what is unmarked (domain/retention.ts).
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, conflict, notFound, refused, type HubContext } from '@hub/subgraph-kit';
import { expiresAt, retentionPolicy, violationMarkProblem, type RecordingKind } from '../domain/retention.js';
import { auditOf, purposesOf } from '../db/audit.js';
import { lockWithAccess, markViolation, toRecording } from '../db/recordings.js';
import { Recording } from './types.js';

@Resolver()
export class WasteViolationResolver {
  @Mutation(() => Recording, {
    description:
      'Mark waste-container footage as showing waste left beside the container: it is kept (28 days) instead of deleted within 24 h (000). Police; audited; idempotent.',
  })
  @Can('update', 'Recording')
  async markWasteViolation(
    @Ctx() ctx: HubContext,
    @Arg('recordingId', () => ID) recordingId: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 1000) throw badInput('reason is required (at most 1000 characters)');
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const [r] = await lockWithAccess(tx, [recordingId], now);
      // one the caller may not read (a third party's footage without a grant, 004) is missing to it
      if (!r || !ctx.ability.can('read', subject('Recording', r))) throw notFound(`No recording ${recordingId}`);
      if (!ctx.ability.can('update', subject('Recording', r))) throw refused(ctx.actor, 'mark this recording');
      const problem = violationMarkProblem(r, now);
      if (problem) throw conflict(problem);
      if (r.violation) return toRecording(r);
      const updated = await markViolation(tx, recordingId, {
        by: ctx.actor.sub,
        at: now,
        expiresAt: expiresAt(
          r.kind as RecordingKind,
          r.endedAt,
          retentionPolicy(process.env.FOOTAGE_RETENTION_DAYS),
          true,
        ),
      });
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'footage.recording.violation',
        subjectType: 'Recording',
        subjectIds: [recordingId],
        // under a grant (a third party's camera, 004): naming it
        purpose: [...(await purposesOf(tx, [r], reason)).keys()][0]!,
        at: now,
      });
      return toRecording({ ...updated, operator: r.operator, accessGrant: r.accessGrant });
    });
  }
}

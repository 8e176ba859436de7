// Bodycam footage of the municipality's enforcement officers (002): its own municipality finds, views
// and secures it for a COMPLAINT, the police for a POLICE_REPORT (the policy in @hub/auth decides);
// every use is audited under its reference. The pilot's figures per month and purpose. Rules in
// domain/bodycam.ts; data access in db/bodycam.ts and db/holds.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import {
  Can,
  Connection,
  PageArgs,
  TIME_CURSOR,
  badInput,
  conflict,
  decodeCursor,
  notFound,
  pageSize,
  refused,
  requireLogText,
  type HubContext,
} from '@hub/subgraph-kit';
import { auditOf, auditRecordingRead } from '../db/audit.js';
import { bodycamFiguresOf, bodycamPage, findBodycamRecording, lockRecording, toBodycam } from '../db/bodycam.js';
import { findHold, heldIds, holdItemCount, openHoldId, placeHold, releaseHold } from '../db/holds.js';
import type { RecordingRow } from '../db/recordings.js';
import { signPlaybackUrl } from '../domain/playback.js';
import { useReference, type FootageUse as Use } from '../domain/bodycam.js';
import { playbackSecret } from './recording.js';
import { BodycamPurpose, CameraRef, FootageUse } from './types.js';

@ObjectType({
  description:
    "A recording of a bodycam worn by the municipality's enforcement officers (002). Metadata; the footage only through requestBodycamPlayback.",
})
export class BodycamRecording {
  @Field(() => ID) id!: string;
  @Field(() => CameraRef) camera!: CameraRef;
  @Field(() => String) municipality!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date) endedAt!: Date;
  @Field(() => Date, { description: 'Deleted then (4 weeks) unless secured for a police report or complaint' })
  expiresAt!: Date;
  @Field(() => Boolean) underHold!: boolean;
  @Field(() => Int, { description: 'Spoken warnings given before recording started' }) spokenWarnings!: number;
  @Field(() => Boolean, { description: 'The two spoken warnings came first (002)' }) warningsBeforeRecording!: boolean;
  @Field(() => BodycamPurpose) purpose!: string;
  @Field(() => String) sha256!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field(() => Date) ingestedAt!: Date;
}

@ObjectType()
export class BodycamRecordingConnection extends Connection('BodycamRecording', BodycamRecording) {}

@ObjectType({
  description:
    'A short-lived signed link to an enforcement officer’s bodycam recording, for one complaint or police report.',
})
export class BodycamPlayback {
  @Field(() => ID) recordingId!: string;
  @Field(() => String) url!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => FootageUse) use!: string;
  @Field(() => String) reference!: string;
}

@ObjectType({
  description: "The bodycam pilot's figures (002): the enforcement officers' recordings in one month for one purpose.",
})
export class BodycamFigures {
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => BodycamPurpose) purpose!: string;
  @Field(() => Int) recordings!: number;
  @Field(() => Int, { description: 'Recordings started without the two spoken warnings first (002)' })
  withoutTwoWarnings!: number;
}

const MAX_PERIOD_MS = 5 * 366 * 86_400_000;

function reference(value: string): string {
  return requireLogText('reference', value, { min: 3, max: 200 });
}

/**
 * One handhaver bodycam recording the caller may read, locked for update when asked; NOT_FOUND alike
 * for a missing one and one the caller may not see.
 */
async function visibleRecording(ctx: HubContext, on: Queryable, id: string, forUpdate = false): Promise<RecordingRow> {
  const found = await findBodycamRecording(on, ctx.ability, id);
  if (!found) throw notFound(`No bodycam recording ${id}`);
  if (!forUpdate) return found;
  // locked: a retention batch running now either deleted it already or waits for us
  const locked = await lockRecording(on, id);
  if (!locked) throw notFound(`No bodycam recording ${id}`);
  return locked;
}

function assertUse(ctx: HubContext, action: 'playback' | 'hold', r: RecordingRow, use: Use) {
  if (!ctx.ability.can(action, subject('BodycamRecording', { municipality: r.municipality, use }))) {
    throw refused(
      ctx.actor,
      `${action === 'playback' ? 'view' : 'secure'} this bodycam recording for a ${use === 'COMPLAINT' ? 'complaint' : 'police report'} (002)`,
    );
  }
}

@Resolver(() => BodycamRecording)
export class BodycamResolver {
  @Query(() => BodycamRecordingConnection, {
    description:
      "Recordings of the municipality's enforcement officers' bodycams in a period (002): its own municipality and the police; each read is audited under the use and its reference.",
  })
  @Can('read', 'BodycamRecording')
  async bodycamRecordings(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('use', () => FootageUse) use: Use,
    @Arg('reference', () => String, { description: 'The complaint or police report number' }) ref: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw badInput('the period may span at most 5 years');
    const purpose = useReference(use, reference(ref));
    // listed only for a use the caller may put them to: the municipality its own for a complaint, the police for a police report
    if (!ctx.ability.can('playback', subject('BodycamRecording', { municipality, use }))) {
      throw refused(
        ctx.actor,
        `look up bodycam recordings of ${municipality} for a ${use === 'COMPLAINT' ? 'complaint' : 'police report'} (002)`,
      );
    }
    const limit = pageSize(first);
    const cursor = decodeCursor(after, TIME_CURSOR);
    const page = await bodycamPage(ctx.db, ctx.ability, { municipality, use, from, to }, limit, cursor);
    await auditRecordingRead(
      ctx,
      page.edges.map((e) => e.node.id),
      purpose,
    );
    return page;
  }

  @Mutation(() => BodycamPlayback, {
    description:
      "A short-lived link to an enforcement officer's bodycam recording, for a complaint (its municipality) or a police report (the police), 002. Audited.",
  })
  @Can('playback', 'BodycamRecording')
  async requestBodycamPlayback(
    @Ctx() ctx: HubContext,
    @Arg('recordingId', () => ID) recordingId: string,
    @Arg('use', () => FootageUse) use: Use,
    @Arg('reference', () => String) ref: string,
  ): Promise<BodycamPlayback> {
    const purpose = useReference(use, reference(ref));
    return ctx.db.transaction(async (tx) => {
      const r = await visibleRecording(ctx, tx, recordingId);
      assertUse(ctx, 'playback', r, use);
      const now = ctx.clock.now();
      const grant = signPlaybackUrl(playbackSecret(), r.id, r.storageRef, now);
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'footage.playback.grant',
        subjectType: 'Recording',
        subjectIds: [r.id],
        purpose,
        at: now,
      });
      return {
        recordingId: r.id,
        url: grant.url,
        expiresAt: grant.expiresAt,
        use,
        reference: purpose.slice(use.length + 1),
      };
    });
  }

  @Mutation(() => BodycamRecording, {
    description:
      "Keep an enforcement officer's bodycam recording past its 4 weeks because a complaint or police report needs it (002): a legal hold under the use and reference. Idempotent per reference.",
  })
  @Can('hold', 'BodycamRecording')
  async secureBodycamRecording(
    @Ctx() ctx: HubContext,
    @Arg('recordingId', () => ID) recordingId: string,
    @Arg('use', () => FootageUse) use: Use,
    @Arg('reference', () => String) ref: string,
    @Arg('reason', () => String) reason: string,
  ) {
    const caseReference = useReference(use, reference(ref));
    const why = requireLogText('reason', reason, { max: 2000 });
    return ctx.db.transaction(async (tx) => {
      const r = await visibleRecording(ctx, tx, recordingId, true);
      assertUse(ctx, 'hold', r, use);
      const existing = await openHoldId(tx, r.id, caseReference);
      if (!existing)
        await placeHold(tx, auditOf(ctx.database), {
          id: randomUUID(),
          caseReference,
          reason: why,
          by: ctx.actor,
          at: ctx.clock.now(),
          recordings: [r],
        });
      return toBodycam(r, true);
    });
  }

  @Mutation(() => BodycamRecording, {
    description:
      'The complaint or police report no longer needs the recording: its hold under that reference is released and it returns to the 4-week retention (002).',
  })
  @Can('hold', 'BodycamRecording')
  async releaseBodycamRecording(
    @Ctx() ctx: HubContext,
    @Arg('recordingId', () => ID) recordingId: string,
    @Arg('use', () => FootageUse) use: Use,
    @Arg('reference', () => String) ref: string,
    @Arg('reason', () => String) reason: string,
  ) {
    const caseReference = useReference(use, reference(ref));
    const why = requireLogText('reason', reason, { max: 2000 });
    return ctx.db.transaction(async (tx) => {
      const r = await visibleRecording(ctx, tx, recordingId, true);
      assertUse(ctx, 'hold', r, use);
      const holdId = await openHoldId(tx, r.id, caseReference);
      const locked = holdId ? await findHold(tx, holdId, { lock: true }) : undefined;
      if (!locked || locked.releasedAt) throw conflict(`The recording is not secured under ${caseReference}`);
      // a hold of several recordings is the police's; this releases one that secures only this recording
      if ((await holdItemCount(tx, locked.id)) !== 1)
        throw conflict('That hold secures other recordings too: release it with releaseLegalHold');
      await releaseHold(tx, auditOf(ctx.database), locked, { by: ctx.actor, reason: why, at: ctx.clock.now() });
      return toBodycam(r, (await heldIds(tx, [r.id])).has(r.id));
    });
  }

  @Query(() => [BodycamFigures], {
    description:
      "The bodycam pilot's figures (002): the enforcement officers' recordings per month and purpose, and how many lacked the two spoken warnings. Its own municipality, the authority, the police.",
  })
  @Can('read', 'BodycamFigures')
  async bodycamFigures(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<BodycamFigures[]> {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw badInput('the period may span at most 5 years');
    if (!ctx.ability.can('read', subject('BodycamFigures', { municipality })))
      throw refused(ctx.actor, `read the bodycam figures of ${municipality}`);
    return bodycamFiguresOf(ctx.db, municipality, from, to);
  }
}

// Bodycam footage of the municipality's enforcement officers (002): its own municipality finds, views
// and secures it for a COMPLAINT, the police for a POLICE_REPORT (the policy in @hub/auth decides);
// every use is audited under its reference. The pilot's figures per month and purpose. Rules in
// domain/bodycam.ts.
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { Arg, Args, Ctx, Field, Float, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { accessibleWhere, subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import {
  Can,
  Connection,
  PageArgs,
  TIME_CURSOR,
  afterTimeCursor,
  badInput,
  conflict,
  decodeCursor,
  notFound,
  pageSize,
  refused,
  requireLogText,
  toPage,
  type HubContext,
} from '@hub/subgraph-kit';
import { bodycamMonthlyTable, cameraReplica, holdItemTable, holdTable, recordingTable } from '../db/schema.js';
import { placeHold, releaseHold } from '../db/holds.js';
import { monthOf } from '../db/stats.js';
import { signPlaybackUrl } from '../domain/playback.js';
import { MAX_SPAN_MS } from '../domain/retention.js';
import { useReference, warningsBeforeRecording, type FootageUse as Use } from '../domain/bodycam.js';
import { auditOf, auditRecordingRead, playbackSecret } from './recording.js';
import { BodycamPurpose, CameraRef, FootageUse } from './types.js';

type RecordingRow = typeof recordingTable.$inferSelect;

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

/** Only recordings of bodycams the municipality's officers wear (the camera replica knows the operator). */
const handhaverBodycam = and(eq(recordingTable.kind, 'BODYCAM'), eq(cameraReplica.operator, 'MUNICIPALITY'))!;
const MAX_PERIOD_MS = 5 * 366 * 86_400_000;

/** Policy condition fields → SQL; the use is the caller's, not the row's: a constant. */
const columns = (use: string | null) => ({ municipality: recordingTable.municipality, use: sql`${use}::text` });

function toBodycam(r: RecordingRow, underHold: boolean): BodycamRecording {
  return {
    ...r,
    // the camera's facts the policy looks at, so its public fields resolve for the municipality too
    camera: { id: r.cameraId, municipality: r.municipality, covert: r.covert } as CameraRef,
    underHold,
    spokenWarnings: r.spokenWarnings ?? 0,
    warningsBeforeRecording: warningsBeforeRecording(r.spokenWarnings ?? 0) === true,
    purpose: r.bodycamPurpose ?? 'OTHER_THREAT',
  };
}

async function heldIds(on: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await on
    .selectDistinct({ id: holdItemTable.recordingId })
    .from(holdItemTable)
    .where(and(inArray(holdItemTable.recordingId, ids), eq(holdItemTable.active, 1)));
  return new Set(rows.map((r) => r.id));
}

function reference(value: string): string {
  return requireLogText('reference', value, { min: 3, max: 200 });
}

/**
 * One handhaver bodycam recording the caller may read, locked for update when asked; NOT_FOUND alike
 * for a missing one and one the caller may not see.
 */
async function visibleRecording(ctx: HubContext, on: Queryable, id: string, forUpdate = false): Promise<RecordingRow> {
  const [found] = await on
    .select({ r: recordingTable })
    .from(recordingTable)
    .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
    .where(
      and(
        eq(recordingTable.id, id),
        handhaverBodycam,
        accessibleWhere(ctx.ability, 'read', 'BodycamRecording', columns(null)),
      ),
    );
  if (!found) throw notFound(`No bodycam recording ${id}`);
  if (!forUpdate) return found.r;
  // locked: a retention batch running now either deleted it already or waits for us
  const [locked] = await on.select().from(recordingTable).where(eq(recordingTable.id, id)).for('update');
  if (!locked) throw notFound(`No bodycam recording ${id}`);
  return locked;
}

/** The id of the open hold that secures this recording under this reference, if any. */
async function openHoldId(on: Queryable, recordingId: string, caseReference: string): Promise<string | undefined> {
  const [row] = await on
    .select({ id: holdTable.id })
    .from(holdItemTable)
    .innerJoin(holdTable, eq(holdTable.id, holdItemTable.holdId))
    .where(
      and(
        eq(holdItemTable.recordingId, recordingId),
        eq(holdTable.caseReference, caseReference),
        isNull(holdTable.releasedAt),
      ),
    );
  return row?.id;
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
    const where = and(
      handhaverBodycam,
      eq(recordingTable.municipality, municipality),
      accessibleWhere(ctx.ability, 'read', 'BodycamRecording', columns(use)),
      gte(recordingTable.endedAt, from),
      gte(recordingTable.startedAt, new Date(from.getTime() - MAX_SPAN_MS)),
      lte(recordingTable.startedAt, to),
    ) as SQL;
    const rows = await ctx.db
      .select({ r: recordingTable })
      .from(recordingTable)
      .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
      .where(and(where, afterTimeCursor(recordingTable.startedAt, recordingTable.id, cursor, 'asc')))
      .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
      .limit(limit + 1);
    const held = await heldIds(
      ctx.db,
      rows.map((x) => x.r.id),
    );
    const page = toPage(
      rows,
      limit,
      0,
      (x) => [x.r.startedAt.toISOString(), x.r.id],
      (x) => toBodycam(x.r, held.has(x.r.id)),
    );
    await auditRecordingRead(
      ctx,
      page.edges.map((e) => e.node.id),
      purpose,
    );
    return Object.assign(page, {
      totalCount: async () =>
        (
          await ctx.db
            .select({ n: count() })
            .from(recordingTable)
            .innerJoin(cameraReplica, eq(cameraReplica.id, recordingTable.cameraId))
            .where(where)
        )[0]!.n,
    });
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
      const [locked] = holdId ? await tx.select().from(holdTable).where(eq(holdTable.id, holdId)).for('update') : [];
      if (!locked || locked.releasedAt) throw conflict(`The recording is not secured under ${caseReference}`);
      // a hold of several recordings is the police's; this releases one that secures only this recording
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(holdItemTable)
        .where(eq(holdItemTable.holdId, locked.id))) as [{ n: number }];
      if (n !== 1) throw conflict('That hold secures other recordings too: release it with releaseLegalHold');
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
    const rows = await ctx.db
      .select()
      .from(bodycamMonthlyTable)
      .where(
        and(
          eq(bodycamMonthlyTable.municipality, municipality),
          gte(bodycamMonthlyTable.month, monthOf(from)),
          lt(bodycamMonthlyTable.month, monthAfter(to)),
        ),
      )
      .orderBy(asc(bodycamMonthlyTable.month), asc(bodycamMonthlyTable.purpose));
    return rows.map((r) => ({ ...r, month: r.month.slice(0, 7) }));
  }
}

/** The first month not included: `to` is exclusive, so a period ending on the 1st stops before that month. */
function monthAfter(to: Date): string {
  const last = new Date(to.getTime() - 1);
  return monthOf(new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1)));
}

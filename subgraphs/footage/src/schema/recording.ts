// Recordings: search, one recording, a camera's and a footage request's recordings (every read
// audited with its purpose), ingest from police recording systems and playback links. Data access in
// db/recordings.ts; audit entries in db/audit.ts; the reference loader in recording.reference.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import { UNSTORABLE_TEXT } from '@hub/db';
import {
  Can,
  badInput,
  decodeCursor,
  TIME_CURSOR,
  notFound,
  pageSize,
  refused,
  requirePurpose,
  type HubContext,
  PageArgs,
  FirstArgs,
} from '@hub/subgraph-kit';
import type { SQL } from 'drizzle-orm';
import { auditAccessRead, auditOf, purposesOf } from '../db/audit.js';
import { addBodycamFigures } from '../db/bodycam.js';
import { findHold, holdsOfRecording } from '../db/holds.js';
import {
  findWithAccess,
  heldRecordings,
  insertRecordings,
  ofCamera,
  ofKind,
  recordingPage,
  timeFilters,
  toRecording,
  withId,
  type NewRecording,
} from '../db/recordings.js';
import { replicaCameras } from '../db/replica.js';
import { requestHoldId } from '../db/request-holds.js';
import { addStats, monthOf } from '../db/stats.js';
import { bodycamRowProblem, isHandhaverBodycam } from '../domain/bodycam.js';
import { signPlaybackUrl } from '../domain/playback.js';
import { WASTE_CAMERA_KIND, expiresAt, retentionPolicy, rowProblem, type RecordingKind } from '../domain/retention.js';
import {
  CameraRef,
  FootageRequestRef,
  IngestResult,
  LegalHold,
  PlaybackGrant,
  Recording,
  RecordingConnection,
  RecordingFilter,
  RecordingInput,
} from './types.js';

export const MAX_INGEST_BATCH = 1000;
const policy = () => retentionPolicy(process.env.FOOTAGE_RETENTION_DAYS);
// The storage gateway verifies playback links with this secret (domain/playback.ts verifyPlaybackUrl).
const PLAYBACK_SECRET = process.env.PLAYBACK_URL_SECRET ?? randomBytes(32).toString('hex');

// Every read of footage metadata names its purpose, as playback and ANPR searches do (DESIGN §1:
// "every access to footage or plates is logged with a purpose"; 003 §5.2.3, 000). Paths without a
// caller's argument carry the purpose their context gives: a legal hold's or a footage request's case
// reference. Statistics (footageStatistics: counts per area and month) read no recording rows.
const PURPOSE_ARG =
  'Case number or reason (3-500 characters of visible text): written to the audit log with every recording read';

/** A page of recordings, keyset on (started_at, id), written to the audit log with the caller's purpose. */
async function auditedPage(
  ctx: HubContext,
  filters: SQL[],
  args: { first?: number | null; after?: string | null; purpose?: string | null },
  /** the prepared hot path's values, when `filters` are exactly a camera and a from–to window */
  cameraWindow?: { camera: string; from: Date; to: Date },
) {
  // checked first: a read without a purpose reads nothing and writes nothing
  const purpose = requirePurpose(args.purpose);
  const limit = pageSize(args.first);
  const cursor = decodeCursor(args.after, TIME_CURSOR);
  const page = await recordingPage(ctx.db, ctx.ability, ctx.clock.now(), filters, { limit, cursor }, cameraWindow);
  await auditAccessRead(
    ctx,
    page.edges.map((e) => e.node),
    purpose,
  );
  return page;
}

@Resolver(() => Recording)
export class RecordingResolver {
  @Query(() => Recording, { description: 'One recording (police; purpose mandatory; the read is audited).' })
  @Can('read', 'Recording')
  async recording(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('purpose', () => String, { description: PURPOSE_ARG }) purpose: string,
  ) {
    const page = await auditedPage(ctx, [withId(id)], { first: 1, purpose });
    const node = page.edges[0]?.node;
    if (!node) throw notFound(`No recording ${id}`);
    return node;
  }

  @Query(() => RecordingConnection, {
    description: 'Recordings by camera, time and kind (police; purpose mandatory; reads are audited).',
  })
  @Can('read', 'Recording')
  async recordings(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => RecordingFilter, { nullable: true }) filter?: RecordingFilter,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
    @Arg('purpose', () => String, { description: PURPOSE_ARG }) purpose?: string,
  ) {
    const f = timeFilters(filter ?? {});
    if (filter?.cameraId) f.push(ofCamera(filter.cameraId));
    if (filter?.kind) f.push(ofKind(filter.kind));
    return auditedPage(ctx, f, { first, after, purpose });
  }

  @FieldResolver(() => [LegalHold], { description: 'Holds on this recording, active and released' })
  async holds(@Root() r: Recording, @Ctx() ctx: HubContext) {
    return holdsOfRecording(ctx.db, r.id);
  }

  @FieldResolver(() => Boolean, { description: 'Secured by an active legal hold' })
  async underHold(@Root() r: Recording, @Ctx() ctx: HubContext) {
    return (await holdsOfRecording(ctx.db, r.id)).some((h) => !h.releasedAt);
  }

  @Mutation(() => IngestResult, {
    description: `Ingest recording metadata from a police recording system (at most ${MAX_INGEST_BATCH} per call). Idempotent by (sourceSystem, sourceId).`,
  })
  @Can('ingest', 'Recording')
  async ingestRecordings(
    @Ctx() ctx: HubContext,
    @Arg('sourceSystem', () => String) sourceSystem: string,
    @Arg('recordings', () => [RecordingInput]) recordings: RecordingInput[],
  ): Promise<IngestResult> {
    if (!sourceSystem.trim() || sourceSystem.length > 100) throw badInput('sourceSystem must be 1-100 characters');
    // a source system delivers under its own name only (the policy's condition); a wrong name is a
    // refusal, not a batch of "unknown camera" rows
    if (!ctx.ability.can('ingest', subject('Recording', { sourceSystem, municipality: ctx.actor.municipality }))) {
      throw refused(ctx.actor, `deliver recordings as ${sourceSystem}`);
    }
    if (recordings.length === 0 || recordings.length > MAX_INGEST_BATCH)
      throw badInput(`a batch holds 1 to ${MAX_INGEST_BATCH} recordings`);
    const now = ctx.clock.now();
    const rules = policy();
    return ctx.db.transaction(async (tx) => {
      // ids the database cannot hold are rejected per row (rowProblem), never looked up
      const cameraIds = [...new Set(recordings.map((r) => r.cameraId))].filter((id) => !UNSTORABLE_TEXT.test(id));
      const known = new Map((await replicaCameras(tx, cameraIds)).map((c) => [c.id, c]));
      const rejected: IngestResult['rejected'] = [];
      const valid: Array<{ index: number; row: NewRecording }> = [];
      const seen = new Set<string>();
      recordings.forEach((r, index) => {
        const input = { ...r, kind: r.kind as RecordingKind };
        // a camera this caller may not deliver for (a source system: another municipality's, or under
        // another system's name) reads as unknown
        const cam = known.get(r.cameraId);
        const mayDeliver =
          cam && ctx.ability.can('ingest', subject('Recording', { municipality: cam.municipality, sourceSystem }));
        const problem =
          rowProblem(input, now, rules) ??
          (mayDeliver ? null : `unknown camera ${r.cameraId}`) ??
          // a waste-container camera's footage is waste-container footage, whatever the source calls it (000)
          (cam!.kind === WASTE_CAMERA_KIND && r.kind !== 'WASTE_CONTAINER'
            ? 'a waste-container camera delivers WASTE_CONTAINER recordings (000)'
            : null) ??
          bodycamRowProblem(r, cam!) ??
          (seen.has(r.sourceId) ? 'sourceId appears twice in this batch' : null);
        seen.add(r.sourceId);
        if (problem) {
          rejected.push({ index, sourceId: r.sourceId, reason: problem });
          return;
        }
        valid.push({
          index,
          row: {
            id: randomUUID(),
            sourceSystem,
            sourceId: r.sourceId,
            cameraId: r.cameraId,
            municipality: cam!.municipality,
            areaId: cam!.areaId,
            covert: cam!.covert,
            kind: r.kind,
            startedAt: r.startedAt,
            endedAt: r.endedAt,
            storageRef: r.storageRef,
            sha256: r.sha256,
            sizeBytes: r.sizeBytes,
            expiresAt: expiresAt(input.kind, r.endedAt, rules, !!r.violation),
            ingestedAt: now,
            violation: !!r.violation,
            violationMarkedAt: r.violation ? now : null,
            violationMarkedBy: r.violation ? ctx.actor.sub : null,
            spokenWarnings: r.kind === 'BODYCAM' ? (r.spokenWarnings ?? null) : null,
            bodycamPurpose: r.kind === 'BODYCAM' ? (r.bodycamPurpose ?? null) : null,
          },
        });
      });
      const inserted = await insertRecordings(
        tx,
        valid.map((v) => v.row),
      );
      await addStats(
        tx,
        inserted.map((r) => ({
          municipality: r.municipality,
          areaId: r.areaId,
          covert: r.covert,
          month: monthOf(r.startedAt),
          recordings: 1,
        })),
      );
      // the bodycam pilot's figures (002): the enforcement officers' recordings per month and purpose
      await addBodycamFigures(
        tx,
        inserted.filter((r) => isHandhaverBodycam({ kind: r.kind, operator: known.get(r.cameraId)!.operator })),
      );
      return {
        created: inserted.length,
        duplicates: valid.length - inserted.length,
        rejected,
        createdIds: inserted.map((r) => r.id),
      };
    });
  }

  @Mutation(() => PlaybackGrant, {
    description: 'A short-lived signed link to the footage (police only; purpose mandatory; audited).',
  })
  @Can('playback', 'Recording')
  async requestPlayback(
    @Ctx() ctx: HubContext,
    @Arg('recordingId', () => ID) recordingId: string,
    @Arg('purpose', () => String, { description: 'Case number or reason' }) purpose: string,
  ): Promise<PlaybackGrant> {
    purpose = requirePurpose(purpose);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const found = await findWithAccess(tx, recordingId, now);
      const row = found && { ...found, operator: found.operator ?? 'POLICE' };
      // a recording the caller may not read (a third party's footage without a grant, 004) reads as missing
      if (!row || !ctx.ability.can('read', subject('Recording', row))) throw notFound(`No recording ${recordingId}`);
      const r = row;
      // an enforcement officer's bodycam footage is viewed only for a police report (002): requestBodycamPlayback
      if (!ctx.ability.can('playback', subject('Recording', row))) {
        throw refused(
          ctx.actor,
          "play back an enforcement officer's bodycam recording without a police report (use requestBodycamPlayback, 002)",
        );
      }
      const grant = signPlaybackUrl(PLAYBACK_SECRET, r.id, r.storageRef, now);
      // the one purpose of this one recording: for a third party's footage, naming the grant (004)
      const logged = [...(await purposesOf(tx, [r], purpose)).keys()][0]!;
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'footage.playback.grant',
        subjectType: 'Recording',
        subjectIds: [r.id],
        purpose: logged,
        at: now,
      });
      return { recordingId: r.id, url: grant.url, expiresAt: grant.expiresAt, purpose };
    });
  }
}

@Resolver(() => FootageRequestRef)
export class FootageRequestRecordingsResolver {
  @FieldResolver(() => [Recording], {
    nullable: 'items',
    description:
      "The recordings this request's legal hold secures (police; at most `first`, default 20, max 100; reads are audited). Empty once the hold is released: they follow normal retention then (hold.recordings lists those still stored).",
  })
  async recordings(
    @Root() req: FootageRequestRef,
    @Ctx() ctx: HubContext,
    @Args(() => FirstArgs) { first }: FirstArgs = {},
  ) {
    const limit = pageSize(first);
    const hold = await findHold(ctx.db, requestHoldId(req.id));
    // only while held do they certainly exist: a released recording may be deleted at the next retention run
    if (!hold || hold.releasedAt) return [];
    const now = ctx.clock.now();
    const rows = await heldRecordings(ctx.db, hold.id, ctx.ability, now, { limit, by: 'id' });
    await auditAccessRead(ctx, rows, `footage request ${req.id} (${hold.caseReference})`);
    return rows.map(toRecording);
  }
}

@Resolver(() => CameraRef)
export class CameraRecordingsResolver {
  @FieldResolver(() => RecordingConnection, {
    description: 'Recordings of this camera in a period (police; purpose mandatory; reads are audited).',
  })
  async recordings(
    @Root() cam: CameraRef,
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
    @Arg('purpose', () => String, { description: PURPOSE_ARG }) purpose?: string,
  ) {
    const window = from && to ? { camera: cam.id, from, to } : undefined;
    return auditedPage(ctx, [ofCamera(cam.id), ...timeFilters({ from, to })], { first, after, purpose }, window);
  }
}

/** For the storage side and tests: verify links with verifyPlaybackUrl(playbackSecret(), …). */
export const playbackSecret = () => PLAYBACK_SECRET;

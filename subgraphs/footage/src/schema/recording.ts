import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Args } from 'type-graphql';
import { auditLogOf, type AuditLog } from '@hub/audit';
import { subject } from '@hub/auth';
import { UNSTORABLE_TEXT, type Database, type Queryable, type Db } from '@hub/db';
import {
  Can,
  badInput,
  decodeCursor,
  TIME_CURSOR,
  notFound,
  pageSize,
  refused,
  requirePurpose,
  toPage,
  type HubContext,
  afterTimeCursor,
  PageArgs,
  FirstArgs,
} from '@hub/subgraph-kit';
import { cameraReplica, holdItemTable, holdTable, recordingTable } from '../db/schema.js';
import { addStats, monthOf } from '../db/stats.js';
import { signPlaybackUrl } from '../domain/playback.js';
import { requestHoldId } from '../db/request-holds.js';
import { grantsOf, recordingAccessColumns, recordingAccessWhere } from '../db/grants.js';
import { underGrants } from '../domain/grants.js';
import { bodycamRowProblem, isHandhaverBodycam, warningsBeforeRecording } from '../domain/bodycam.js';
import { addBodycamFigures } from '../db/bodycam.js';
import {
  MAX_SPAN_MS,
  WASTE_CAMERA_KIND,
  expiresAt,
  retentionPolicy,
  rowProblem,
  type RecordingKind,
} from '../domain/retention.js';
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

type RecordingRow = typeof recordingTable.$inferSelect;
/** A recording row with the policy's attributes (db/grants.ts): its camera's operator and the grant it is used under. */
export type AccessRow = RecordingRow & { operator: string | null; accessGrant: string | null };

/** The recording's columns and the policy's attributes at `at` (a Date, or a placeholder in a prepared query). */
export const withAccess = (at: Parameters<typeof recordingAccessColumns>[0]) => ({
  ...getTableColumns(recordingTable),
  ...recordingAccessColumns(at),
});

export const MAX_INGEST_BATCH = 1000;
const policy = () => retentionPolicy(process.env.FOOTAGE_RETENTION_DAYS);
// The storage gateway verifies playback links with this secret (domain/playback.ts verifyPlaybackUrl).
const PLAYBACK_SECRET = process.env.PLAYBACK_URL_SECRET ?? randomBytes(32).toString('hex');

/** The shared audit log of this database (@hub/audit auditLogOf). */
export const auditOf = (database: Database): AuditLog => auditLogOf(database);

export function toRecording(r: RecordingRow | AccessRow): Recording {
  return { ...r, camera: { id: r.cameraId }, warningsBeforeRecording: warningsBeforeRecording(r.spokenWarnings) };
}

/**
 * Every read of recording rows is logged (000, 003 §5.2.3) before any row is returned, whatever the
 * path: a search, a camera's recordings, a hold's, or another subgraph's reference (a footage
 * request's recordings). A read changes nothing, so the entry commits on its own.
 */
export async function auditRecordingRead(ctx: HubContext, ids: string[], purpose: string): Promise<void> {
  if (ids.length === 0) return;
  // request: reads of one request are merged into few entries, and bounded (issue 14 §4)
  await auditOf(ctx.database).append(ctx.db, {
    actor: ctx.actor,
    action: 'footage.recording.read',
    subjectType: 'Recording',
    subjectIds: ids,
    purpose,
    at: ctx.clock.now(),
    request: ctx.auditRequest,
  });
}

/**
 * The purposes of reading these rows, with their ids: the caller's, and for a third party's footage
 * the caller's naming the grant it is read under (004), so an entry shows which agreement allowed it.
 */
export async function purposesOf(
  on: Queryable,
  rows: Array<{ id: string; accessGrant?: string | null }>,
  purpose: string,
): Promise<Map<string, string[]>> {
  const grants = new Map((await grantsOf(on, rows)).map((g) => [g.id, g]));
  const byPurpose = new Map<string, string[]>();
  for (const r of rows) {
    const g = r.accessGrant ? (grants.get(r.accessGrant) ?? { id: r.accessGrant, reference: '?' }) : null;
    const p = underGrants(purpose, g ? [g] : []);
    byPurpose.set(p, [...(byPurpose.get(p) ?? []), r.id]);
  }
  return byPurpose;
}

/** auditRecordingRead for rows that may be a third party's: one entry per purpose, naming the grant. */
export async function auditAccessRead(
  ctx: HubContext,
  rows: Array<{ id: string; accessGrant?: string | null }>,
  purpose: string,
): Promise<void> {
  for (const [p, ids] of await purposesOf(ctx.db, rows, purpose)) await auditRecordingRead(ctx, ids, p);
}

// Every read of footage metadata names its purpose, as playback and ANPR searches do (DESIGN §1:
// "every access to footage or plates is logged with a purpose"; 003 §5.2.3, 000). Paths without a
// caller's argument carry the purpose their context gives: a legal hold's or a footage request's case
// reference. Statistics (footageStatistics: counts per area and month) read no recording rows.
const PURPOSE_ARG =
  'Case number or reason (3-500 characters of visible text): written to the audit log with every recording read';

/**
 * The hot read — a camera's recordings in a window, first page (`camera(id) { recordings(from, to) }`) —
 * as one prepared query per database: drizzle builds its SQL once, not on every read (building it cost
 * more CPU than PostgreSQL's part of the read). The same WHERE as timeFilters + the camera.
 */
const preparedPages = new WeakMap<Db, ReturnType<typeof prepareCameraPage>>();
const prepareCameraPage = (db: Db) =>
  db
    .select(withAccess(sql.placeholder('at')))
    .from(recordingTable)
    .where(
      and(
        eq(recordingTable.cameraId, sql.placeholder('camera')),
        gte(recordingTable.endedAt, sql.placeholder('from')),
        gte(recordingTable.startedAt, sql.placeholder('since')),
        lte(recordingTable.startedAt, sql.placeholder('to')),
      ),
    )
    .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
    .limit(sql.placeholder('limit'))
    .prepare('footage_camera_page');

/** A page of recordings, keyset on (started_at, id), written to the audit log with the caller's purpose. */
async function recordingPage(
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
  const now = ctx.clock.now();
  // only the rows the policy lets this caller read now: a third party's camera's only under a grant (004)
  const where = and(...filters, recordingAccessWhere(ctx.ability, 'read', now));
  let rows: AccessRow[] | undefined;
  if (cameraWindow && !cursor) {
    let prepared = preparedPages.get(ctx.db);
    if (!prepared) preparedPages.set(ctx.db, (prepared = prepareCameraPage(ctx.db)));
    const { camera, from, to } = cameraWindow;
    // ISO text, as drizzle's timestamp columns send a Date (placeholders skip the column's encoder)
    rows = await prepared.execute({
      camera,
      from: from.toISOString(),
      since: new Date(from.getTime() - MAX_SPAN_MS).toISOString(),
      to: to.toISOString(),
      at: now.toISOString(),
      limit: limit + 1,
    });
    // the prepared query cannot carry the caller's policy: a page with a row it refuses is read again below
    if (!rows.every((r) => ctx.ability.can('read', subject('Recording', r)))) rows = undefined;
  }
  if (!rows) {
    const keyset = afterTimeCursor(recordingTable.startedAt, recordingTable.id, cursor, 'asc');
    rows = await ctx.db
      .select(withAccess(now))
      .from(recordingTable)
      .where(and(where, keyset))
      .orderBy(asc(recordingTable.startedAt), asc(recordingTable.id))
      .limit(limit + 1);
  }
  const page = toPage(rows, limit, 0, (r) => [r.startedAt.toISOString(), r.id], toRecording);
  await auditAccessRead(
    ctx,
    page.edges.map((e) => e.node),
    purpose,
  );
  return Object.assign(page, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(recordingTable).where(where))[0]!.n,
  });
}

function timeFilters(f: { from?: Date | null; to?: Date | null }): SQL[] {
  const out: SQL[] = [];
  if (f.from && f.to && f.to.getTime() <= f.from.getTime()) throw badInput('to must be after from');
  if (f.from) {
    out.push(gte(recordingTable.endedAt, f.from));
    // a recording spans at most MAX_SPAN_MS, so this bound lets the (camera, started_at) index
    // start near `from` instead of scanning the camera's whole history
    out.push(gte(recordingTable.startedAt, new Date(f.from.getTime() - MAX_SPAN_MS)));
  }
  if (f.to) out.push(lte(recordingTable.startedAt, f.to));
  return out;
}

async function holdsOf(on: Queryable, recordingId: string) {
  return on
    .select({ hold: holdTable })
    .from(holdItemTable)
    .innerJoin(holdTable, eq(holdTable.id, holdItemTable.holdId))
    .where(eq(holdItemTable.recordingId, recordingId))
    .orderBy(asc(holdTable.placedAt));
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
    const page = await recordingPage(ctx, [eq(recordingTable.id, id)], { first: 1, purpose });
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
    if (filter?.cameraId) f.push(eq(recordingTable.cameraId, filter.cameraId));
    if (filter?.kind) f.push(eq(recordingTable.kind, filter.kind));
    return recordingPage(ctx, f, { first, after, purpose });
  }

  @FieldResolver(() => [LegalHold], { description: 'Holds on this recording, active and released' })
  async holds(@Root() r: Recording, @Ctx() ctx: HubContext) {
    return (await holdsOf(ctx.db, r.id)).map((x) => x.hold);
  }

  @FieldResolver(() => Boolean, { description: 'Secured by an active legal hold' })
  async underHold(@Root() r: Recording, @Ctx() ctx: HubContext) {
    return (await holdsOf(ctx.db, r.id)).some((x) => !x.hold.releasedAt);
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
      const known = new Map(
        (await tx.select().from(cameraReplica).where(inArray(cameraReplica.id, cameraIds))).map((c) => [c.id, c]),
      );
      const rejected: IngestResult['rejected'] = [];
      const valid: Array<{ index: number; row: typeof recordingTable.$inferInsert }> = [];
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
      const inserted = valid.length
        ? await tx
            .insert(recordingTable)
            .values(valid.map((v) => v.row))
            .onConflictDoNothing({ target: [recordingTable.sourceSystem, recordingTable.sourceId] })
            .returning()
        : [];
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
      const [found] = await tx.select(withAccess(now)).from(recordingTable).where(eq(recordingTable.id, recordingId));
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
    const [hold] = await ctx.db
      .select()
      .from(holdTable)
      .where(eq(holdTable.id, requestHoldId(req.id)));
    // only while held do they certainly exist: a released recording may be deleted at the next retention run
    if (!hold || hold.releasedAt) return [];
    const now = ctx.clock.now();
    const rows = await ctx.db
      .select(withAccess(now))
      .from(holdItemTable)
      .innerJoin(recordingTable, eq(recordingTable.id, holdItemTable.recordingId))
      .where(and(eq(holdItemTable.holdId, hold.id), recordingAccessWhere(ctx.ability, 'read', now)))
      .orderBy(asc(recordingTable.id))
      .limit(limit);
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
    return recordingPage(
      ctx,
      [eq(recordingTable.cameraId, cam.id), ...timeFilters({ from, to })],
      { first, after, purpose },
      window,
    );
  }
}

/** For the storage side and tests: verify links with verifyPlaybackUrl(playbackSecret(), …). */
export const playbackSecret = () => PLAYBACK_SECRET;

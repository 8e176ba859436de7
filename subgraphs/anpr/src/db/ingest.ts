// Storing a batch of ANPR reads: the one write path behind both the GraphQL mutation and the NDJSON
// stream. Per row: validation (domain/read.ts), keyed hash and encryption of the plate; per batch, in
// one transaction: the reads (idempotent by camera, source read id and time), the hourly counts and the
// batch's entry in the match queue. Hotlist matching runs after commit (db/match.ts), so the answer
// takes as long whether a plate is listed or not: its timing tells nothing of hotlists.
import { anprReads } from '@hub/observability';
import { v7 as uuidv7 } from 'uuid';
import { sql } from 'drizzle-orm';
import { toPgArray, UNSTORABLE_TEXT, type Database } from '@hub/db';
import { subject, type Ability } from '@hub/auth';
import type { Events } from '@hub/events';
import { CLOCK_SKEW_MS, readProblem, retentionCutoff, type ReadInput } from '../domain/read.js';
import type { PlateCipher } from '../domain/plate.js';
import { randomSlice } from '../domain/random.js';
import { ensureDayPartitions } from './partitions.js';

export interface IngestRejection {
  /** Position in the batch given to ingestReads. */
  index: number;
  sourceReadId: string;
  reason: string;
}

export interface IngestOutcome {
  created: number;
  /** Rows already stored by an earlier delivery (same camera and source read id). */
  duplicates: number;
  rejected: IngestRejection[];
}

/** One read as sent to the database (short keys: a batch is one json text of thousands of these). */
interface Row {
  i: string; // id
  c: string; // camera_id
  s: string; // source_read_id
  o: number; // observed_at, ms since the epoch (cheaper to write and to read than ISO text)
  h: string; // plate_hash
  p: string; // plate_cipher
  n: string; // country
  f: number; // confidence
  d: string | null; // direction
  l: number | null; // lane
  m: string | null; // image_ref
}

/**
 * Validates and stores `reads`. Invalid rows come back as rejections; the valid ones are stored in
 * one transaction. Never throws for a bad row.
 */
export async function ingestReads(
  deps: { database: Database; events: Events; cipher: PlateCipher; ability: Ability },
  reads: ReadInput[],
  now: Date,
): Promise<IngestOutcome> {
  const { database, cipher, ability } = deps; // hits are announced by the matcher (db/match.ts), not here
  const rejected: IngestRejection[] = [];
  if (reads.length === 0) return { created: 0, duplicates: 0, rejected };
  const cutoff = retentionCutoff(now).getTime();
  // day partitions first, in their own short transactions (cheap once a day exists)
  await ensureDayPartitions(
    database,
    reads
      .map((r) => r.observedAt)
      .filter((t) => t instanceof Date && t.getTime() > cutoff && t.getTime() <= now.getTime() + CLOCK_SKEW_MS),
  );
  // ids the database cannot hold are rejected per row (readProblem), never looked up
  const cameraIds = [...new Set(reads.map((r) => String(r.cameraId)))].filter((id) => !UNSTORABLE_TEXT.test(id));
  // only cameras the caller may deliver for (a source system: its municipality's); others count as unknown
  const cameras = new Map(
    (
      await database.query<{ id: string; kind: string; municipality: string }>(
        sql`select id, kind, municipality from anpr.cameras where id = any(${toPgArray(cameraIds)}::text[])`,
      )
    )
      .filter((c) => ability.can('ingest', subject('AnprRead', { municipality: c.municipality })))
      .map((c) => [c.id, c]),
  );

  const rows: Row[] = [];
  const seen = new Set<string>();
  const hashes = new Map<string, string>();
  const ingestedAt = now.toISOString();
  reads.forEach((r, i) => {
    const checked = readProblem(r, cameras.get(r.cameraId), now);
    const key = `${r.cameraId}\u0000${r.sourceReadId}`;
    const problem =
      'problem' in checked
        ? checked.problem
        : seen.has(key)
          ? 'sourceReadId appears twice for this camera in this batch'
          : null;
    if (problem === null) seen.add(key); // a rejected row does not take its id from a valid one after it
    if (problem !== null || 'problem' in checked) {
      rejected.push({ index: i, sourceReadId: String(r.sourceReadId ?? '').slice(0, 200), reason: problem! });
      return;
    }
    let hash = hashes.get(checked.plate);
    if (!hash) hashes.set(checked.plate, (hash = cipher.hash(checked.plate)));
    rows.push({
      // time-ordered ids (UUIDv7): the primary key index grows at its right edge instead of
      // taking a random page per read
      i: uuidv7({ random: randomSlice(16) }),
      c: r.cameraId,
      s: r.sourceReadId,
      o: r.observedAt.getTime(),
      h: hash,
      p: cipher.encrypt(checked.plate),
      n: checked.country,
      f: r.confidence,
      d: r.direction ?? null,
      l: r.lane ?? null,
      m: r.imageRef ?? null,
    });
  });
  if (rows.length === 0) {
    countOutcome({ created: 0, duplicates: 0, rejected });
    return { created: 0, duplicates: 0, rejected };
  }

  const outcome = await database.db.transaction(async (tx) => {
    // One statement for the whole batch: the reads (one json parameter, short keys; building
    // thousands of bind parameters cost more CPU than hashing and encrypting the plates), their
    // hourly counts and their place in the match queue are derived in the database from the rows
    // actually inserted, so a replayed read counts and matches nothing.
    // Counts are upserted in one (camera, hour) order for every batch, so concurrent batches lock
    // the same rows in the same sequence instead of deadlocking.
    const [out] = await database.query<{ created: number }>(
      sql`with ins as (
            insert into anpr.reads (id, camera_id, source_read_id, observed_at, plate_hash, plate_cipher, country, confidence, direction, lane, image_ref, ingested_at)
            select i, c, s, to_timestamp(o / 1000.0), h, p, n, f, d, l, m, ${ingestedAt}::timestamptz
            from json_to_recordset(${JSON.stringify(rows)}::json) as x(i text, c text, s text, o double precision, h text, p text, n text, f double precision, d text, l smallint, m text)
            on conflict (camera_id, source_read_id, observed_at) do nothing
            returning id, camera_id, plate_hash, country, observed_at
          ), counted as (
            insert into anpr.hourly_counts (camera_id, municipality, hour_start, count)
            select ins.camera_id, cam.municipality, date_bin('1 hour', ins.observed_at, timestamptz '2000-01-01T00:00:00Z'), count(*)
            from ins join anpr.cameras cam on cam.id = ins.camera_id
            group by 1, 2, 3 order by 1, 3
            on conflict (camera_id, hour_start) do update set count = anpr.hourly_counts.count + excluded.count
          ), queued as (
            -- hotlist matching happens after commit (db/match.ts): the answer must not depend on it
            insert into anpr.match_queue (id, reads, ingested_at)
            select gen_random_uuid()::text, json_agg(json_build_object('i', id, 'c', camera_id, 'h', plate_hash, 'n', country, 'o', observed_at)), ${ingestedAt}::timestamptz
            from ins having count(*) > 0
          )
          select (select count(*)::int from ins) as created`,
      tx,
    );
    const created = out!.created;
    return { created, duplicates: rows.length - created, rejected };
  });
  // the matcher (db/match.ts) takes the batch on its own clock, not in step with this answer
  countOutcome(outcome);
  return outcome;
}

/** hub_anpr_reads_total, once committed. */
function countOutcome(out: IngestOutcome): void {
  anprReads.inc({ outcome: 'created' }, out.created);
  anprReads.inc({ outcome: 'duplicate' }, out.duplicates);
  anprReads.inc({ outcome: 'rejected' }, out.rejected.length);
}

// Storing a batch of ANPR reads: the one write path behind both the GraphQL mutation and the NDJSON
// stream. Per row: validation (domain/read.ts), keyed hash and encryption of the plate; per batch, in
// one transaction: the reads (idempotent by camera + source read id), the hourly counts, hotlist
// matching and the hits, whose events go through the outbox so only committed hits are announced.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { toPgArray, type Database } from '@hub/db';
import { subject, type Ability } from '@hub/auth';
import type { Events } from '@hub/events';
import { ANPR_HIT, CLOCK_SKEW_MS, readProblem, retentionCutoff, type ReadInput } from '../domain/read.js';
import type { PlateCipher } from '../domain/plate.js';
import { ensureDayPartitions } from './partitions.js';

const HOUR_MS = 3_600_000;

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
  hits: number;
}

interface Row {
  id: string;
  camera_id: string;
  source_read_id: string;
  observed_at: string;
  plate_hash: string;
  plate_cipher: string;
  country: string;
  confidence: number;
  direction: string | null;
  lane: number | null;
  image_ref: string | null;
  ingested_at: string;
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
  const { database, events, cipher, ability } = deps;
  const rejected: IngestRejection[] = [];
  if (reads.length === 0) return { created: 0, duplicates: 0, rejected, hits: 0 };
  const cutoff = retentionCutoff(now).getTime();
  // day partitions first, in their own short transactions (cheap once a day exists)
  await ensureDayPartitions(
    database,
    reads.map((r) => r.observedAt).filter((t) => t instanceof Date && t.getTime() > cutoff && t.getTime() <= now.getTime() + CLOCK_SKEW_MS),
  );
  const cameraIds = [...new Set(reads.map((r) => String(r.cameraId)))];
  // only cameras the caller may deliver for (a source system: its municipality's); others count as unknown
  const cameras = new Map(
    (await database.query<{ id: string; kind: string; municipality: string }>(
      sql`select id, kind, municipality from anpr.cameras where id = any(${toPgArray(cameraIds)}::text[])`,
    ))
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
    const problem = 'problem' in checked ? checked.problem : seen.has(key) ? 'sourceReadId appears twice for this camera in this batch' : null;
    seen.add(key);
    if (problem !== null || 'problem' in checked) {
      rejected.push({ index: i, sourceReadId: String(r.sourceReadId ?? '').slice(0, 200), reason: problem! });
      return;
    }
    let hash = hashes.get(checked.plate);
    if (!hash) hashes.set(checked.plate, (hash = cipher.hash(checked.plate)));
    rows.push({
      id: randomUUID(),
      camera_id: r.cameraId,
      source_read_id: r.sourceReadId,
      observed_at: r.observedAt.toISOString(),
      plate_hash: hash,
      plate_cipher: cipher.encrypt(checked.plate),
      country: checked.country,
      confidence: r.confidence,
      direction: r.direction ?? null,
      lane: r.lane ?? null,
      image_ref: r.imageRef ?? null,
      ingested_at: ingestedAt,
    });
  });
  if (rows.length === 0) return { created: 0, duplicates: 0, rejected, hits: 0 };

  return database.db.transaction(async (tx) => {
    // One statement and one parameter for the whole batch (a jsonb recordset): building thousands
    // of bind parameters cost more CPU than hashing and encrypting the plates.
    const inserted = await database.query<{ id: string; camera_id: string; plate_hash: string; country: string; observed_at: string }>(
      sql`insert into anpr.reads (id, camera_id, source_read_id, observed_at, plate_hash, plate_cipher, country, confidence, direction, lane, image_ref, ingested_at)
          select id, camera_id, source_read_id, observed_at, plate_hash, plate_cipher, country, confidence, direction, lane, image_ref, ingested_at
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, camera_id text, source_read_id text, observed_at timestamptz,
            plate_hash text, plate_cipher text, country text, confidence double precision, direction text, lane smallint, image_ref text, ingested_at timestamptz)
          on conflict (camera_id, source_read_id, observed_at) do nothing
          returning id, camera_id, plate_hash, country, to_json(observed_at)#>>'{}' as observed_at`,
      tx,
    );
    const duplicates = rows.length - inserted.length;
    if (inserted.length === 0) return { created: 0, duplicates, rejected, hits: 0 };

    // hourly counts, kept after the reads are gone; one (camera, hour) order for every transaction,
    // so concurrent batches lock the same rows in the same sequence instead of deadlocking
    const buckets = new Map<string, { camera_id: string; municipality: string; hour_start: string; count: number }>();
    for (const r of inserted) {
      const hour = new Date(Math.floor(Date.parse(r.observed_at) / HOUR_MS) * HOUR_MS).toISOString();
      const k = `${r.camera_id}\u0000${hour}`;
      const b = buckets.get(k);
      if (b) b.count++;
      else buckets.set(k, { camera_id: r.camera_id, municipality: cameras.get(r.camera_id)!.municipality, hour_start: hour, count: 1 });
    }
    const ordered = [...buckets.values()].sort((a, b) => (a.camera_id < b.camera_id ? -1 : a.camera_id > b.camera_id ? 1 : a.hour_start < b.hour_start ? -1 : 1));
    await tx.execute(
      sql`insert into anpr.hourly_counts (camera_id, municipality, hour_start, count)
          select camera_id, municipality, hour_start, count
          from jsonb_to_recordset(${JSON.stringify(ordered)}::jsonb) as x(camera_id text, municipality text, hour_start timestamptz, count int)
          on conflict (camera_id, hour_start) do update set count = anpr.hourly_counts.count + excluded.count`,
    );

    // hotlist matching: same plate (hash) and country, entry not removed, list valid now
    const entries = await database.query<{ id: string; hotlist_id: string; plate_hash: string; country: string }>(
      sql`select e.id, e.hotlist_id, e.plate_hash, e.country from anpr.hotlist_entries e join anpr.hotlists l on l.id = e.hotlist_id
          where e.plate_hash = any(${toPgArray([...new Set(inserted.map((r) => r.plate_hash))])}::text[])
            and e.removed_at is null and l.valid_until > ${now.toISOString()}::timestamptz`,
      tx,
    );
    if (entries.length === 0) return { created: inserted.length, duplicates, rejected, hits: 0 };
    const byPlate = new Map<string, typeof entries>();
    for (const e of entries) byPlate.set(`${e.plate_hash}|${e.country}`, [...(byPlate.get(`${e.plate_hash}|${e.country}`) ?? []), e]);
    const hits = inserted.flatMap((r) =>
      (byPlate.get(`${r.plate_hash}|${r.country}`) ?? []).map((e) => ({
        id: randomUUID(),
        readId: r.id,
        hotlistId: e.hotlist_id,
        entryId: e.id,
        cameraId: r.camera_id,
        observedAt: new Date(r.observed_at).toISOString(),
        createdAt: now.toISOString(),
      })),
    );
    if (hits.length === 0) return { created: inserted.length, duplicates, rejected, hits: 0 };
    await tx.execute(
      sql`insert into anpr.hits (id, read_id, hotlist_id, entry_id, camera_id, observed_at, created_at)
          select id, "readId", "hotlistId", "entryId", "cameraId", "observedAt", "createdAt"
          from jsonb_to_recordset(${JSON.stringify(hits)}::jsonb) as x(id text, "readId" text, "hotlistId" text, "entryId" text, "cameraId" text, "observedAt" timestamptz, "createdAt" timestamptz)
          on conflict do nothing`,
    );
    for (const h of hits) await events.publish(tx, ANPR_HIT, h);
    return { created: inserted.length, duplicates, rejected, hits: hits.length };
  });
}

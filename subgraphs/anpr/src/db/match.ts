// Hotlist matching after commit, so no ingest answer's timing tells whether a plate is listed. A stored batch leaves its new reads in
// anpr.match_queue (db/ingest.ts); this drains the queue: hits inserted and announced through the
// outbox in one transaction with the queue rows they came from, so a hit is announced once, only
// when committed, and a crash leaves the batch queued for the next drain.
// The drain runs on its own clock (index.ts: every ANPR_MATCH_INTERVAL_MS), never in step with an
// ingest: work started by the answer itself (even just after it) would slow the answers of reads that
// hit — measurably, on a busy process — and a source system could time them to learn which plates
// are listed. So a hit is announced within about one interval of its read.
// A list or entry is judged as it stood when the batch was stored (its ingested_at), as matching
// inside the ingest transaction did: an entry added later does not hit, one removed later still does.
import { anprHits } from '@hub/observability';
import { sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { ANPR_HIT } from '../domain/read.js';

/** Queued batches taken per transaction. */
const BATCHES_PER_TX = 20;

interface HitRow {
  id: string;
  readId: string;
  hotlistId: string;
  entryId: string;
  cameraId: string;
  observedAt: string;
  createdAt: string;
}

/** Match up to `limit` queued batches in one transaction; returns how many were taken. */
export async function matchQueued(database: Database, events: Events, limit = BATCHES_PER_TX): Promise<number> {
  return database.db.transaction(async (tx) => {
    const [out] = await database.query<{ taken: number; hits: HitRow[] | null }>(
      sql`with q as (
            delete from anpr.match_queue where id in (
              select id from anpr.match_queue order by ingested_at limit ${limit} for update skip locked)
            returning reads, ingested_at
          ), r as (
            select x.i, x.c, x.h, x.n, x.o, q.ingested_at
            from q, json_to_recordset(q.reads) as x(i text, c text, h text, n text, o timestamptz)
          ), hit as (
            -- same plate (hash) and country, entry active and list valid when the read was stored
            insert into anpr.hits (id, read_id, hotlist_id, entry_id, camera_id, observed_at, created_at)
            select gen_random_uuid()::text, r.i, e.hotlist_id, e.id, r.c, r.o, r.ingested_at
            from r join anpr.hotlist_entries e on e.plate_hash = r.h and e.country = r.n
              and e.added_at <= r.ingested_at and (e.removed_at is null or e.removed_at > r.ingested_at)
            join anpr.hotlists l on l.id = e.hotlist_id and l.valid_until > r.ingested_at
            on conflict do nothing
            returning id, read_id, hotlist_id, entry_id, camera_id, observed_at, created_at
          )
          select (select count(*)::int from q) as taken,
                 (select json_agg(json_build_object('id', id, 'readId', read_id, 'hotlistId', hotlist_id, 'entryId', entry_id,
                   'cameraId', camera_id, 'observedAt', observed_at, 'createdAt', created_at)) from hit) as hits`,
      tx,
    );
    anprHits.inc((out!.hits ?? []).length); // counted in the transaction's run; a rollback retries the batch
    for (const h of out!.hits ?? []) {
      await events.publish(tx, ANPR_HIT, {
        ...h,
        observedAt: new Date(h.observedAt).toISOString(),
        createdAt: new Date(h.createdAt).toISOString(),
      });
    }
    return out!.taken;
  });
}

/** Match until the queue is empty (batches another process holds are left to it). */
export async function drainMatchQueue(database: Database, events: Events): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await matchQueued(database, events);
    total += n;
    if (n < BATCHES_PER_TX) return total;
  }
}

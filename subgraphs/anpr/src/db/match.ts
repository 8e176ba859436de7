// Hotlist matching after commit (issue 13 §1, timing). A stored batch leaves its new reads in
// anpr.match_queue (db/ingest.ts); this drains the queue: hits inserted and announced through the
// outbox in one transaction with the queue rows they came from, so a hit is announced once, only
// when committed, and a crash leaves the batch queued for the next drain. The ingest answer has gone
// by then: a source system cannot time it to learn whether a plate is listed.
// A list or entry is judged as it stood when the batch was stored (its ingested_at), as matching
// inside the ingest transaction did: an entry added later does not hit, one removed later still does.
import { sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import type { Events } from '@hub/events';
import { ANPR_HIT } from '../domain/read.js';

/** Queued batches taken per transaction. */
const BATCHES_PER_TX = 20;
/** How soon after a commit the matcher runs: batches stored within it are matched together. */
const DELAY_MS = 20;

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
    for (const h of out!.hits ?? []) {
      await events.publish(tx, ANPR_HIT, { ...h, observedAt: new Date(h.observedAt).toISOString(), createdAt: new Date(h.createdAt).toISOString() });
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

interface Matcher {
  events: Events;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
  stopped: boolean;
}
const matchers = new WeakMap<Database, Matcher>();

/** After a commit: drain the queue shortly, off the answering request. One drain at a time per database. */
export function matchSoon(database: Database, events: Events): void {
  let m = matchers.get(database);
  if (!m) matchers.set(database, (m = { events, again: false, stopped: false }));
  if (m.stopped) return;
  if (m.running) {
    m.again = true;
    return;
  }
  if (m.timer) return;
  const matcher = m;
  matcher.timer = setTimeout(() => {
    matcher.timer = undefined;
    matcher.running = (async () => {
      do {
        matcher.again = false;
        // a failure leaves the batches queued: the interval drain (index.ts) retries them
        await drainMatchQueue(database, matcher.events).catch((e) => console.error('[anpr] hotlist matching failed:', e instanceof Error ? e.message : e));
      } while (matcher.again && !matcher.stopped);
    })().finally(() => (matcher.running = undefined));
  }, DELAY_MS);
  matcher.timer.unref();
}

/** On shutdown: no new drains; the running one finishes. */
export async function stopMatching(database: Database): Promise<void> {
  const m = matchers.get(database);
  if (!m) return;
  m.stopped = true;
  clearTimeout(m.timer);
  await m.running;
}

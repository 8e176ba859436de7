// Events for subscriptions and cross-subgraph effects, through a durable outbox.
// publish() writes into the caller's transaction, so an event exists only if its data committed.
// NOTIFY (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite) only wakes readers up; a poll covers
// notifications lost while a reader was away, and durable consumers resume from their stored position.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { toPgArray, type Database, type Queryable, type Tx } from '@hub/db';
import { outbox } from './db/schema.js';
import { DURABLE_TOPICS, type Topic, type TopicPayloads } from './contracts.js';

export const EVENTS_CHANNEL = 'hub_events';
const HELD_BACK_RETRY_MS = 10;
const HELD_BACK_MAX_MS = 250;
const MIGRATIONS = fileURLToPath(new URL('./db/migrations', import.meta.url));

export interface HubEvent<T = unknown, K extends string = string> {
  id: number;
  tx: number;
  topic: K;
  payload: T;
  createdAt: Date;
}

/** An event of one of the topics `K`: checking `e.topic` narrows `e.payload` to that topic's payload. */
export type TopicEvent<K extends Topic> = { [T in K]: HubEvent<TopicPayloads[T], T> }[K];

type Durable = { name: string; topics: readonly Topic[]; handler: (tx: Tx, e: HubEvent) => Promise<void> };

/** `and topic in (…)` for a reader limited to some topics; nothing for one that reads them all. */
const topicFilter = (topics?: readonly string[]) =>
  topics ? sql`and topic in (${sql.join(topics.map((t) => sql`${t}`), sql`, `)})` : sql``;

/** An outbox position: events are delivered in (tx, id) order, so a resume point is both. */
export type Position = { tx: number; id: number };

/** The position as subscribers see it (`cursor` / `after`): "tx:id". */
export const positionCursor = (p: Position) => `${p.tx}:${p.id}`;
/** A cursor back to a position; undefined when it is not one. */
export function parsePositionCursor(cursor: string): Position | undefined {
  const m = /^(\d{1,18}):(\d{1,18})$/.exec(cursor);
  return m ? { tx: Number(m[1]), id: Number(m[2]) } : undefined;
}

export interface EventsOptions {
  /** Safety-net poll when no NOTIFY arrives (ms). */
  pollMs?: number;
  batchSize?: number;
  onError?: (err: unknown, where: string) => void;
  /** Live-only events older than this are pruned from the outbox (default one day; 0 keeps them). */
  keepLiveMs?: number;
  /** Topics durable consumers may use, kept forever (default: contracts.ts DURABLE_TOPICS). */
  durableTopics?: readonly string[];
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 10_000;

export class Events {
  private live = new Map<string, Set<(e: HubEvent) => void>>();
  private livePos: Position | undefined;
  private durable: Durable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Committed events seen but not yet deliverable (an older transaction still runs). */
  private heldBack = false;
  private retry: NodeJS.Timeout | undefined;
  private heldBackDelay = HELD_BACK_RETRY_MS;
  /** Topics kept in the outbox for replay (durable consumers may use only these). */
  private readonly kept: readonly string[];
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly opts: EventsOptions = {},
  ) {
    this.kept = opts.durableTopics ?? DURABLE_TOPICS;
  }

  /** Create the outbox tables (idempotent; safe to call from every subgraph at boot). */
  async migrate(): Promise<void> {
    await this.database.migrate({ migrationsFolder: MIGRATIONS, schema: 'events' });
  }

  /** Write an event inside the caller's transaction; it becomes visible only if that transaction commits. */
  async publish<K extends Topic>(tx: Queryable, topic: K, payload: TopicPayloads[K]): Promise<void> {
    await tx.insert(outbox).values({ topic, payload });
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${topic})`);
  }

  /** Live delivery to this process (GraphQL subscriptions): events committed from now on. */
  onLive<K extends Topic>(topic: K, cb: (e: TopicEvent<K>) => void): () => void {
    let set = this.live.get(topic);
    if (!set) this.live.set(topic, (set = new Set()));
    const listener = cb as (e: HubEvent) => void; // the outbox row of this topic carries its payload
    set.add(listener);
    return () => set!.delete(listener);
  }

  /**
   * Committed events of `topic` after `after`, in delivery order (a subscriber resuming after a
   * dropped connection). Live-only topics are pruned after `keepLiveMs`: older gaps are gone.
   */
  async replay(topic: string, after: Position, limit = 1000): Promise<HubEvent[]> {
    const rows = await this.database.query<{ id: string; tx: string; topic: string; payload: unknown; created_at: string | Date }>(
      sql`select id, tx, topic, payload, created_at from events.outbox
          where (tx, id) > (${after.tx}, ${after.id}) and topic = ${topic}
            and tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
          order by tx, id limit ${limit}`,
    );
    return rows.map(toEvent);
  }

  /**
   * A durable consumer (cross-subgraph effects): each event is handled once, in a transaction that
   * also advances the consumer's position; a consumer that was down catches up from the outbox.
   * Replicas of the same consumer serialise on the position row.
   */
  consume<K extends Topic>(name: string, topics: readonly K[], handler: (tx: Tx, e: TopicEvent<K>) => Promise<void>): void {
    // a topic outside the kept list would be pruned, and a replica rebuilt later would miss it
    const loose = topics.filter((t) => !this.kept.includes(t));
    if (loose.length) throw new Error(`events: add ${loose.join(', ')} to DURABLE_TOPICS (contracts.ts) before consuming it durably`);
    this.durable.push({ name, topics, handler: handler as Durable['handler'] });
  }

  async start(): Promise<void> {
    this.livePos = await this.horizon();
    for (const c of this.durable) {
      await this.database.db.execute(
        sql`insert into events.consumers (name, tx, id) values (${c.name}, 0, 0) on conflict (name) do nothing`,
      );
    }
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, () => this.kick());
    const poll = this.opts.pollMs ?? 1000;
    this.timer = setInterval(() => this.kick(), poll);
    this.timer.unref();
    this.kick();
    const keep = this.opts.keepLiveMs ?? DAY_MS;
    if (keep > 0) {
      this.pruner = setInterval(() => this.pruneLive(new Date(Date.now() - keep)).catch((err) => this.report(err, 'prune')), PRUNE_EVERY_MS);
      this.pruner.unref();
    }
  }

  /**
   * Deletes live-only events (topics outside DURABLE_TOPICS) created before `before`, in batches:
   * their subscribers got them long ago, and nobody replays them. Returns how many went.
   */
  async pruneLive(before: Date): Promise<number> {
    let pruned = 0;
    for (;;) {
      const rows = await this.database.query<{ id: string }>(
        sql`delete from events.outbox where id in (
              select id from events.outbox where created_at < ${before.toISOString()}::timestamptz
                and topic <> all(${toPgArray(this.kept)}::text[]) limit ${PRUNE_BATCH})
            returning id`,
      );
      pruned += rows.length;
      if (rows.length < PRUNE_BATCH) return pruned;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    if (this.pruner) clearInterval(this.pruner);
    await this.unlisten?.().catch(() => {});
    await this.draining;
  }

  /**
   * Wait until every event committed before this call has been delivered, live and to every durable
   * consumer (boot, tests, graceful shutdown). Readers only take rows of finished transactions
   * (tx < the cluster's oldest running transaction), so a long transaction anywhere in the cluster
   * can hold delivery back: this waits for it, up to `timeoutMs`.
   */
  async flush(timeoutMs = 15_000): Promise<void> {
    const [top] = await this.database.query<{ id: string | null }>(sql`select max(id)::text as id from events.outbox`);
    const target = Number(top?.id ?? 0);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.kick();
      while (this.draining) await this.draining;
      if (target === 0 || (await this.deliveredUpTo(target))) return;
      if (Date.now() > deadline) throw new Error(`events: not delivered up to ${target} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async deliveredUpTo(target: number): Promise<boolean> {
    const behind = async (pos: Position, topics?: readonly string[]) => {
      const [r] = await this.database.query<{ n: number }>(
        sql`select count(*)::int as n from events.outbox where id <= ${target} and (tx, id) > (${pos.tx}, ${pos.id}) ${topicFilter(topics)}`,
      );
      return r!.n > 0;
    };
    if (this.livePos && (await behind(this.livePos))) return false;
    for (const c of this.durable) {
      const [p] = await this.database.query<{ tx: string; id: string }>(sql`select tx, id from events.consumers where name = ${c.name}`);
      if (p && (await behind({ tx: Number(p.tx), id: Number(p.id) }, c.topics))) return false;
    }
    return true;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        this.heldBack = false;
        try {
          await this.drainLive();
          for (const c of this.durable) await this.drainDurable(c);
        } catch (err) {
          this.report(err, 'drain');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.draining = undefined;
      // A committed event waits only for the older transactions still running (usually a few ms):
      // look again soon rather than at the next NOTIFY or poll, which may be a second away.
      // Backing off (10, 20, 40 … ms, at most 250 ms or the poll) while it stays held back: an idle
      // open transaction somewhere in the cluster must not make every process query 100 times a second.
      if (!this.heldBack) this.heldBackDelay = HELD_BACK_RETRY_MS;
      else if (!this.stopped && !this.retry) {
        const delay = this.heldBackDelay;
        this.heldBackDelay = Math.min(delay * 2, HELD_BACK_MAX_MS, this.opts.pollMs ?? 1000);
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.kick();
        }, delay);
        this.retry.unref();
      }
    });
  }

  /**
   * The position now: every event after it is committed later or by a transaction still running.
   * Read with a snapshot of the data, it lets a subscriber resume from that snapshot without a gap.
   */
  position(): Promise<Position> {
    return this.horizon();
  }

  /** Everything of transactions finished before now counts as already delivered. */
  private async horizon(): Promise<Position> {
    const [row] = await this.database.query<{ xmin: string }>(
      sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
    );
    return { tx: Number(row!.xmin) - 1, id: Number.MAX_SAFE_INTEGER };
  }

  private batch(pos: Position, topics: readonly string[] | undefined, on?: Queryable) {
    const limit = this.opts.batchSize ?? 500;
    return this.database.query<{ id: string; tx: string; topic: string; payload: unknown; created_at: string | Date }>(
      sql`select id, tx, topic, payload, created_at from events.outbox
          where (tx, id) > (${pos.tx}, ${pos.id})
            and tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ${topicFilter(topics)}
          order by tx, id limit ${limit}`,
      on,
    );
  }

  private async drainLive(): Promise<void> {
    // Drained even with nobody listening: jumping the position forward later could skip a
    // transaction that commits meanwhile.
    if (!this.livePos) return;
    for (;;) {
      const rows = await this.batch(this.livePos, undefined);
      for (const r of rows) {
        const e = toEvent(r);
        this.livePos = { tx: e.tx, id: e.id };
        for (const cb of this.live.get(e.topic) ?? []) {
          try {
            cb(e);
          } catch (err) {
            this.report(err, `live:${e.topic}`);
          }
        }
      }
      if (rows.length < (this.opts.batchSize ?? 500)) return this.checkHeldBack(this.livePos);
    }
  }

  /** Whether committed events after `pos` exist that the horizon still holds back. */
  private async checkHeldBack(pos: Position, topics?: readonly string[]): Promise<void> {
    if (this.heldBack) return;
    const [r] = await this.database.query<{ held: boolean }>(
      sql`select exists (select 1 from events.outbox where (tx, id) > (${pos.tx}, ${pos.id})
            and tx >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint ${topicFilter(topics)}) as held`,
    );
    this.heldBack = r!.held;
  }

  private async drainDurable(c: Durable) {
    for (;;) {
      const handled = await this.database.db.transaction(async (tx) => {
        const [pos] = await this.database.query<{ tx: string; id: string }>(
          sql`select tx, id from events.consumers where name = ${c.name} for update`,
          tx,
        );
        let p: Position = { tx: Number(pos!.tx), id: Number(pos!.id) };
        const rows = await this.batch(p, c.topics, tx);
        for (const r of rows) {
          const e = toEvent(r);
          await c.handler(tx, e);
          p = { tx: e.tx, id: e.id };
        }
        if (rows.length > 0) {
          await tx.execute(sql`update events.consumers set tx = ${p.tx}, id = ${p.id}, updated_at = now() where name = ${c.name}`);
        }
        return { n: rows.length, at: p };
      });
      if (handled.n < (this.opts.batchSize ?? 500)) return this.checkHeldBack(handled.at, c.topics);
    }
  }

  private report(err: unknown, where: string) {
    if (this.opts.onError) this.opts.onError(err, where);
    else console.error(`[events] ${where}:`, err instanceof Error ? err.message : err);
  }
}

function toEvent(r: { id: string; tx: string; topic: string; payload: unknown; created_at: string | Date }): HubEvent {
  return { id: Number(r.id), tx: Number(r.tx), topic: r.topic, payload: r.payload, createdAt: new Date(r.created_at) };
}
export * from './contracts.js';

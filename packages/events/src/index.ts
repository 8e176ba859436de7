// Events for subscriptions and cross-subgraph effects, through a durable outbox.
// publish() writes into the caller's transaction, so an event exists only if its data committed.
// NOTIFY (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite) only wakes readers up; a poll covers
// notifications lost while a reader was away, and durable consumers resume from their stored position.
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { toPgArray, type Database, type Queryable, type Tx } from '@hub/db';
import {
  errorFields,
  eventErrors,
  eventsConsumed,
  eventsDeliveredLive,
  eventsPublished,
  logger,
  outboxPruned,
  registerLagSource,
} from '@hub/observability';
import { outbox } from './db/schema.js';
import { COMPACTION_KEYS, DURABLE_TOPICS, type Topic, type TopicPayloads } from './contracts.js';

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
  topics
    ? sql`and topic in (${sql.join(
        topics.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;

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
  /** Topics durable consumers may use, kept until every reader passed them (default: contracts.ts DURABLE_TOPICS). */
  durableTopics?: readonly string[];
  /**
   * Durable events every reader has passed are pruned once older than this (default 7 days; 0 keeps
   * them). The latest event of each key of a compacted topic (contracts.ts COMPACTION_KEYS: a camera,
   * a municipality) is kept whatever its age: replaying those rebuilds a replica.
   */
  keepDurableMs?: number;
}

/** What readiness reports about event delivery in this process. */
export interface EventsHealth {
  started: boolean;
  /** The last drain failed (the database is away, a consumer throws): since when, and why. */
  failingSince: Date | null;
  lastError: string | null;
  /** When a drain last finished without error. */
  lastDrainAt: Date | null;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
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
  private unregisterLag: (() => void) | undefined;
  private health: EventsHealth = { started: false, failingSince: null, lastError: null, lastDrainAt: null };

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
    eventsPublished.inc({ topic });
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
    const rows = await this.database.query<{
      id: string;
      tx: string;
      topic: string;
      payload: unknown;
      created_at: string | Date;
    }>(
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
  consume<K extends Topic>(
    name: string,
    topics: readonly K[],
    handler: (tx: Tx, e: TopicEvent<K>) => Promise<void>,
  ): void {
    // a topic outside the kept list would be pruned, and a replica rebuilt later would miss it
    const loose = topics.filter((t) => !this.kept.includes(t));
    if (loose.length)
      throw new Error(`events: add ${loose.join(', ')} to DURABLE_TOPICS (contracts.ts) before consuming it durably`);
    this.durable.push({ name, topics, handler: handler as Durable['handler'] });
  }

  async start(): Promise<void> {
    this.livePos = await this.horizon();
    for (const c of this.durable) {
      await this.database.db.execute(
        sql`insert into events.consumers (name, tx, id, topics) values (${c.name}, 0, 0, ${toPgArray(c.topics)}::text[])
            on conflict (name) do update set topics = excluded.topics`,
      );
    }
    this.health.started = true;
    if (this.durable.length) this.unregisterLag = registerLagSource(() => this.lag());
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, () => this.kick());
    const poll = this.opts.pollMs ?? 1000;
    this.timer = setInterval(() => this.kick(), poll);
    this.timer.unref();
    this.kick();
    const keep = this.opts.keepLiveMs ?? DAY_MS;
    const keepDurable = this.opts.keepDurableMs ?? WEEK_MS;
    this.pruner = setInterval(() => {
      const now = Date.now();
      void (async () => {
        if (keep > 0) await this.pruneLive(new Date(now - keep));
        if (keepDurable > 0) await this.pruneDurable(new Date(now - keepDurable));
      })().catch((err) => this.report(err, 'prune'));
    }, PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  /** Event delivery as readiness sees it. */
  status(): EventsHealth {
    return { ...this.health };
  }

  /**
   * Per durable consumer of this process: the age of the oldest outbox event of its topics it has
   * not applied (0 when caught up) and how many are pending (hub_events_consumer_lag_seconds).
   */
  async lag(): Promise<Array<{ consumer: string; seconds: number; pending: number }>> {
    const out = [];
    for (const c of this.durable) {
      const [r] = await this.database.query<{ seconds: number | null; pending: number }>(
        sql`select extract(epoch from now() - min(o.created_at))::float8 as seconds, count(*)::int as pending
            from events.outbox o, events.consumers c
            where c.name = ${c.name} and (o.tx, o.id) > (c.tx, c.id) ${topicFilter(c.topics)}`,
      );
      out.push({ consumer: c.name, seconds: Math.max(0, r?.seconds ?? 0), pending: r?.pending ?? 0 });
    }
    return out;
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
      outboxPruned.inc({ kind: 'live' }, rows.length);
      if (rows.length < PRUNE_BATCH) return pruned;
    }
  }

  /**
   * Deletes durable events created before `before` that every registered reader of their topic has
   * passed (events.consumers: a row whose topics are unknown counts as reading all), except the
   * latest event of each key of a compacted topic (COMPACTION_KEYS): that is the snapshot a new or
   * renamed consumer replays to rebuild its replica. A retired consumer's row holds pruning back
   * until it is removed (retireConsumer). Returns how many went.
   */
  async pruneDurable(before: Date): Promise<number> {
    const keyed = Object.entries(COMPACTION_KEYS);
    // the key of a compacted topic's event; null for the other topics (never superseded, only passed)
    const keyOf = (alias: string) =>
      keyed.length
        ? sql`case ${sql.join(
            keyed.map(
              ([topic, field]) =>
                sql`when ${sql.raw(alias)}.topic = ${topic} then ${sql.raw(alias)}.payload->>${field}`,
            ),
            sql` `,
          )} end`
        : sql`null`;
    let pruned = 0;
    for (;;) {
      const rows = await this.database.query<{ id: string }>(
        sql`delete from events.outbox where id in (
              select o.id from events.outbox o
              where o.created_at < ${before.toISOString()}::timestamptz
                and o.topic = any(${toPgArray(this.kept)}::text[])
                and not exists (select 1 from events.consumers c
                                where (c.topics is null or o.topic = any(c.topics)) and (o.tx, o.id) > (c.tx, c.id))
                and (${keyOf('o')} is null
                     or exists (select 1 from events.outbox n where n.topic = o.topic and (n.tx, n.id) > (o.tx, o.id)
                                  and ${keyOf('n')} = ${keyOf('o')}))
              limit ${PRUNE_BATCH})
            returning id`,
      );
      pruned += rows.length;
      outboxPruned.inc({ kind: 'durable' }, rows.length);
      if (rows.length < PRUNE_BATCH) return pruned;
    }
  }

  /** Forget a consumer whose code is gone (renamed, removed): its position no longer holds pruning back. */
  async retireConsumer(name: string): Promise<void> {
    await this.database.query(sql`delete from events.consumers where name = ${name}`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    if (this.pruner) clearInterval(this.pruner);
    this.unregisterLag?.();
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
      const [p] = await this.database.query<{ tx: string; id: string }>(
        sql`select tx, id from events.consumers where name = ${c.name}`,
      );
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
          this.health.failingSince = null;
          this.health.lastError = null;
          this.health.lastDrainAt = new Date();
        } catch (err) {
          this.health.failingSince ??= new Date();
          this.health.lastError = err instanceof Error ? err.message : String(err);
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
        const listeners = this.live.get(e.topic);
        if (listeners?.size) eventsDeliveredLive.inc({ topic: e.topic }, listeners.size);
        for (const cb of listeners ?? []) {
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
          await tx.execute(
            sql`update events.consumers set tx = ${p.tx}, id = ${p.id}, updated_at = now() where name = ${c.name}`,
          );
        }
        return { n: rows.length, at: p };
      });
      if (handled.n) eventsConsumed.inc({ consumer: c.name }, handled.n);
      if (handled.n < (this.opts.batchSize ?? 500)) return this.checkHeldBack(handled.at, c.topics);
    }
  }

  private report(err: unknown, where: string) {
    eventErrors.inc({ where: where.split(':')[0]! });
    if (this.opts.onError) this.opts.onError(err, where);
    else logger().error({ component: 'events', where, ...errorFields(err) }, 'event delivery failed');
  }
}

function toEvent(r: { id: string; tx: string; topic: string; payload: unknown; created_at: string | Date }): HubEvent {
  return { id: Number(r.id), tx: Number(r.tx), topic: r.topic, payload: r.payload, createdAt: new Date(r.created_at) };
}
export * from './contracts.js';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@hub/db';
import { describeEachDriver } from '@hub/db/testing';
import { CAMERA_REGISTERED, Events, type CameraRegisteredPayload, type HubEvent, type TopicEvent } from './index.js';

// this suite's own topics, typed like every other
declare module './contracts.js' {
  interface TopicPayloads {
    'thing.created': { id: number };
    'thing.held': { n: number };
    'thing.live-only': { n: number };
    'order.placed': { n: number };
    'other.topic': { n: number };
  }
}

await describeEachDriver('events outbox', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await driver.open();
    await new Events(database).migrate();
    await database.db.execute(sql`create table if not exists public.things (id int primary key)`);
  });
  afterAll(async () => database.close());

  const waitFor = async (pred: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  describe('events outbox', () => {
    it('delivers committed events live and never those of a rolled-back transaction', async () => {
      const ev = new Events(database, { pollMs: 200 });
      await ev.start();
      const got: TopicEvent<'thing.created'>[] = [];
      ev.onLive('thing.created', (e) => got.push(e));
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into public.things values (1)`);
        await ev.publish(tx, 'thing.created', { id: 1 });
      });
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into public.things values (2)`);
          await ev.publish(tx, 'thing.created', { id: 2 });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await database.db.transaction(async (tx) => ev.publish(tx, 'thing.created', { id: 3 }));
      await waitFor(() => got.length >= 2);
      await ev.flush();
      expect(got.map((e) => e.payload.id)).toEqual([1, 3]);
      await ev.stop();
    });

    it('a durable consumer that was down catches up and handles each event once', async () => {
      const handled: number[] = [];
      const mk = () => {
        const ev = new Events(database, { pollMs: 100, batchSize: 2, durableTopics: ['order.placed'] });
        ev.consume('test-consumer', ['order.placed'], async (tx, e) => {
          // the effect is written in the consumer's transaction
          await tx.execute(sql`insert into public.things values (${e.payload.n}) on conflict do nothing`);
          handled.push(e.payload.n);
        });
        return ev;
      };
      const first = mk();
      await first.start();
      await database.db.transaction(async (tx) => first.publish(tx, 'order.placed', { n: 100 }));
      await waitFor(() => handled.length === 1);
      await first.stop();

      // published while the consumer is down: NOTIFY is lost, the outbox is not
      const publisher = new Events(database, { durableTopics: ['order.placed'] });
      for (const n of [101, 102, 103, 104, 105]) {
        await database.db.transaction(async (tx) =>
          publisher.publish(tx, n % 2 ? 'order.placed' : 'order.placed', { n }),
        );
      }
      await database.db.transaction(async (tx) => publisher.publish(tx, 'other.topic', { n: 999 }));

      const second = mk();
      await second.start();
      await waitFor(() => handled.length === 6);
      await second.flush();
      expect(handled).toEqual([100, 101, 102, 103, 104, 105]);
      const rows = await database.query<{ n: number }>(
        sql`select count(*)::int as n from public.things where id between 100 and 105`,
      );
      expect(rows[0]!.n).toBe(6);
      await second.stop();
    });

    it('an event held back by an older open transaction is delivered as soon as that one ends, not at the next poll', async () => {
      const ev = new Events(database, { pollMs: 600_000 }); // the poll cannot be what delivers it
      await ev.start();
      const got: HubEvent[] = [];
      ev.onLive('thing.held', (e) => got.push(e));
      if (database.driver === 'pglite') {
        // one connection: transactions cannot overlap, so nothing is ever held back; NOTIFY delivers
        await database.db.transaction(async (tx) => ev.publish(tx, 'thing.held', { n: 1 }));
        await waitFor(() => got.length === 1);
      } else {
        await database.db.transaction(async (older) => {
          await older.execute(sql`select pg_current_xact_id()`); // takes an xid now, older than the publisher's
          await database.db.transaction(async (tx) => ev.publish(tx, 'thing.held', { n: 1 }));
          await new Promise((r) => setTimeout(r, 300));
          // committed, but an older transaction could still commit an event before it
          expect(got).toHaveLength(0);
        });
        // the older one ended without NOTIFY (it published nothing); other test files' transactions in
        // the same cluster may still hold the horizon a while, but the poll (10 min) is not what delivers
        await waitFor(() => got.length === 1, 20_000);
      }
      expect(got[0]!.payload).toEqual({ n: 1 });
      await ev.stop();
    });

    it('prunes old live-only events and keeps every event a replica is rebuilt from', async () => {
      const ev = new Events(database);
      await database.db.transaction(async (tx) => {
        await ev.publish(tx, 'thing.live-only', { n: 1 });
        await ev.publish(tx, CAMERA_REGISTERED, { id: 'cam-prune-test' } as CameraRegisteredPayload);
      });
      const count = async (topic: string) =>
        (
          await database.query<{ n: number }>(sql`select count(*)::int as n from events.outbox where topic = ${topic}`)
        )[0]!.n;
      expect(await ev.pruneLive(new Date(Date.now() - 60_000))).toBe(0); // not old enough yet
      expect(await count('thing.live-only')).toBe(1);
      expect(await ev.pruneLive(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
      expect(await count('thing.live-only')).toBe(0);
      expect(await count(CAMERA_REGISTERED)).toBeGreaterThanOrEqual(1);
    });

    it('prunes durable events every reader passed, keeps the latest of each camera for a rebuild, and reports lag', async () => {
      const kept = [CAMERA_REGISTERED, 'order.placed'] as const;
      const cam = (id: string, areaId: string) => ({
        id,
        municipality: '0363',
        areaId,
        kind: 'FIXED',
        latitude: 52,
        longitude: 4,
        covert: false,
      });
      const publisher = new Events(database, { durableTopics: kept });
      await publisher.retireConsumer('test-consumer'); // the earlier test's reader: gone with its code
      await database.query(sql`delete from events.outbox where topic = any(${'{' + kept.join(',') + '}'}::text[])`);
      await database.db.transaction(async (tx) => {
        await publisher.publish(tx, CAMERA_REGISTERED, cam('cam-a', 'v1'));
        await publisher.publish(tx, 'order.placed', { n: 1 });
      });
      await database.db.transaction(async (tx) => {
        await publisher.publish(tx, CAMERA_REGISTERED, cam('cam-a', 'v2')); // supersedes cam-a v1
        await publisher.publish(tx, CAMERA_REGISTERED, cam('cam-b', 'v1'));
        await publisher.publish(tx, 'order.placed', { n: 2 });
      });
      const left = async () =>
        (
          await database.query<{ t: string; k: string }>(
            sql`select topic as t, coalesce(payload->>'id', payload->>'n') || coalesce(':' || (payload->>'areaId'), '') as k
            from events.outbox where topic = any(${'{' + kept.join(',') + '}'}::text[]) order by id`,
          )
        ).map((r) => r.k);
      const mkReader = (name: string, seen: string[]) => {
        const ev = new Events(database, { pollMs: 100, durableTopics: kept });
        ev.consume(name, kept, async (_tx, e) => {
          seen.push(e.topic === CAMERA_REGISTERED ? `${e.payload.id}:${e.payload.areaId}` : String(e.payload.n));
        });
        return ev;
      };
      const seen: string[] = [];
      const reader = mkReader('prune-reader', seen);
      // registered (its row exists) but not yet run: nothing of its topics may go
      await database.query(
        sql`insert into events.consumers (name, tx, id, topics) values ('prune-reader', 0, 0, ${'{' + kept.join(',') + '}'}::text[]) on conflict (name) do update set tx = 0, id = 0`,
      );
      expect(await publisher.pruneDurable(new Date(Date.now() + 60_000))).toBe(0);
      const [lagging] = await reader.lag();
      expect(lagging).toMatchObject({ consumer: 'prune-reader', pending: 5 });
      expect(lagging!.seconds).toBeGreaterThanOrEqual(0);

      await reader.start();
      await reader.flush();
      expect(seen).toEqual(['cam-a:v1', '1', 'cam-a:v2', 'cam-b:v1', '2']);
      expect(await reader.lag()).toEqual([{ consumer: 'prune-reader', seconds: 0, pending: 0 }]);
      expect(await publisher.pruneDurable(new Date(Date.now() - 60_000))).toBe(0); // passed, but inside the window
      expect(await publisher.pruneDurable(new Date(Date.now() + 60_000))).toBe(3);
      expect(await left()).toEqual(['cam-a:v2', 'cam-b:v1']);

      // a reader whose topics are unknown (a row from before they were recorded) holds everything back
      await database.query(sql`insert into events.consumers (name, tx, id) values ('legacy-reader', 0, 0)`);
      await database.db.transaction(async (tx) => publisher.publish(tx, 'order.placed', { n: 3 }));
      await reader.flush();
      expect(await publisher.pruneDurable(new Date(Date.now() + 60_000))).toBe(0);
      await publisher.retireConsumer('legacy-reader');
      expect(await publisher.pruneDurable(new Date(Date.now() + 60_000))).toBe(1);
      await reader.stop();

      // a new consumer rebuilds its replica from what is left: the latest state of every camera
      const rebuilt: string[] = [];
      const fresh = mkReader('prune-rebuild', rebuilt);
      await fresh.start();
      await fresh.flush();
      expect(rebuilt).toEqual(['cam-a:v2', 'cam-b:v1']);
      await fresh.stop();
      await publisher.retireConsumer('prune-reader');
      await publisher.retireConsumer('prune-rebuild');
    });

    it('refuses a durable consumer of a topic that is not kept (it would be pruned before a new replica replays it)', () => {
      const ev = new Events(database);
      expect(() => ev.consume('loose', ['thing.live-only'], async () => {})).toThrow(/DURABLE_TOPICS/);
      expect(() => ev.consume('fine', [CAMERA_REGISTERED], async () => {})).not.toThrow();
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { openDatabase, type Database, type Tx } from '@hub/db';
import { describeEachDriver, testPostgresUrl } from '@hub/db/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuditLimitError,
  AuditLog,
  AuditTextError,
  GENESIS_HASH,
  LOGIN_ACTION,
  MAX_ENTRIES_PER_REQUEST,
  MAX_PAGE,
  auditKeysFrom,
  entryHash,
  headSignatureValid,
  logTextProblem,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
} from './index.js';
import { entries } from './db/schema.js';

// One suite, both drivers, in one run (@hub/db/testing): the driver is in every test's title.
await describeEachDriver('audit log', (driver) => {
  let database: Database;
  let log: AuditLog;

  beforeAll(async () => {
    database = await driver.open();
    log = new AuditLog(database);
    await log.migrate();
    await log.migrate(); // idempotent
  });
  afterAll(async () => database.close());

  /** Run as someone with table rights who switches the append-only trigger off (what the chain must expose). */
  async function tamper(fn: (tx: Tx) => Promise<unknown>): Promise<void> {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit.entries disable trigger entries_append_only`);
      await fn(tx);
      await tx.execute(sql`alter table audit.entries enable trigger entries_append_only`);
    });
  }

  // Each test starts from an empty log.
  beforeEach(async () => tamper((tx) => tx.execute(sql`truncate audit.entries`)));

  const BASE = Date.UTC(2026, 2, 1, 8, 0, 0, 0);
  const police = (sub = 'agent-1'): Actor => ({ kind: 'police', sub, org: 'PZ-Noord' });
  const TRICKY = ['a"b', 'back\\slash', 'com,ma', '{brace}', 'NULL', '', 'ünï 🎥', 'line\nbreak', ' spaced '];
  // a purpose is visible text (text.ts): the tricky ones that are
  const TRICKY_PURPOSES = TRICKY.filter((t) => logTextProblem('purpose', t) === null);

  function input(i: number, over: Partial<AuditInput> = {}): AuditInput {
    return {
      actor: police(`agent-${i % 4}`),
      action: 'footage.view',
      subjectType: 'Footage',
      subjectIds: [`f${i}`],
      purpose: `case ${i}`,
      at: new Date(BASE + i * 1001 + (i % 7)),
      ...over,
    };
  }

  async function seed(n: number): Promise<AuditEntry[]> {
    return database.db.transaction((tx) =>
      log.appendMany(
        tx,
        Array.from({ length: n }, (_, i) => input(i + 1)),
      ),
    );
  }

  async function allSeqs(): Promise<number[]> {
    const rows = await database.query<{ seq: string | number }>(sql`select seq from audit.entries order by seq`);
    return rows.map((r) => Number(r.seq));
  }

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  /** The database's message, through drizzle's query-error wrapper. */
  async function refusal(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (err) {
      const e = err as Error & { cause?: Error };
      return `${e.message} ${e.cause?.message ?? ''}`;
    }
    throw new Error('expected the statement to be refused');
  }

  describe('append', () => {
    it('verifies an empty log', async () => {
      expect(await log.verify()).toEqual({
        ok: true,
        checked: 0,
        firstBadSeq: null,
        problem: null,
        detail: null,
        fromSeq: 1,
        verifiedThrough: null,
      });
    });

    it('appends nothing when the audited transaction rolls back, and numbers on without a gap', async () => {
      const abort = (i: number) =>
        database.db.transaction(async (tx) => {
          await log.append(tx, input(i));
          throw new Error('abort');
        });
      await expect(abort(1)).rejects.toThrow('abort');
      expect(await allSeqs()).toEqual([]);
      expect((await log.verify()).ok).toBe(true);

      const first = await database.db.transaction((tx) => log.append(tx, input(2)));
      expect(first.seq).toBe(1);
      expect(first.prevHash).toBe(GENESIS_HASH);
      expect(first.hash).toBe(entryHash(first, log.keys.chainKey));
      expect(first.hash).not.toBe(entryHash(first)); // keyed: not the plain sha256
      expect(first.keyId).toBe(log.keys.keyId);
      expect(first).toMatchObject({
        actorKind: 'police',
        actorSub: 'agent-2',
        actorOrg: 'PZ-Noord',
        purpose: 'case 2',
      });

      await expect(abort(3)).rejects.toThrow('abort');
      const second = await database.db.transaction((tx) => log.append(tx, input(4)));
      expect(second.seq).toBe(2);
      expect(second.prevHash).toBe(first.hash);
      expect(await log.verify()).toEqual({
        ok: true,
        checked: 2,
        firstBadSeq: null,
        problem: null,
        detail: null,
        fromSeq: 1,
        verifiedThrough: { seq: 2, hash: second.hash },
      });
    });

    it('chains 300 entries (singles and appendMany) that read back exactly and verify in batches', async () => {
      const made: AuditEntry[] = [];
      for (let i = 1; i <= 150; i++) {
        const over: Partial<AuditInput> =
          i % 3 === 0
            ? { purpose: null, actor: { kind: 'public', sub: 'anonymous' } }
            : i % 3 === 1
              ? { subjectIds: TRICKY, purpose: TRICKY_PURPOSES[i % TRICKY_PURPOSES.length] }
              : { purpose: undefined, subjectIds: [] };
        made.push(await database.db.transaction((tx) => log.append(tx, input(i, over))));
      }
      // a date before 1970 and one with a full millisecond part
      made.push(await log.append(database.db, input(151, { at: new Date(-1_234_567_891) })));
      made.push(await log.append(database.db, input(152, { at: new Date(BASE + 999) })));
      for (let b = 0; b < 37; b++) {
        const batch = Array.from({ length: 4 }, (_, k) => input(153 + b * 4 + k));
        made.push(...(await database.db.transaction((tx) => log.appendMany(tx, batch))));
      }
      expect(made.map((e) => e.seq)).toEqual(range(1, 300));
      for (const [i, e] of made.entries()) expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : made[i - 1]!.hash);
      expect(made[150]!.at.toISOString()).toBe(new Date(-1_234_567_891).toISOString());

      // What list() reads back is exactly what append() returned (dates, arrays, nulls).
      const read: AuditEntry[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await log.list({}, 100, after);
        read.push(...page.entries);
        if (!page.hasNextPage) break;
        after = page.entries.at(-1)!.seq;
      }
      expect(read.reverse()).toEqual(made);

      expect(await log.verify({ batchSize: 37 })).toEqual({
        ok: true,
        checked: 300,
        firstBadSeq: null,
        problem: null,
        detail: null,
        fromSeq: 1,
        verifiedThrough: { seq: 300, hash: made[299]!.hash },
      });
      expect((await log.verify()).checked).toBe(300);
    });

    it('rejects input that could not be stored and hashed unchanged', async () => {
      await expect(log.append(database.db, input(1, { at: new Date(NaN) }))).rejects.toThrow('valid Date');
      await expect(log.append(database.db, input(1, { action: '' }))).rejects.toThrow('action');
      await expect(log.append(database.db, input(1, { subjectIds: ['a\0b'] }))).rejects.toThrow('NUL');
      await expect(log.append(database.db, input(1, { purpose: 'x\uD800y' }))).rejects.toThrow('surrogate');
      expect(await allSeqs()).toEqual([]);
    });

    it('refuses a purpose that is not visible text, in a transaction or on its own, and writes nothing', async () => {
      for (const purpose of ['\u200B\u200B\u200B', '\u0001\u0002', 'PL\u202E0900', 'case\n12', ' - ']) {
        const refused = await log.append(database.db, input(1, { purpose })).catch((e: unknown) => e);
        expect(refused, JSON.stringify(purpose)).toBeInstanceOf(AuditTextError);
        expect((refused as AuditTextError).extensions.code).toBe('BAD_USER_INPUT');
        // inside the audited action's transaction: the whole action rolls back
        await expect(
          database.db.transaction(async (tx) => {
            await log.append(tx, input(2, { purpose }));
          }),
        ).rejects.toBeInstanceOf(AuditTextError);
      }
      expect(await allSeqs()).toEqual([]);
      expect(logTextProblem('purpose', '案件 2026-12 ünï')).toBeNull();
    });

    it('keeps the chain contiguous under 10 parallel transactions on separate connections', async () => {
      // On PostgreSQL a second pool onto the same database stands in for another process.
      let other: Database | undefined;
      if (database.driver === 'postgres') {
        const [{ db } = { db: '' }] = await database.query<{ db: string }>(sql`select current_database() as db`);
        const url = new URL(testPostgresUrl());
        url.pathname = `/${db}`;
        other = await openDatabase({ url: url.toString(), max: 5 });
      }
      try {
        const pids = new Set<number>();
        const results = await Promise.all(
          range(0, 9).map(async (t) => {
            const on = other && t % 2 ? other : database;
            const appender = new AuditLog(on);
            return on.db.transaction(async (tx) => {
              const [row] = await on.query<{ pid: number }>(sql`select pg_backend_pid() as pid`, tx);
              pids.add(Number(row!.pid));
              const a = await appender.append(tx, input(t * 10, { actor: police(`tx-${t}`) }));
              const more = await appender.appendMany(tx, [input(t * 10 + 1), input(t * 10 + 2)]);
              // Work after appending keeps the lock held: others must wait, not fork.
              await tx.execute(sql`select pg_sleep(0.02)`);
              return [a, ...more];
            });
          }),
        );
        if (database.driver === 'postgres') expect(pids.size).toBeGreaterThan(1);
        // Each transaction's entries are contiguous; together they are 1..30.
        for (const r of results) expect(r.map((e) => e.seq)).toEqual(range(r[0]!.seq, r[0]!.seq + 2));
        expect(
          results
            .flat()
            .map((e) => e.seq)
            .sort((a, b) => a - b),
        ).toEqual(range(1, 30));

        // Called with the database itself, append opens its own transaction: still serialised.
        await Promise.all(
          range(0, 9).map((i) =>
            new AuditLog(other && i % 2 ? other : database).append(
              (other && i % 2 ? other : database).db,
              input(100 + i),
            ),
          ),
        );
        expect(await allSeqs()).toEqual(range(1, 40));
        expect(await log.verify({ batchSize: 7 })).toMatchObject({ ok: true, checked: 40 });
      } finally {
        await other?.close();
      }
    });

    it('groups concurrent audited reads into shared commits, each caller getting back exactly its own entries', async () => {
      const before = (await allSeqs()).length;
      const results = await Promise.all(
        range(0, 49).map((i) =>
          log.appendMany(database.db, i % 5 === 0 ? [input(500 + i), input(600 + i)] : [input(500 + i)]),
        ),
      );
      results.forEach((r, i) => {
        expect(r.map((e) => e.subjectIds[0])).toEqual(i % 5 === 0 ? [`f${500 + i}`, `f${600 + i}`] : [`f${500 + i}`]);
        expect(r.map((e) => e.seq)).toEqual(range(r[0]!.seq, r[0]!.seq + r.length - 1)); // one caller's entries stay contiguous
      });
      expect(
        results
          .flat()
          .map((e) => e.seq)
          .sort((a, b) => a - b),
      ).toEqual(range(before + 1, before + 60));
      expect(await log.verify()).toMatchObject({ ok: true, checked: before + 60 });
      // the first call commits alone; the 49 that arrived meanwhile share the next commit
      const [tx] = await database.query<{ n: number }>(
        sql`select count(distinct xmin::text)::int as n from audit.entries where seq > ${before}`,
      );
      expect(tx!.n).toBe(2);
    });
  });

  describe('append-only', () => {
    it('refuses UPDATE, DELETE and TRUNCATE, even when no row matches', async () => {
      await seed(3);
      for (const q of [
        sql`update audit.entries set purpose = 'x' where seq = 2`,
        sql`delete from audit.entries where seq = 3`,
        sql`delete from audit.entries where false`,
        sql`truncate audit.entries`,
      ]) {
        expect(await refusal(database.db.execute(q))).toMatch(/append-only/);
      }
      expect(await allSeqs()).toEqual([1, 2, 3]);
      expect(await log.verify()).toMatchObject({ ok: true, checked: 3 });
    });
  });

  /** A self-consistent entry, as an insider who knows the algorithm and holds the key would write it. */
  function forgedRow(seq: number, prevHash: string): AuditEntry {
    const row = {
      seq,
      at: new Date(BASE + 5),
      actorKind: 'police',
      actorSub: 'forger',
      actorOrg: null,
      action: 'footage.view',
      subjectType: 'Footage',
      subjectIds: ['f1'],
      purpose: 'forged',
      prevHash,
    };
    return { ...row, hash: entryHash(row, log.keys.chainKey), keyId: log.keys.keyId };
  }

  describe('tampering is found at the exact entry', () => {
    const bad = (problem: string, firstBadSeq: number) => ({
      ok: false,
      problem,
      firstBadSeq,
      checked: firstBadSeq - 1,
    });

    it('an altered purpose, time or hash → ALTERED at that seq', async () => {
      await seed(20);
      await tamper((tx) => tx.execute(sql`update audit.entries set purpose = 'nothing to see' where seq = 7`));
      expect(await log.verify({ batchSize: 5 })).toMatchObject(bad('ALTERED', 7));

      await tamper((tx) => tx.execute(sql`update audit.entries set purpose = 'case 7' where seq = 7`));
      expect((await log.verify()).ok).toBe(true); // restored exactly → intact again

      await tamper((tx) => tx.execute(sql`update audit.entries set at = at + interval '1 millisecond' where seq = 4`));
      expect(await log.verify({ batchSize: 5 })).toMatchObject(bad('ALTERED', 4));

      await tamper((tx) => tx.execute(sql`update audit.entries set hash = ${'f'.repeat(64)} where seq = 2`));
      expect(await log.verify()).toMatchObject(bad('ALTERED', 2));
    });

    it('a deleted entry → MISSING at its seq, also when later entries are renumbered to close the gap', async () => {
      await seed(20);
      await tamper((tx) => tx.execute(sql`delete from audit.entries where seq = 12`));
      expect(await log.verify({ batchSize: 5 })).toMatchObject(bad('MISSING', 12));

      await tamper(async (tx) => {
        await tx.execute(sql`update audit.entries set seq = -seq where seq > 12`);
        await tx.execute(sql`update audit.entries set seq = -seq - 1 where seq < 0`);
      });
      expect(await allSeqs()).toEqual(range(1, 19));
      expect(await log.verify({ batchSize: 5 })).toMatchObject(bad('MISSING', 12));
    });

    it('the first entry deleted → MISSING at 1', async () => {
      await seed(5);
      await tamper((tx) => tx.execute(sql`delete from audit.entries where seq = 1`));
      expect(await log.verify()).toMatchObject(bad('MISSING', 1));
    });

    it('a forged entry spliced in (later entries renumbered) → INSERTED at the forged seq', async () => {
      const seeded = await seed(20);
      await tamper(async (tx) => {
        await tx.execute(sql`update audit.entries set seq = -seq where seq >= 9`);
        await tx.execute(sql`update audit.entries set seq = -seq + 1 where seq < 0`);
        // The forger knows the algorithm and chains it properly to entry 8.
        await tx.insert(entries).values(forgedRow(9, seeded[7]!.hash));
      });
      expect(await allSeqs()).toEqual(range(1, 21));
      expect(await log.verify({ batchSize: 4 })).toMatchObject(bad('INSERTED', 9));
    });

    it('a forged entry with a wrong prevHash → INSERTED at its seq', async () => {
      await seed(20);
      await database.db.insert(entries).values(forgedRow(21, 'a'.repeat(64)));
      expect(await log.verify({ batchSize: 5 })).toMatchObject(bad('INSERTED', 21));
    });
  });

  describe('list', () => {
    const kinds: Actor[] = [
      police('alice'),
      { kind: 'municipality', sub: 'bob', municipality: 'GM0363' },
      { kind: 'company', sub: 'carol', org: 'KvK-1' },
    ];
    const actions = ['footage.view', 'plate.lookup', 'login'];
    const types = ['Camera', 'Footage', 'Plate', 'Session'];

    async function seedVaried(): Promise<AuditEntry[]> {
      const inputs = range(1, 63).map((i) =>
        input(i, {
          actor: kinds[i % 3]!,
          action: actions[i % 5 === 0 ? 2 : i % 2]!,
          subjectType: types[i % 4]!,
          subjectIds: [`c${i % 7}`, `x${i % 3}`],
          // not in seq order: time filters must not assume it
          at: new Date(BASE + ((i * 37) % 63) * 60_000),
        }),
      );
      return database.db.transaction((tx) => log.appendMany(tx, inputs));
    }

    const matches = (e: AuditEntry, f: AuditFilter) =>
      (f.actorKind === undefined || e.actorKind === f.actorKind) &&
      (f.actorSub === undefined || e.actorSub === f.actorSub) &&
      (f.action === undefined || e.action === f.action) &&
      (f.subjectType === undefined || e.subjectType === f.subjectType) &&
      (f.subjectId === undefined || e.subjectIds.includes(f.subjectId)) &&
      (f.from === undefined || e.at >= f.from) &&
      (f.to === undefined || e.at < f.to);

    it('walks every matching row once, newest first, for each filter', async () => {
      const all = await seedVaried();
      const filters: AuditFilter[] = [
        {},
        { actorSub: 'alice' },
        { actorKind: 'municipality' },
        { action: 'plate.lookup' },
        { subjectType: 'Plate' },
        { subjectId: 'c3' },
        { from: new Date(BASE + 10 * 60_000), to: new Date(BASE + 30 * 60_000) },
        { actorSub: 'bob', subjectId: 'x1', from: new Date(BASE + 5 * 60_000) },
        { action: 'nothing' },
      ];
      for (const f of filters) {
        const expected = all.filter((e) => matches(e, f)).reverse();
        for (const size of [1, 7, expected.length || 1]) {
          const got: AuditEntry[] = [];
          let after: number | undefined;
          for (;;) {
            const page = await log.list(f, size, after);
            expect(page.entries.length).toBeLessThanOrEqual(size);
            got.push(...page.entries);
            expect(await page.totalCount()).toBe(expected.length);
            if (!page.hasNextPage) break;
            expect(page.entries.length).toBe(size);
            after = page.entries.at(-1)!.seq;
          }
          expect(got).toEqual(expected);
        }
      }
    });

    it('serves first = 0 and refuses pages over the maximum', async () => {
      await seed(3);
      const page = await log.list({}, 0);
      expect(page).toMatchObject({ entries: [], hasNextPage: true });
      expect(await page.totalCount()).toBe(3);
      await expect(log.list({}, MAX_PAGE + 1)).rejects.toThrow(RangeError);
    });

    it("one caller's entry the database refuses fails that caller alone, not the others of its group", async () => {
      const before = (await allSeqs()).length;
      // a year PostgreSQL cannot hold passes the TypeScript checks and fails in the statement
      const results = await Promise.allSettled([
        log.appendMany(database.db, [input(900)]),
        log.appendMany(database.db, [input(901)]),
        log.appendMany(database.db, [input(902, { at: new Date(-8_640_000_000_000_000) })]),
        log.appendMany(database.db, [input(903)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((await allSeqs()).length).toBe(before + 3);
      expect(await log.verify()).toMatchObject({ ok: true });
    });

    it('the subject index has no pending list to clean up inside an append (fastupdate off)', async () => {
      const [r] = await database.query<{ opts: string[] | null }>(
        sql`select reloptions as opts from pg_class where relname = 'entries_subject_ids'`,
      );
      expect(r!.opts).toContain('fastupdate=off');
    });

    it('pages and verification read from indexes', async () => {
      await seedVaried();
      const plan = async (q: ReturnType<typeof sql>) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          const rows = await database.query<{ 'QUERY PLAN': string }>(sql`explain ${q}`, tx);
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      const keyset = { actor_sub: 'alice', action: 'login', subject_type: 'Plate', actor_kind: 'company' } as const;
      for (const [column, value] of Object.entries(keyset)) {
        const p = await plan(
          sql`select * from audit.entries where ${sql.identifier(column)} = ${value} and seq < 50 order by seq desc limit 8`,
        );
        expect(p).toContain(`entries_${column}_seq`);
        expect(p).not.toContain('Sort');
      }
      expect(
        await plan(sql`select * from audit.entries where subject_ids @> array['c3'] order by seq desc limit 8`),
      ).not.toContain('Seq Scan');
      expect(
        await plan(sql`select * from audit.entries where at >= now() - interval '1 day' order by seq desc limit 8`),
      ).not.toContain('Seq Scan');
      expect(await plan(sql`select * from audit.entries where seq > 10 order by seq limit 1000`)).toContain(
        'entries_pkey',
      );
    });
  });

  describe('keyed chain and signed head', () => {
    it('an entry forged without the key is found, even chained properly to its predecessor', async () => {
      const seeded = await seed(10);
      const row = {
        seq: 11,
        at: new Date(BASE + 5),
        actorKind: 'police',
        actorSub: 'forger',
        actorOrg: null,
        action: 'footage.view',
        subjectType: 'Footage',
        subjectIds: ['f1'],
        purpose: 'forged',
        prevHash: seeded[9]!.hash,
      };
      // the plain sha256 the unkeyed chain used, and an HMAC under a guessed key with the right key id
      await database.db.insert(entries).values({ ...row, hash: entryHash(row), keyId: null });
      expect(await log.verify()).toMatchObject({ ok: false, problem: 'ALTERED', firstBadSeq: 11 });
      await tamper((tx) =>
        tx.execute(
          sql`update audit.entries set hash = ${entryHash(row, Buffer.alloc(32, 7))}, key_id = ${log.keys.keyId} where seq = 11`,
        ),
      );
      expect(await log.verify()).toMatchObject({ ok: false, problem: 'ALTERED', firstBadSeq: 11 });
    });

    it('unkeyed entries from before the key are accepted only at the start of the chain', async () => {
      // two pre-key entries (plain sha256), then keyed appends chain on from them
      const legacy = (seq: number, prevHash: string) => {
        const row = {
          seq,
          at: new Date(BASE + seq),
          actorKind: 'police',
          actorSub: 'old',
          actorOrg: null,
          action: 'footage.view',
          subjectType: 'Footage',
          subjectIds: [],
          purpose: null,
          prevHash,
        };
        return { ...row, hash: entryHash(row), keyId: null };
      };
      const a = legacy(1, GENESIS_HASH);
      await database.db.insert(entries).values([a, legacy(2, a.hash)]);
      await seed(3);
      expect(await log.verify()).toMatchObject({ ok: true, checked: 5 });
    });

    it('the head is signed; verify(againstHead) finds a cut-off tail (TRUNCATED) and a forged head (BAD_HEAD)', async () => {
      await seed(12);
      const head = await log.head(new Date(BASE));
      expect(head).toMatchObject({ seq: 12, keyId: log.keys.keyId, publicKey: log.keys.publicKey });
      expect(headSignatureValid(log.keys.publicKey, head)).toBe(true);
      expect(await log.verify({ againstHead: head })).toMatchObject({ ok: true, checked: 12 });
      await seed(2); // the chain grew past the head: still fine
      expect(await log.verify({ againstHead: head })).toMatchObject({ ok: true, checked: 14 });

      // the newest entries deleted: the chain itself stays intact, only the kept head shows it
      await tamper((tx) => tx.execute(sql`delete from audit.entries where seq > 9`));
      expect(await log.verify()).toMatchObject({ ok: true, checked: 9 });
      expect(await log.verify({ againstHead: head, batchSize: 4 })).toMatchObject({
        ok: false,
        problem: 'TRUNCATED',
        firstBadSeq: 10,
        checked: 9,
      });

      expect(await log.verify({ againstHead: { ...head, seq: 5 } })).toMatchObject({ ok: false, problem: 'BAD_HEAD' });
      const other = new AuditLog(database, auditKeysFrom(Buffer.alloc(32, 1)));
      expect(await log.verify({ againstHead: await other.head(new Date(BASE)) })).toMatchObject({
        ok: false,
        problem: 'BAD_HEAD',
      });
    });
  });

  describe('key rotation', () => {
    it('entries and heads of an earlier key still verify once it is listed as previous; unlisted, its entries do not', async () => {
      const oldSecret = Buffer.alloc(32, 11);
      const newSecret = Buffer.alloc(32, 12);
      const before = new AuditLog(database, auditKeysFrom(oldSecret));
      await database.db.transaction((tx) => before.appendMany(tx, [input(1), input(2), input(3)]));
      const keptHead = await before.head(new Date(BASE)); // what the authority stored before the rotation
      // the rotation: a new key, the old one kept for verification only
      const after = new AuditLog(database, auditKeysFrom(newSecret, [oldSecret]));
      expect(after.keys.keyId).not.toBe(before.keys.keyId);
      expect(after.keys.previous.map((p) => p.keyId)).toEqual([before.keys.keyId]);
      await database.db.transaction((tx) => after.appendMany(tx, [input(4), input(5)]));
      const rows = await database.query<{ key_id: string }>(sql`select key_id from audit.entries order by seq`);
      expect(rows.map((r) => r.key_id)).toEqual([
        before.keys.keyId,
        before.keys.keyId,
        before.keys.keyId,
        after.keys.keyId,
        after.keys.keyId,
      ]);
      expect(await after.verify({ againstHead: keptHead })).toMatchObject({ ok: true, checked: 5 });
      expect(await after.verify({ againstHead: await after.head(new Date(BASE)) })).toMatchObject({
        ok: true,
        checked: 5,
      });
      // without the old key the first entries cannot be vouched for
      const forgetful = new AuditLog(database, auditKeysFrom(newSecret));
      expect(await forgetful.verify()).toMatchObject({ ok: false, firstBadSeq: 1 });
      expect(await forgetful.verify({ againstHead: keptHead })).toMatchObject({ ok: false, problem: 'BAD_HEAD' });

      // offline: the export checks with both chain keys, and names the key it lacks with one
      const out = await after.exportPeriod(new Date(BASE), new Date(BASE + 60_000), new Date(BASE + 60_000));
      const dir = mkdtempSync(join(tmpdir(), 'audit-rotation-'));
      const file = join(dir, 'export.ndjson');
      writeFileSync(file, out.ndjson);
      const verifier = fileURLToPath(new URL('../bin/verify-export.mjs', import.meta.url));
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [verifier, file, '--public-key', after.keys.publicKey, ...args], {
          encoding: 'utf8',
        });
      const both = run(
        '--chain-key',
        after.keys.chainKey.toString('hex'),
        '--chain-key',
        before.keys.chainKey.toString('hex'),
      );
      expect(both.stdout).toContain('OK: 5 entries');
      expect(both.status).toBe(0);
      const one = run('--chain-key', after.keys.chainKey.toString('hex'));
      expect(one.status).toBe(1);
      expect(one.stdout).toContain(`made with key ${before.keys.keyId}`);
    });

    it('production refuses to start without AUDIT_HMAC_KEY; the previous keys are read from AUDIT_HMAC_PREVIOUS_KEYS', async () => {
      const { loadAuditKeys } = await import('./keys.js');
      expect(() => loadAuditKeys({ NODE_ENV: 'production' })).toThrow(/AUDIT_HMAC_KEY must be set/);
      expect(loadAuditKeys({ NODE_ENV: 'production', HUB_DEV_KEYS: '1' }).keyId).toMatch(/^[0-9a-f]{16}$/); // a demo asked for dev keys
      const k = loadAuditKeys({
        NODE_ENV: 'production',
        AUDIT_HMAC_KEY: '21'.repeat(32),
        AUDIT_HMAC_PREVIOUS_KEYS: `${'22'.repeat(32)}, ${'23'.repeat(32)}`,
      });
      expect(k.keyId).toBe(auditKeysFrom(Buffer.alloc(32, 0x21)).keyId);
      expect(k.previous.map((p) => p.keyId)).toEqual([
        auditKeysFrom(Buffer.alloc(32, 0x22)).keyId,
        auditKeysFrom(Buffer.alloc(32, 0x23)).keyId,
      ]);
      expect(() => loadAuditKeys({ AUDIT_HMAC_KEY: '21'.repeat(32), AUDIT_HMAC_PREVIOUS_KEYS: 'zz' })).toThrow(
        /AUDIT_HMAC_PREVIOUS_KEYS must be hex/,
      );
      expect(() => loadAuditKeys({ AUDIT_HMAC_KEY: '21'.repeat(16) })).toThrow(/at least 32 bytes/);
    });
  });

  describe('verification off the request path', () => {
    it('runs in batches that let an append through meanwhile, reports progress, and goes on from a checkpoint', async () => {
      await seed(200);
      const order: string[] = [];
      let appended: Promise<unknown> | undefined;
      const progress: number[] = [];
      const report = await log.verify({
        batchSize: 20,
        onProgress: (p) => {
          progress.push(p.through);
          if (progress.length === 1) appended = log.append(database.db, input(999)).then(() => order.push('append'));
        },
      });
      order.push('verify');
      await appended;
      // the append committed between batches, before the verification ended (and was verified with it)
      expect(order).toEqual(['append', 'verify']);
      expect(report).toMatchObject({ ok: true, checked: 201 });
      expect(progress.slice(0, 3)).toEqual([20, 40, 60]);
      expect(progress.at(-1)).toBe(201);

      // incremental: from the checkpoint only the new entries are walked
      await seed(5);
      expect(await log.verify({ from: report.verifiedThrough })).toMatchObject({ ok: true, checked: 5, fromSeq: 202 });
      // the checkpoint's own entry altered: refused at once
      await tamper((tx) => tx.execute(sql`update audit.entries set purpose = 'x' where seq = 201`));
      expect(await log.verify({ from: report.verifiedThrough })).toMatchObject({
        ok: false,
        problem: 'ALTERED',
        firstBadSeq: 201,
      });
    });

    it('callers arriving during a run share it instead of starting another', async () => {
      await seed(50);
      const runs = await Promise.all([
        log.verifyShared({ batchSize: 10 }),
        log.verifyShared({ batchSize: 10 }),
        log.verifyShared(),
      ]);
      expect(runs[0]).toBe(runs[1]);
      expect(runs[0]).toBe(runs[2]);
      expect(log.progress()).toMatchObject({ running: null, last: { ok: true, checked: 50 } });
    });
  });

  describe('database role (roles.sql)', () => {
    it('the services role appends through the function but cannot insert, update, delete, truncate or disable the trigger', async () => {
      const role = `hub_app_${Math.random().toString(36).slice(2, 10)}`;
      await database.db.execute(sql.raw(`create role ${role} nologin`));
      try {
        await log.grantServiceRole(role);
        await seed(3);
        const asApp = (q: ReturnType<typeof sql>) =>
          database.db.transaction(async (tx) => {
            await tx.execute(sql.raw(`set local role ${role}`));
            return tx.execute(q);
          });
        for (const q of [
          sql`update audit.entries set purpose = 'x' where seq = 2`,
          sql`delete from audit.entries where seq = 3`,
          sql`truncate audit.entries`,
          sql`insert into audit.entries (seq, at, actor_kind, actor_sub, action, subject_type, subject_ids, prev_hash, hash) values (4, now(), 'police', 'x', 'a', 'b', '{}', 'p', 'h')`,
          sql`alter table audit.entries disable trigger entries_append_only`,
        ]) {
          expect(await refusal(asApp(q))).toMatch(/permission denied|must be owner/);
        }
        // it reads, and appends through the function (which keeps the chain)
        expect(await asApp(sql`select count(*) from audit.entries`)).toBeTruthy();
        const stored = await database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          return log.append(tx, input(4));
        });
        expect(stored.seq).toBe(4);
        expect(await log.verify()).toMatchObject({ ok: true, checked: 4 });
      } finally {
        await database.db.execute(sql.raw(`drop owned by ${role}`));
        await database.db.execute(sql.raw(`drop role ${role}`));
      }
    });
  });

  describe('bounded entries per request', () => {
    it("reads of one request waiting together become one entry per (actor, action, subject type, purpose); other requests' stay their own", async () => {
      const request = {};
      const other = {};
      const results = await Promise.all([
        ...range(1, 300).map((i) =>
          log.append(database.db, input(i, { actor: police('alice'), purpose: 'case A', request })),
        ),
        ...range(301, 310).map((i) =>
          log.append(database.db, input(i, { actor: police('alice'), purpose: 'case B', request })),
        ),
        ...range(311, 315).map((i) =>
          log.append(database.db, input(i, { actor: police('alice'), purpose: 'case A', request: other })),
        ),
      ]);
      // every read is in an entry that lists its id
      results.forEach((e, i) => expect(e.subjectIds).toContain(`f${i + 1}`));
      const seqs = new Set(results.map((e) => e.seq));
      // the first read commits alone (nothing to wait for); the rest of each (request, purpose) in one entry
      expect(seqs.size).toBeLessThanOrEqual(4);
      const stored = await database.query<{ n: number; ids: number }>(
        sql`select count(*)::int as n, sum(cardinality(subject_ids))::int as ids from audit.entries`,
      );
      expect(stored[0]).toEqual({ n: seqs.size, ids: 315 });
      expect(await log.verify()).toMatchObject({ ok: true, checked: seqs.size });
    });

    it(`one request appends at most ${MAX_ENTRIES_PER_REQUEST} entries; further reads are refused and write nothing`, async () => {
      const request = {};
      for (let i = 1; i <= MAX_ENTRIES_PER_REQUEST; i++)
        await log.append(database.db, input(i, { purpose: `case ${i}`, request }));
      const err = await log.append(database.db, input(1000, { purpose: 'one more', request })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuditLimitError);
      expect((err as AuditLimitError).extensions.code).toBe('BAD_USER_INPUT');
      // another request is unaffected
      expect((await log.append(database.db, input(1001, { purpose: 'one more', request: {} }))).seq).toBe(
        MAX_ENTRIES_PER_REQUEST + 1,
      );
      expect(await allSeqs()).toEqual(range(1, MAX_ENTRIES_PER_REQUEST + 1));
    });
  });

  describe('signed export, verified offline', () => {
    const verifier = fileURLToPath(new URL('../bin/verify-export.mjs', import.meta.url));
    const run = (file: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, [verifier, file, ...args], { encoding: 'utf8' });
      return { code: r.status, out: r.stdout };
    };
    it('a period exports with its chain and signed head; the standalone command accepts it and finds any change', async () => {
      await seed(30); // at = BASE + i·1001 ms
      const out = await log.exportPeriod(new Date(BASE + 10_000), new Date(BASE + 20_000), new Date(BASE + 60_000));
      expect(out).toMatchObject({ fromSeq: 10, toSeq: 19, entries: 10 });
      const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
      const file = join(dir, 'export.ndjson');
      writeFileSync(file, out.ndjson);
      const key = ['--public-key', log.keys.publicKey, '--chain-key', log.keys.chainKey.toString('hex')];
      const ok = run(file, ...key);
      expect(ok.out).toContain('OK: 10 entries 10..19');
      expect(ok.code).toBe(0);

      const lines = out.ndjson.trimEnd().split('\n');
      const variants: Record<string, string[]> = {
        'an entry altered': lines.map((l, i) => (i === 3 ? l.replace('"case 12"', '"case 99"') : l)),
        'an entry dropped': lines.filter((_, i) => i !== 4),
        'the tail cut off (head and signature kept)': [...lines.slice(0, 8), ...lines.slice(-2)],
      };
      for (const [what, v] of Object.entries(variants)) {
        writeFileSync(file, v.join('\n') + '\n');
        const r = run(file, ...key);
        expect(r.code, what).toBe(1);
        expect(r.out, what).toContain('FAIL');
      }
      // re-signed by someone else: their own key inside the export does not pass the key the authority kept
      const other = new AuditLog(database, auditKeysFrom(Buffer.alloc(32, 3)));
      writeFileSync(
        file,
        (await other.exportPeriod(new Date(BASE + 10_000), new Date(BASE + 20_000), new Date(BASE))).ndjson,
      );
      expect(run(file, '--public-key', log.keys.publicKey).code).toBe(1);
      expect(run(file).out).toContain('no --public-key');
      // an empty period exports as an empty, still signed range after the entries before it
      const empty = await log.exportPeriod(new Date(BASE + 100_000), new Date(BASE + 200_000), new Date(BASE));
      expect(empty).toMatchObject({ entries: 0, fromSeq: 31, toSeq: 30 });
      writeFileSync(file, empty.ndjson);
      expect(run(file, ...key).code).toBe(0);
    });
  });

  describe('log-ins (003 §5.2.3)', () => {
    it("a session's first use is one auth.login entry, also when several processes see it at once; later uses write nothing", async () => {
      const actor: Actor = { ...police('login-1'), session: 'a'.repeat(32) };
      const other = new AuditLog(database); // another process's instance
      const first = await Promise.all([
        log.recordLogin(actor, new Date(BASE)),
        other.recordLogin(actor, new Date(BASE)),
        log.recordLogin(actor, new Date(BASE + 1)),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await log.recordLogin(actor, new Date(BASE + 2))).toBe(false);
      expect(await log.recordLogin({ ...actor, session: undefined }, new Date(BASE))).toBe(false);
      const page = await log.list({ action: LOGIN_ACTION }, 10);
      expect(page.entries).toHaveLength(1);
      expect(page.entries[0]).toMatchObject({
        actorSub: 'login-1',
        subjectType: 'Session',
        subjectIds: ['a'.repeat(32)],
        purpose: null,
      });
      expect(await log.recordLogin({ ...actor, session: 'b'.repeat(32) }, new Date(BASE))).toBe(true);
      expect(await log.verify()).toMatchObject({ ok: true, checked: 2 });
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { openDatabase, openTestDatabase, type Database, type Tx } from '@hub/db';
import { AuditLog, GENESIS_HASH, MAX_PAGE, entryHash, type AuditEntry, type AuditFilter, type AuditInput } from './index.js';
import { entries } from './db/schema.js';

let database: Database;
let log: AuditLog;

beforeAll(async () => {
  database = await openTestDatabase();
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
  return database.db.transaction((tx) => log.appendMany(tx, Array.from({ length: n }, (_, i) => input(i + 1))));
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
    expect(await log.verify()).toEqual({ ok: true, checked: 0, firstBadSeq: null, problem: null, detail: null });
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
    expect(first.hash).toBe(entryHash(first));
    expect(first).toMatchObject({ actorKind: 'police', actorSub: 'agent-2', actorOrg: 'PZ-Noord', purpose: 'case 2' });

    await expect(abort(3)).rejects.toThrow('abort');
    const second = await database.db.transaction((tx) => log.append(tx, input(4)));
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(await log.verify()).toEqual({ ok: true, checked: 2, firstBadSeq: null, problem: null, detail: null });
  });

  it('chains 300 entries (singles and appendMany) that read back exactly and verify in batches', async () => {
    const made: AuditEntry[] = [];
    for (let i = 1; i <= 150; i++) {
      const over: Partial<AuditInput> =
        i % 3 === 0
          ? { purpose: null, actor: { kind: 'public', sub: 'anonymous' } }
          : i % 3 === 1
            ? { subjectIds: TRICKY, purpose: TRICKY[i % TRICKY.length] }
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

    expect(await log.verify({ batchSize: 37 })).toEqual({ ok: true, checked: 300, firstBadSeq: null, problem: null, detail: null });
    expect((await log.verify()).checked).toBe(300);
  });

  it('rejects input that could not be stored and hashed unchanged', async () => {
    await expect(log.append(database.db, input(1, { at: new Date(NaN) }))).rejects.toThrow('valid Date');
    await expect(log.append(database.db, input(1, { action: '' }))).rejects.toThrow('action');
    await expect(log.append(database.db, input(1, { subjectIds: ['a\0b'] }))).rejects.toThrow('NUL');
    await expect(log.append(database.db, input(1, { purpose: 'x\uD800y' }))).rejects.toThrow('surrogate');
    expect(await allSeqs()).toEqual([]);
  });

  it('keeps the chain contiguous under 10 parallel transactions on separate connections', async () => {
    // On PostgreSQL a second pool onto the same database stands in for another process.
    let other: Database | undefined;
    if (database.driver === 'postgres') {
      const [{ db } = { db: '' }] = await database.query<{ db: string }>(sql`select current_database() as db`);
      const url = new URL(process.env.DATABASE_URL!);
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
      expect(results.flat().map((e) => e.seq).sort((a, b) => a - b)).toEqual(range(1, 30));

      // Called with the database itself, append opens its own transaction: still serialised.
      await Promise.all(range(0, 9).map((i) => new AuditLog(other && i % 2 ? other : database).append((other && i % 2 ? other : database).db, input(100 + i))));
      expect(await allSeqs()).toEqual(range(1, 40));
      expect(await log.verify({ batchSize: 7 })).toMatchObject({ ok: true, checked: 40 });
    } finally {
      await other?.close();
    }
  });

  it('groups concurrent audited reads into shared commits, each caller getting back exactly its own entries', async () => {
    const before = (await allSeqs()).length;
    const results = await Promise.all(
      range(0, 49).map((i) => log.appendMany(database.db, i % 5 === 0 ? [input(500 + i), input(600 + i)] : [input(500 + i)])),
    );
    results.forEach((r, i) => {
      expect(r.map((e) => e.subjectIds[0])).toEqual(i % 5 === 0 ? [`f${500 + i}`, `f${600 + i}`] : [`f${500 + i}`]);
      expect(r.map((e) => e.seq)).toEqual(range(r[0]!.seq, r[0]!.seq + r.length - 1)); // one caller's entries stay contiguous
    });
    expect(results.flat().map((e) => e.seq).sort((a, b) => a - b)).toEqual(range(before + 1, before + 60));
    expect(await log.verify()).toMatchObject({ ok: true, checked: before + 60 });
    // the first call commits alone; the 49 that arrived meanwhile share the next commit
    const [tx] = await database.query<{ n: number }>(sql`select count(distinct xmin::text)::int as n from audit.entries where seq > ${before}`);
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

/** A self-consistent entry, as someone who knows the algorithm would write it. */
function forgedRow(seq: number, prevHash: string): AuditEntry {
  const row = { seq, at: new Date(BASE + 5), actorKind: 'police', actorSub: 'forger', actorOrg: null, action: 'footage.view', subjectType: 'Footage', subjectIds: ['f1'], purpose: 'forged', prevHash };
  return { ...row, hash: entryHash(row) };
}

describe('tampering is found at the exact entry', () => {
  const bad = (problem: string, firstBadSeq: number) => ({ ok: false, problem, firstBadSeq, checked: firstBadSeq - 1 });

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
  const kinds: Actor[] = [police('alice'), { kind: 'municipality', sub: 'bob', municipality: 'GM0363' }, { kind: 'company', sub: 'carol', org: 'KvK-1' }];
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
    const [r] = await database.query<{ opts: string[] | null }>(sql`select reloptions as opts from pg_class where relname = 'entries_subject_ids'`);
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
      const p = await plan(sql`select * from audit.entries where ${sql.identifier(column)} = ${value} and seq < 50 order by seq desc limit 8`);
      expect(p).toContain(`entries_${column}_seq`);
      expect(p).not.toContain('Sort');
    }
    expect(await plan(sql`select * from audit.entries where subject_ids @> array['c3'] order by seq desc limit 8`)).not.toContain('Seq Scan');
    expect(await plan(sql`select * from audit.entries where at >= now() - interval '1 day' order by seq desc limit 8`)).not.toContain('Seq Scan');
    expect(await plan(sql`select * from audit.entries where seq > 10 order by seq limit 1000`)).toContain('entries_pkey');
  });
});

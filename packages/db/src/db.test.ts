// The database layer on every driver: what the rest of the hub relies on when it switches between
// embedded PGlite and PostgreSQL (result shapes, NOTIFY on commit only, migrations under a lock).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, toPgArray, unstorableTextProblem, writePgliteTemplate, type Database } from './index.js';
import { describeEachDriver } from './testing.js';

/** A drizzle-kit style migrations folder (journal + SQL files) in a temporary directory. */
function migrationsFolder(schema: string, steps: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-db-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const entries = steps.map((_, idx) => ({
    idx,
    version: '7',
    when: 1_800_000_000_000 + idx,
    tag: `000${idx}_step`,
    breakpoints: true,
  }));
  steps.forEach((body, idx) => writeFileSync(join(dir, `000${idx}_step.sql`), body.replaceAll('$schema', schema)));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  return dir;
}

const folders: string[] = [];
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

await describeEachDriver('@hub/db', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(async () => database?.close());

  it('query() returns plain rows of the same shape (bigint: number on PGlite, text on PostgreSQL)', async () => {
    const rows = await database.query<Record<string, unknown>>(
      sql`select 1::int as i, 2::bigint as b, 1.5::numeric as n, '2026-11-23 21:40:00.123+00'::timestamptz as t,
                 '{a,"b c"}'::text[] as arr, '{"x":[1]}'::jsonb as j, null::text as z, true as bo`,
    );
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect({ ...r, b: undefined }).toEqual({
      i: 1,
      b: undefined,
      n: '1.5',
      t: '2026-11-23 21:40:00.123+00',
      arr: ['a', 'b c'],
      j: { x: [1] },
      z: null,
      bo: true,
    });
    // the one difference: code converts counts with Number(), which both forms survive
    expect(Number(r!.b)).toBe(2);
    expect(driver.name === 'PGlite' ? typeof r!.b === 'number' : typeof r!.b === 'string').toBe(true);
  });

  it('a text[] parameter built by toPgArray round-trips quotes, backslashes, commas and braces', async () => {
    const values = ['plain', 'a"b', 'back\\slash', 'com,ma', '{brace}', 'NULL', '', ' spaced '];
    const [r] = await database.query<{ v: string[] }>(sql`select ${toPgArray(values)}::text[] as v`);
    expect(r!.v).toEqual(values);
  });

  it('text PostgreSQL cannot store is named before it reaches the database', async () => {
    expect(unstorableTextProblem({ a: 'ok', b: 'nul\0here' }, ['a', 'b'])).toBe(
      'b contains NUL or an unpaired surrogate',
    );
    expect(unstorableTextProblem({ a: 'lone \ud800 surrogate' }, ['a'])).toMatch(/^a /);
    expect(unstorableTextProblem({ a: 'ünï 🎥' }, ['a'])).toBeNull();
    await expect(database.query(sql`select ${'nul\0here'}::text as v`)).rejects.toThrow();
  });

  it('NOTIFY reaches a listener once its transaction commits, never from a rolled-back one', async () => {
    const channel = `t_${randomBytes(4).toString('hex')}`;
    const got: string[] = [];
    const unlisten = await database.listen(channel, (p) => got.push(p));
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_notify(${channel}, 'committed')`);
        expect(got).toEqual([]); // not before the commit
      });
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_notify(${channel}, 'rolled back')`);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await database.db.transaction(async (tx) => tx.execute(sql`select pg_notify(${channel}, 'second')`));
      const end = Date.now() + 10_000;
      while (got.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(got).toEqual(['committed', 'second']);
    } finally {
      await unlisten();
    }
  });

  it('migrations: concurrent runs apply each step once, a rerun is a no-op, an upgrade applies only the new step', async () => {
    const schema = `m_${randomBytes(4).toString('hex')}`;
    const first = [
      `CREATE SCHEMA "$schema";\n--> statement-breakpoint\nCREATE TABLE "$schema"."t" ("id" int PRIMARY KEY, "note" text);`,
    ];
    const v1 = migrationsFolder(schema, first);
    folders.push(v1);
    // replicas booting together migrate at once: the advisory lock lets one apply, the others find it done
    await Promise.all([1, 2, 3].map(() => database.migrate({ migrationsFolder: v1, schema })));
    await database.migrate({ migrationsFolder: v1, schema });
    const applied = async () =>
      (
        await database.query<{ n: number | string }>(sql.raw(`select count(*) as n from hub_migrations."${schema}"`))
      )[0]!.n;
    expect(Number(await applied())).toBe(1);

    const v2 = migrationsFolder(schema, [...first, `ALTER TABLE "$schema"."t" ADD COLUMN "extra" int DEFAULT 7;`]);
    folders.push(v2);
    await database.db.execute(sql.raw(`insert into "${schema}"."t" (id, note) values (1, 'kept')`));
    await database.migrate({ migrationsFolder: v2, schema });
    expect(Number(await applied())).toBe(2);
    const rows = await database.query(sql.raw(`select id, note, extra from "${schema}"."t"`));
    expect(rows).toEqual([{ id: 1, note: 'kept', extra: 7 }]);
  });
});

describe('PGlite templates (a new database starts from a migrated one: npm start, every test stack)', () => {
  const v1Steps = [
    `CREATE SCHEMA "$schema";\n--> statement-breakpoint\nCREATE TABLE "$schema"."t" ("id" int PRIMARY KEY);`,
  ];
  const count = async (database: Database, schema: string) =>
    Number(
      (await database.query<{ n: number }>(sql.raw(`select count(*)::int as n from hub_migrations."${schema}"`)))[0]!.n,
    );
  const regclass = async (database: Database, name: string) =>
    (await database.query<{ ok: boolean }>(sql.raw(`select to_regclass('${name}') is not null as ok`)))[0]!.ok;

  it('holds the migrations it was made with: migrate() only finds them applied, a newer step still applies', async () => {
    const schema = `tpl_${randomBytes(4).toString('hex')}`;
    const v1 = migrationsFolder(schema, v1Steps);
    const dir = mkdtempSync(join(tmpdir(), 'hub-db-template-'));
    folders.push(v1, dir);
    const template = join(dir, 'migrated.tar.gz');
    await writePgliteTemplate(template, (d) => d.migrate({ migrationsFolder: v1, schema }));

    // in memory (test stacks) and in a new data directory (a fresh clone's first start)
    for (const dataDir of [undefined, join(dir, 'data')]) {
      const database = await openDatabase({ dataDir, template });
      try {
        expect(await regclass(database, `${schema}.t`)).toBe(true);
        await database.migrate({ migrationsFolder: v1, schema });
        expect(await count(database, schema)).toBe(1);
        // sources ahead of the build by one appended migration: applied on top of the template
        const v2 = migrationsFolder(schema, [...v1Steps, `ALTER TABLE "$schema"."t" ADD COLUMN "extra" int;`]);
        folders.push(v2);
        await database.migrate({ migrationsFolder: v2, schema });
        expect(await count(database, schema)).toBe(2);
        expect(await database.query(sql.raw(`select extra from "${schema}"."t"`))).toEqual([]);
      } finally {
        await database.close();
      }
    }
    // an existing data directory is opened as it is, whatever the template
    const again = await openDatabase({ dataDir: join(dir, 'data'), template: join(dir, 'missing.tar.gz') });
    try {
      expect(await count(again, schema)).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('a migration changed since the template was made is refused, not run on other tables; no template → the empty cluster', async () => {
    const schema = `tpl_${randomBytes(4).toString('hex')}`;
    const v1 = migrationsFolder(schema, v1Steps);
    const dir = mkdtempSync(join(tmpdir(), 'hub-db-template-'));
    folders.push(v1, dir);
    const template = join(dir, 'migrated.tar.gz');
    await writePgliteTemplate(template, (d) => d.migrate({ migrationsFolder: v1, schema }));
    const edited = migrationsFolder(schema, [v1Steps[0]!.replace('PRIMARY KEY', 'PRIMARY KEY, "note" text')]);
    folders.push(edited);
    const database = await openDatabase({ template });
    try {
      await expect(database.migrate({ migrationsFolder: edited, schema })).rejects.toThrow(/older than the sources/);
    } finally {
      await database.close();
    }

    // unbuilt sources: the template file is missing, the database is the empty cluster and migrates as ever
    const plain = await openDatabase({ template: join(dir, 'missing.tar.gz') });
    try {
      expect(await regclass(plain, `${schema}.t`)).toBe(false);
      await plain.migrate({ migrationsFolder: edited, schema });
      expect(await count(plain, schema)).toBe(1);
      expect(await plain.query(sql.raw(`select note from "${schema}"."t"`))).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('postgres.js as installed', () => {
  it('carries the nextWrite guard (scripts/patch-postgres.mjs): a PostgreSQL restart must not crash the process', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const main = createRequire(import.meta.url).resolve('postgres'); // cjs/src/index.js
    for (const f of ['connection.js', join('..', '..', 'src', 'connection.js')]) {
      expect(readFileSync(join(dirname(main), f), 'utf8')).toContain('hub: patched nextWrite');
    }
  });
});

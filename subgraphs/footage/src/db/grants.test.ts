// The SQL the footage subgraph enforces grants with (db/grants.ts) names the same grant as the rule
// in domain/grants.ts, for random grants, recordings and moments of access, on every driver.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asc, eq, getTableColumns } from 'drizzle-orm';
import type { Database } from '@hub/db';
import { describeEachDriver } from '@hub/db/testing';
import { recordingGrant, type GrantFacts } from '../domain/grants.js';
import { applyAccessGrantChanged, recordingAccessColumns } from './grants.js';
import { accessGrantReplica, cameraReplica, recordingTable } from './schema.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

await describeEachDriver('grant coverage: SQL == domain (004)', (driver) => {
  let database: Database;
  const grants: Array<GrantFacts & { cameraId: string }> = [];
  const r = rng(20261203);
  // whole hours in a 10-day span, so boundaries (validFrom == startedAt, endedAt == validUntil) occur
  const hourIn = (days: number) => T0 + Math.floor(r() * days * 24) * HOUR;

  beforeAll(async () => {
    database = await driver.open();
    await database.migrate({
      migrationsFolder: fileURLToPath(new URL('./migrations', import.meta.url)),
      schema: 'footage',
    });
    const cams = ['third-1', 'third-2', 'police-1'];
    await database.db.insert(cameraReplica).values(
      cams.map((id) => ({
        id,
        municipality: '11002',
        kind: 'FIXED',
        operator: id.startsWith('third') ? 'THIRD_PARTY' : 'POLICE',
      })),
    );
    for (let i = 0; i < 12; i++) {
      const from = hourIn(8);
      const g = {
        id: `g-${String(i).padStart(2, '0')}`,
        cameraId: cams[i % 3]!,
        scope: [['RECORDINGS'], ['LIVE_VIEW'], ['LIVE_VIEW', 'RECORDINGS']][Math.floor(r() * 3)]!,
        validFrom: new Date(from),
        validUntil: new Date(from + (1 + Math.floor(r() * 72)) * HOUR),
        revokedAt: r() < 0.25 ? new Date(from + HOUR) : null,
      };
      grants.push(g);
      await applyAccessGrantChanged(database.db, {
        ...g,
        municipality: '11002',
        thirdParty: 'x',
        reference: `ref ${g.id}`,
        validFrom: g.validFrom.toISOString(),
        validUntil: g.validUntil.toISOString(),
        revokedAt: g.revokedAt?.toISOString() ?? null,
      });
    }
    expect(grants.some((g) => g.revokedAt)).toBe(true);
    for (let i = 0; i < 120; i++) {
      const start = hourIn(10);
      await database.db.insert(recordingTable).values({
        id: `r-${String(i).padStart(3, '0')}`,
        sourceSystem: 's',
        sourceId: `s-${i}`,
        cameraId: cams[i % 3]!,
        municipality: '11002',
        kind: 'PUBLIC_ORDER',
        startedAt: new Date(start),
        endedAt: new Date(start + (1 + Math.floor(r() * 3)) * HOUR),
        storageRef: 's3://x',
        sha256: 'ab'.repeat(32),
        sizeBytes: 1,
        expiresAt: new Date(start + 28 * 24 * HOUR),
      });
    }
  });

  afterAll(async () => database?.close());

  it('names the grant the domain names, or none, at every moment of access', async () => {
    let covered = 0;
    for (let i = 0; i < 25; i++) {
      const at = new Date(hourIn(11) + (i % 2 ? 30 * 60_000 : 0));
      const rows = await database.db
        .select({ ...getTableColumns(recordingTable), ...recordingAccessColumns(at) })
        .from(recordingTable)
        .orderBy(asc(recordingTable.id));
      for (const row of rows) {
        const third = row.cameraId.startsWith('third');
        const want = third
          ? (recordingGrant(
              grants.filter((g) => g.cameraId === row.cameraId),
              row,
              at,
            )?.id ?? null)
          : null;
        expect(row.accessGrant, `${row.id} at ${at.toISOString()}`).toBe(want);
        expect(row.operator).toBe(third ? 'THIRD_PARTY' : 'POLICE');
        if (want) covered++;
      }
    }
    // the data exercise both answers
    expect(covered).toBeGreaterThan(0);
  });

  it('a revocation replaces the grant in the replica', async () => {
    const g = grants.find((x) => !x.revokedAt && x.scope.includes('RECORDINGS'))!;
    await applyAccessGrantChanged(database.db, {
      ...g,
      municipality: '11002',
      thirdParty: 'x',
      reference: `ref ${g.id}`,
      validFrom: g.validFrom.toISOString(),
      validUntil: g.validUntil.toISOString(),
      revokedAt: new Date(T0).toISOString(),
    });
    const [row] = await database.db.select().from(accessGrantReplica).where(eq(accessGrantReplica.id, g.id));
    expect(row!.revokedAt).toEqual(new Date(T0));
  });
});

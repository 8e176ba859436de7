// Property: over random recordings, holds, clocks and batch sizes, a retention run never deletes a
// held recording, never leaves an unheld expired one, and never deletes anything unexpired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AuditLog } from '@hub/audit';
import { RETENTION_SCHEDULER, runRetention } from '@hub/footage';
import { bootHub, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

/** Small deterministic PRNG so a failing seed can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('retention property', () => {
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 42, 1337];
  it.each(SEEDS)('seed %i: held kept, expired unheld gone, unexpired untouched', async (seed) => {
    const rnd = prng(seed);
    const db = hub.stack.database;
    await db.db.execute(sql`delete from footage.hold_items`);
    await db.db.execute(sql`delete from footage.legal_holds`);
    await db.db.execute(sql`delete from footage.recordings`);

    const now = new Date(Date.UTC(2026, 10, 23) + Math.floor(rnd() * 365) * DAY);
    const n = 50 + Math.floor(rnd() * 250);
    const rows = Array.from({ length: n }, (_, i) => {
      // expiry anywhere from 40 days ago to 40 days ahead, some exactly at `now`
      const offset = rnd() < 0.05 ? 0 : Math.round((rnd() * 80 - 40) * DAY);
      const expires = new Date(now.getTime() + offset);
      const ended = new Date(expires.getTime() - 28 * DAY);
      return { id: `p${seed}-${i}`, expires, ended, started: new Date(ended.getTime() - 600_000) };
    });
    for (const r of rows) {
      await db.db.execute(sql`insert into footage.recordings
        (id, source_system, source_id, camera_id, municipality, area_id, kind, started_at, ended_at, storage_ref, sha256, size_bytes, expires_at)
        values (${r.id}, 'prop', ${r.id}, 'utrecht-neude-1', 'GM0344', 'utrecht-binnenstad', 'PUBLIC_ORDER',
                ${r.started.toISOString()}::timestamptz, ${r.ended.toISOString()}::timestamptz, 's3://x', ${'0'.repeat(64)}, 1, ${r.expires.toISOString()}::timestamptz)`);
    }
    // random holds, some released: a recording is held while any unreleased hold covers it
    const held = new Set<string>();
    const holds = 1 + Math.floor(rnd() * 6);
    for (let h = 0; h < holds; h++) {
      const released = rnd() < 0.35;
      const id = `h${seed}-${h}`;
      await db.db
        .execute(sql`insert into footage.legal_holds (id, case_reference, reason, placed_by, placed_at, released_at)
        values (${id}, 'case', 'reason', 'prop', now(), ${released ? new Date().toISOString() : null}::timestamptz)`);
      for (const r of rows) {
        if (rnd() < 0.15) {
          await db.db.execute(
            sql`insert into footage.hold_items (hold_id, recording_id, active) values (${id}, ${r.id}, ${released ? 0 : 1}) on conflict do nothing`,
          );
          if (!released) held.add(r.id);
        }
      }
    }

    const batchSize = 1 + Math.floor(rnd() * 40);
    const proof = await runRetention(
      { database: db, audit: new AuditLog(db) },
      { now, actor: RETENTION_SCHEDULER, batchSize },
    );

    const left = new Set((await db.query<{ id: string }>(sql`select id from footage.recordings`)).map((r) => r.id));
    const expectedDeleted = rows.filter((r) => !held.has(r.id) && r.expires.getTime() <= now.getTime());
    for (const r of rows) {
      if (held.has(r.id)) expect(left.has(r.id), `held ${r.id} kept`).toBe(true);
      else if (r.expires.getTime() <= now.getTime()) expect(left.has(r.id), `expired ${r.id} deleted`).toBe(false);
      else expect(left.has(r.id), `unexpired ${r.id} kept`).toBe(true);
    }
    expect(proof.deletedCount).toBe(expectedDeleted.length);
    expect(proof.heldBackCount).toBe(rows.filter((r) => held.has(r.id) && r.expires.getTime() <= now.getTime()).length);
  });
});

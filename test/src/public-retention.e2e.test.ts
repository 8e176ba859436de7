// The public figure of automatic deletion (003 §5.2.2): anyone sees how many recordings
// the last retention run missed and when it ran — never a proof's details — and a covert camera's
// recordings move no public figure. Refused to a source system at the gateway and at the subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const STATUS = 'query($m: String) { publicRetentionStatus(municipality: $m) { violationCount lastProofAt } }';
const SYSTEM = { kind: 'system', sub: 'vms-utrecht', org: 'gemeente-utrecht', municipality: 'GM0344' } as const;

async function status(m?: string) {
  const r = await hub.gql('public', STATUS, { m: m ?? null });
  expect(r.errors).toBeUndefined();
  return r.data!.publicRetentionStatus as { violationCount: number; lastProofAt: string | null };
}
async function ingest(cameraId: string) {
  const end = hub.clock.now().getTime() - 3_600_000;
  const r = await hub.gql(
    'police',
    `mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-test", recordings: $r) { createdIds rejected { reason } } }`,
    {
      r: [
        {
          sourceId: `public-retention-${cameraId}-${end}`,
          cameraId,
          kind: 'PUBLIC_ORDER',
          startedAt: new Date(end - 600_000).toISOString(),
          endedAt: new Date(end).toISOString(),
          storageRef: `s3://vms-test/${cameraId}/${end}.mp4`,
          sha256: 'cd'.repeat(32),
          sizeBytes: 1_048_576,
        },
      ],
    },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.ingestRecordings.rejected).toEqual([]);
  return r.data!.ingestRecordings.createdIds[0] as string;
}
const rowOf = async (id: string) =>
  (
    await hub.stack.database.query<{ j: unknown }>(
      sql`select row_to_json(r) as j from footage.recordings r where id = ${id}`,
    )
  )[0]!.j;
/** A backup restored after the run brings a deleted recording back: deletion did not stick. */
async function restore(row: unknown) {
  await hub.stack.database.query(
    sql`insert into footage.recordings select * from json_populate_record(null::footage.recordings, ${JSON.stringify(row)}::json)`,
  );
}
async function runRetentionAt(aheadMs: number) {
  hub.clock.advance(aheadMs);
  try {
    const r = await hub.gql('police', 'mutation { runRetention { deletedCount finishedAt } }');
    expect(r.errors).toBeUndefined();
    return r.data!.runRetention as { deletedCount: number; finishedAt: string };
  } finally {
    hub.clock.advance(-aheadMs);
  }
}

describe('publicRetentionStatus', () => {
  it('anyone sees 0 violations and the last proof date; a recording the last run missed counts, a covert camera’s never', async () => {
    const open = await ingest('utrecht-neude-1');
    const covert = await ingest('antwerpen-anpr-koffer-1');
    const openRow = await rowOf(open);
    const covertRow = await rowOf(covert);
    const baseline = await runRetentionAt(0); // a run now: deletes neither, they expire in 28 days
    expect(await status('GM0344')).toEqual({ violationCount: 0, lastProofAt: baseline.finishedAt });

    // 29 days on, both expired after the last run: they wait for the next run, no violation yet
    hub.clock.advance(29 * DAY);
    try {
      expect((await status('GM0344')).violationCount).toBe(0);
    } finally {
      hub.clock.advance(-29 * DAY);
    }
    const run = await runRetentionAt(29 * DAY);
    expect(run.deletedCount).toBeGreaterThanOrEqual(2);
    const after = await status();
    expect(after).toEqual({ violationCount: 0, lastProofAt: run.finishedAt });

    // deletion did not stick (a backup restored after the run): the public figure shows it at once
    await restore(openRow);
    await restore(covertRow);
    expect((await status('GM0344')).violationCount).toBe(1);
    expect((await status()).violationCount).toBe(1);
    // the covert camera's recording moves no public figure; the authority's report sees both
    expect((await status('11002')).violationCount).toBe(0);
    expect((await status('GM0518')).violationCount).toBe(0);
    hub.clock.advance(29 * DAY);
    try {
      const report = await hub.gql(
        'authority',
        'query($f: DateTime!, $t: DateTime!) { retentionReport(from: $f, to: $t) { violationCount } }',
        { f: new Date(0).toISOString(), t: new Date(hub.clock.now().getTime() + DAY).toISOString() },
      );
      expect(report.data!.retentionReport.violationCount).toBeGreaterThanOrEqual(2);
    } finally {
      hub.clock.advance(-29 * DAY);
    }

    // the next run deletes them again: back to 0, with the new proof's date
    const again = await runRetentionAt(29 * DAY + 60_000);
    expect(again.deletedCount).toBeGreaterThanOrEqual(2);
    expect(await status('GM0344')).toEqual({ violationCount: 0, lastProofAt: again.finishedAt });
  });

  it('every signed-in actor but a source system may read it; the proofs stay closed to the public', async () => {
    for (const who of ['municipality', 'company', 'citizen', 'authority', 'police'] as const) {
      const r = await hub.gql(who, STATUS, { m: 'GM0344' });
      expect(r.errors, who).toBeUndefined();
      expect(r.data!.publicRetentionStatus.violationCount, who).toBe(0);
    }
    // a source system reads nothing back: refused at the gateway and by the subgraph on its own
    expect(codes(await hub.gql(SYSTEM, STATUS, { m: 'GM0344' }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('footage', SYSTEM, STATUS, { m: 'GM0344' }))).toEqual(['FORBIDDEN']);
    expect((await hub.direct('footage', 'public', STATUS, { m: 'GM0344' })).data?.publicRetentionStatus).toBeTruthy();
    // the proofs themselves: not for the public
    const proofs = await hub.gql(
      'public',
      '{ retentionReport(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { proofs { deletedDigest } } }',
    );
    expect(codes(proofs)).toEqual(['UNAUTHENTICATED']);
    // a malformed municipality is bad input
    expect(codes(await hub.gql('public', STATUS, { m: "GM0344' or 1=1" }))).toEqual(['BAD_USER_INPUT']);
  });
});

// Waste-container cameras end to end (000): recordings are kept only when marked as showing waste
// left beside the container; the rest is deleted within 24 h by the retention run, moved clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const CAM = 'denhaag-afval-laak-1';
const INGEST =
  'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "afval-software-laak", recordings: $r) { created rejected { index reason } createdIds } }';
const MARK =
  'mutation($id: ID!) { markWasteViolation(recordingId: $id, reason: "bags beside container, fine PV-2026-12") { id violation expiresAt } }';
const HOUR = 3_600_000;
let seq = 0;
const rec = (o: Record<string, unknown> = {}) => {
  const end = new Date(hub.clock.now().getTime() - HOUR);
  return {
    sourceId: `afval-${++seq}`,
    cameraId: CAM,
    kind: 'WASTE_CONTAINER',
    startedAt: new Date(end.getTime() - 60_000).toISOString(),
    endedAt: end.toISOString(),
    storageRef: `s3://afval/laak/${seq}.mp4`,
    sha256: 'cd'.repeat(32),
    sizeBytes: 2048,
    ...o,
  };
};
const exists = async (id: string) =>
  (await hub.stack.database.query(sql`select 1 from footage.recordings where id = ${id}`)).length === 1;
const retention = async () => {
  const r = await hub.gql('police', 'mutation { runRetention { deletedCount } }');
  expect(r.errors).toBeUndefined();
};

describe('waste-container cameras keep only violations (000)', () => {
  it('unmarked footage is gone after 24 h; marked (at ingest or by the police within the day) is kept 28 days', async () => {
    const reg = await hub.gql(
      'police',
      `mutation { registerCamera(input: { id: "${CAM}", name: "Afvalcontainer Laak", kind: WASTE_CONTAINER, location: { latitude: 52.07, longitude: 4.33 }, street: "Hoefkade", municipality: "GM0518" }) { id kind } }`,
    );
    expect(reg.errors).toBeUndefined();
    // the footage subgraph learns of the camera through its replica; until then the row is "unknown camera"
    let ids: string[] = [];
    for (let i = 0; i < 100 && ids.length === 0; i++) {
      const r = (await hub.gql('police', INGEST, { r: [rec(), rec({ violation: true }), rec()] })).data!
        .ingestRecordings;
      if (r.created === 3) ids = r.createdIds;
      else await new Promise((res) => setTimeout(res, 300));
    }
    expect(ids).toHaveLength(3);
    const [plain, markedAtIngest, markedLater] = ids as [string, string, string];
    // a waste-container camera cannot dodge the rule by calling its footage public-order footage
    const dodge = (await hub.gql('police', INGEST, { r: [rec({ kind: 'PUBLIC_ORDER' })] })).data!.ingestRecordings;
    expect(dodge.created).toBe(0);
    expect(dodge.rejected[0].reason).toMatch(/WASTE_CONTAINER/);
    const wrongKind = (
      await hub.gql('police', INGEST, {
        r: [rec({ cameraId: 'utrecht-neude-1', kind: 'PUBLIC_ORDER', violation: true })],
      })
    ).data!.ingestRecordings;
    expect(wrongKind.rejected[0].reason).toMatch(/only waste-container/);

    const m = await hub.gql('police', MARK, { id: markedLater });
    expect(m.errors).toBeUndefined();
    expect(m.data!.markWasteViolation.violation).toBe(true);
    expect((await hub.gql('police', MARK, { id: markedLater })).errors).toBeUndefined(); // idempotent
    for (const who of ['municipality', 'authority', 'company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, MARK, { id: plain })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('footage', who, MARK, { id: plain })), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', MARK, { id: plain }))).toEqual(['UNAUTHENTICATED']);
    const audited = await hub.stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from audit.entries where action = 'footage.recording.violation'`,
    );
    expect(audited[0]!.n).toBe(1);

    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(new Date(base + 22 * HOUR)); // 23 h after the end: still there
      await retention();
      expect([await exists(plain), await exists(markedAtIngest), await exists(markedLater)]).toEqual([
        true,
        true,
        true,
      ]);
      hub.clock.set(new Date(base + 24 * HOUR)); // 25 h after the end
      expect(codes(await hub.gql('police', MARK, { id: plain }))).toEqual(['CONFLICT']); // too late to mark
      await retention();
      expect([await exists(plain), await exists(markedAtIngest), await exists(markedLater)]).toEqual([
        false,
        true,
        true,
      ]);
      hub.clock.set(new Date(base + 27 * DAY));
      await retention();
      expect([await exists(markedAtIngest), await exists(markedLater)]).toEqual([true, true]);
      hub.clock.set(new Date(base + 29 * DAY));
      await retention();
      expect([await exists(markedAtIngest), await exists(markedLater)]).toEqual([false, false]);
    } finally {
      hub.clock.set(new Date(base));
    }
    expect(
      codes(await hub.gql('police', 'mutation { markWasteViolation(recordingId: "nope", reason: "x") { id } }')),
    ).toEqual(['NOT_FOUND']);
  });
});

// Bodycams of the municipality's enforcement officers end to end (002): each recording states the two
// spoken warnings before it and its purpose; the pilot's figures per month and purpose; the footage is
// the municipality's to view and keep for a complaint, the police's for a police report, nobody else's
// — at the gateway and in the subgraph; kept past 4 weeks only while secured (moved clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { demoMunicipalityActor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const CAM = 'denhaag-bodycam-handhavers-1';
const DEN_HAAG = demoMunicipalityActor('GM0518');
const HOUR = 3_600_000;
const INGEST =
  'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "bodycam-dock-denhaag", recordings: $r) { created rejected { index reason } createdIds } }';
const LIST = `query($m: String!, $from: DateTime!, $to: DateTime!, $use: FootageUse!, $ref: String!) {
  bodycamRecordings(municipality: $m, from: $from, to: $to, use: $use, reference: $ref, first: 50) {
    totalCount edges { node { id municipality spokenWarnings warningsBeforeRecording purpose underHold expiresAt camera { id } } } } }`;
const PLAY =
  'mutation($id: ID!, $use: FootageUse!, $ref: String!) { requestBodycamPlayback(recordingId: $id, use: $use, reference: $ref) { recordingId url use reference } }';
const SECURE =
  'mutation($id: ID!, $use: FootageUse!, $ref: String!) { secureBodycamRecording(recordingId: $id, use: $use, reference: $ref, reason: "complaint about the officer") { id underHold } }';
const RELEASE =
  'mutation($id: ID!, $use: FootageUse!, $ref: String!) { releaseBodycamRecording(recordingId: $id, use: $use, reference: $ref, reason: "complaint closed") { id underHold } }';
const FIGURES =
  'query($m: String!, $from: DateTime!, $to: DateTime!) { bodycamFigures(municipality: $m, from: $from, to: $to) { municipality month purpose recordings withoutTwoWarnings } }';
const GENERAL_PLAY = 'mutation($id: ID!) { requestPlayback(recordingId: $id, purpose: "PV-2026-99") { url } }';

let seq = 0;
const rec = (o: Record<string, unknown> = {}) => {
  const end = new Date(hub.clock.now().getTime() - HOUR);
  return {
    sourceId: `bc-${++seq}`,
    cameraId: CAM,
    kind: 'BODYCAM',
    startedAt: new Date(end.getTime() - 120_000).toISOString(),
    endedAt: end.toISOString(),
    storageRef: `s3://bodycam/denhaag/${seq}.mp4`,
    sha256: 'ab'.repeat(32),
    sizeBytes: 4096,
    ...o,
  };
};
const exists = async (id: string) =>
  (await hub.stack.database.query(sql`select 1 from footage.recordings where id = ${id}`)).length === 1;
const window = () => ({
  from: new Date(hub.clock.now().getTime() - DAY).toISOString(),
  to: new Date(hub.clock.now().getTime() + HOUR).toISOString(),
});

let warned: string;
let unwarned: string;

describe("bodycam recordings of the municipality's enforcement officers (002)", () => {
  it('each recording states the spoken warnings before it and its purpose; fewer than two is taken in and flagged', async () => {
    let result: any;
    // the footage subgraph learns the camera (and that the municipality runs it) from its replica
    for (let i = 0; i < 100; i++) {
      result = (
        await hub.gql('police', INGEST, {
          r: [
            rec({ spokenWarnings: 2, bodycamPurpose: 'VERBAL_AGGRESSION' }),
            rec({ spokenWarnings: 1, bodycamPurpose: 'THREAT_OF_VIOLENCE' }),
          ],
        })
      ).data!.ingestRecordings;
      if (result.created === 2) break;
      await new Promise((res) => setTimeout(res, 300));
    }
    expect(result.created).toBe(2);
    [warned, unwarned] = result.createdIds;
    const bad = (
      await hub.gql('police', INGEST, {
        r: [
          rec({ bodycamPurpose: 'VERBAL_AGGRESSION' }),
          rec({ spokenWarnings: 2 }),
          rec({ cameraId: 'utrecht-neude-1', kind: 'PUBLIC_ORDER', spokenWarnings: 2 }),
          rec({ spokenWarnings: -1, bodycamPurpose: 'OTHER_THREAT' }),
        ],
      })
    ).data!.ingestRecordings;
    expect(bad.created).toBe(0);
    expect(bad.rejected.map((r: any) => r.reason)).toEqual([
      expect.stringMatching(/spoken warnings .* purpose \(002\)/),
      expect.stringMatching(/spoken warnings .* purpose \(002\)/),
      expect.stringMatching(/for bodycam recordings/),
      expect.stringMatching(/whole number/),
    ]);
    // the police's own bodycams (Antwerp, 004) are not under the officers' rule
    const police = await hub.gql('police', INGEST, { r: [rec({ cameraId: 'antwerpen-bodycam-1' })] });
    expect(police.data!.ingestRecordings.created).toBe(1);

    const r = await hub.gql(
      'police',
      'query($id: ID!) { recording(id: $id, purpose: "PV-2026-99 check") { spokenWarnings warningsBeforeRecording bodycamPurpose } }',
      { id: unwarned },
    );
    expect(r.data!.recording).toEqual({
      spokenWarnings: 1,
      warningsBeforeRecording: false,
      bodycamPurpose: 'THREAT_OF_VIOLENCE',
    });
  });

  it("the municipality finds and views its own officers' footage for a complaint, audited under it", async () => {
    const list = await hub.gql(DEN_HAAG, LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-2026-014' });
    expect(list.errors).toBeUndefined();
    const nodes = list.data!.bodycamRecordings.edges.map((e: any) => e.node);
    // both started at the same moment: their order is by id
    expect(nodes.map((n: any) => [n.id, n.warningsBeforeRecording, n.purpose]).sort()).toEqual(
      [
        [warned, true, 'VERBAL_AGGRESSION'],
        [unwarned, false, 'THREAT_OF_VIOLENCE'],
      ].sort(),
    );
    expect(nodes.find((n: any) => n.id === warned)).toMatchObject({
      municipality: 'GM0518',
      spokenWarnings: 2,
      underHold: false,
      camera: { id: CAM },
    });
    const play = await hub.gql(DEN_HAAG, PLAY, { id: warned, use: 'COMPLAINT', ref: 'K-2026-014' });
    expect(play.errors).toBeUndefined();
    expect(play.data!.requestBodycamPlayback).toMatchObject({
      recordingId: warned,
      use: 'COMPLAINT',
      reference: 'K-2026-014',
      url: expect.stringContaining('sig='),
    });
    const audit = await hub.stack.database.query<{ action: string; purpose: string; actor_kind: string }>(
      sql`select action, purpose, actor_kind from audit.entries where purpose = 'COMPLAINT K-2026-014' order by seq`,
    );
    expect(audit.map((a) => [a.action, a.actor_kind])).toEqual([
      ['footage.recording.read', 'municipality'],
      ['footage.playback.grant', 'municipality'],
    ]);

    // not for a police report, not through the general footage API, and a reference is required
    expect(codes(await hub.gql(DEN_HAAG, PLAY, { id: warned, use: 'POLICE_REPORT', ref: 'PV-1' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(await hub.direct('footage', DEN_HAAG, PLAY, { id: warned, use: 'POLICE_REPORT', ref: 'PV-1' })),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(DEN_HAAG, PLAY, { id: warned, use: 'COMPLAINT', ref: ' ' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(await hub.gql(DEN_HAAG, LIST, { m: 'GM0518', ...window(), use: 'POLICE_REPORT', ref: 'PV-1' })),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(DEN_HAAG, GENERAL_PLAY, { id: warned }))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await hub.gql(
          DEN_HAAG,
          `{ recordings(filter: { cameraId: "${CAM}" }, purpose: "K-2026-014") { edges { node { id } } } }`,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('footage', DEN_HAAG, GENERAL_PLAY, { id: warned }))).toEqual(['FORBIDDEN']);
  });

  it('another municipality sees none of it: refused for another municipality, NOT_FOUND as for a missing recording', async () => {
    expect(
      codes(await hub.gql('municipality', LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-1' })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await hub.direct('footage', 'municipality', LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-1' }),
      ),
    ).toEqual(['FORBIDDEN']);
    // its own municipality's list has none of The Hague's rows
    const own = await hub.gql('municipality', LIST, { m: 'GM0344', ...window(), use: 'COMPLAINT', ref: 'K-1' });
    expect(own.data!.bodycamRecordings).toMatchObject({ totalCount: 0, edges: [] });
    expect(codes(await hub.gql('municipality', PLAY, { id: warned, use: 'COMPLAINT', ref: 'K-1' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      codes(await hub.gql('municipality', PLAY, { id: 'no-such-recording', use: 'COMPLAINT', ref: 'K-1' })),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await hub.gql('municipality', SECURE, { id: warned, use: 'COMPLAINT', ref: 'K-1' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await hub.gql('municipality', FIGURES, { m: 'GM0518', ...window() }))).toEqual(['FORBIDDEN']);
  });

  it('the police view it only for a police report, never through the general playback', async () => {
    expect(codes(await hub.gql('police', GENERAL_PLAY, { id: warned }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('footage', 'police', GENERAL_PLAY, { id: warned }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql('police', PLAY, { id: warned, use: 'COMPLAINT', ref: 'K-2026-014' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      codes(await hub.gql('police', LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-2026-014' })),
    ).toEqual(['FORBIDDEN']);
    const found = await hub.gql('police', LIST, {
      m: 'GM0518',
      ...window(),
      use: 'POLICE_REPORT',
      ref: 'PL1500-2026-311',
    });
    expect(found.data!.bodycamRecordings.totalCount).toBe(2);
    const seized = await hub.gql('police', PLAY, { id: warned, use: 'POLICE_REPORT', ref: 'PL1500-2026-311' });
    expect(seized.errors).toBeUndefined();
    expect(seized.data!.requestBodycamPlayback.use).toBe('POLICE_REPORT');
  });

  it('everyone else is refused at the gateway and at the subgraph', async () => {
    for (const who of ['authority', 'company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-1' })), who).toEqual([
        'FORBIDDEN',
      ]);
      expect(
        codes(await hub.direct('footage', who, LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-1' })),
        who,
      ).toEqual(['FORBIDDEN']);
      expect(codes(await hub.gql(who, PLAY, { id: warned, use: 'COMPLAINT', ref: 'K-1' })), who).toEqual(['FORBIDDEN']);
      expect(
        codes(await hub.direct('footage', who, SECURE, { id: warned, use: 'POLICE_REPORT', ref: 'PV-1' })),
        who,
      ).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', LIST, { m: 'GM0518', ...window(), use: 'COMPLAINT', ref: 'K-1' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(codes(await hub.direct('footage', 'public', PLAY, { id: warned, use: 'COMPLAINT', ref: 'K-1' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it("the pilot's figures per month and purpose: the municipality its own, the authority, not others", async () => {
    const month = hub.clock.now().toISOString().slice(0, 7);
    const period = {
      m: 'GM0518',
      from: new Date(hub.clock.now().getTime() - 40 * DAY).toISOString(),
      to: new Date(hub.clock.now().getTime() + DAY).toISOString(),
    };
    for (const who of [DEN_HAAG, 'authority', 'police'] as const) {
      const f = await hub.gql(who, FIGURES, period);
      expect(f.errors, JSON.stringify(who)).toBeUndefined();
      expect(f.data!.bodycamFigures).toEqual([
        { municipality: 'GM0518', month, purpose: 'THREAT_OF_VIOLENCE', recordings: 1, withoutTwoWarnings: 1 },
        { municipality: 'GM0518', month, purpose: 'VERBAL_AGGRESSION', recordings: 1, withoutTwoWarnings: 0 },
      ]);
    }
    for (const who of ['company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, FIGURES, period)), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('footage', who, FIGURES, period)), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql(DEN_HAAG, FIGURES, { ...period, to: period.from }))).toEqual(['BAD_USER_INPUT']);
  });

  it('deleted after 4 weeks unless secured for the complaint; released, it goes (moved clock)', async () => {
    const secured = await hub.gql(DEN_HAAG, SECURE, { id: warned, use: 'COMPLAINT', ref: 'K-2026-014' });
    expect(secured.data!.secureBodycamRecording).toEqual({ id: warned, underHold: true });
    expect(
      (await hub.gql(DEN_HAAG, SECURE, { id: warned, use: 'COMPLAINT', ref: 'K-2026-014' })).errors,
    ).toBeUndefined(); // idempotent
    expect(codes(await hub.gql(DEN_HAAG, SECURE, { id: warned, use: 'POLICE_REPORT', ref: 'PV-1' }))).toEqual([
      'FORBIDDEN',
    ]);
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(new Date(base + 27 * DAY));
      await hub.gql('police', 'mutation { runRetention { deletedCount } }');
      expect([await exists(warned), await exists(unwarned)]).toEqual([true, true]);
      hub.clock.set(new Date(base + 29 * DAY));
      await hub.gql('police', 'mutation { runRetention { deletedCount } }');
      expect([await exists(warned), await exists(unwarned)]).toEqual([true, false]);
      expect(codes(await hub.gql(DEN_HAAG, RELEASE, { id: warned, use: 'COMPLAINT', ref: 'K-other' }))).toEqual([
        'CONFLICT',
      ]);
      const released = await hub.gql(DEN_HAAG, RELEASE, { id: warned, use: 'COMPLAINT', ref: 'K-2026-014' });
      expect(released.data!.releaseBodycamRecording).toEqual({ id: warned, underHold: false });
      await hub.gql('police', 'mutation { runRetention { deletedCount } }');
      expect(await exists(warned)).toBe(false);
    } finally {
      hub.clock.set(new Date(base));
    }
    // the figures outlive the footage
    const f = await hub.gql(DEN_HAAG, FIGURES, {
      m: 'GM0518',
      from: new Date(hub.clock.now().getTime() - 40 * DAY).toISOString(),
      to: new Date(hub.clock.now().getTime() + DAY).toISOString(),
    });
    expect(f.data!.bodycamFigures.reduce((n: number, x: any) => n + x.recordings, 0)).toBe(2);
  });
});

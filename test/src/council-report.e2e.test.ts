// The half-yearly council report end to end (003 §6.1): per area the designation, sub-goals, watch
// hours, signals, footage figures, requests by kind and outcome, evaluations and ANPR passages, from
// all five subgraphs; a covert camera never counted; the municipality its own, the authority all,
// others refused at the gateway and in the subgraphs; downloadable as CSV and PDF with the caller's token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMunicipalityActor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const HOUR = 3_600_000;
const ANTWERP = demoMunicipalityActor('11002');
const REPORT = `query($m: String!, $half: String!) { councilReport(municipality: $m, half: $half) {
  municipality municipalityName half from to signalsShared
  areas { id areaId areaName areaKind subGoals watchHours signalsShared anprPassages
    designations { reference validFrom validUntil endedAt }
    evaluations { decisionReference effective conclusion continueSurveillance }
    footage { recordings securedForInvestigations holdsPlaced deletions }
    footageRequests { kind outcome count } } } }`;

/** The cameras subgraph's own part, for calls straight to it. */
const CAMERAS_PART =
  'query($m: String!, $half: String!) { councilReport(municipality: $m, half: $half) { municipality areas { id watchHours } } }';
let half: string;
const area = (r: any, id: string) => r.data!.councilReport.areas.find((a: any) => a.areaId === id);
const report = (who: Parameters<Hub['gql']>[0], m = 'GM0344', h = half) => hub.gql(who, REPORT, { m, half: h });
const retry = async <T>(f: () => Promise<T>, ok: (t: T) => boolean): Promise<T> => {
  let last = await f();
  for (let i = 0; i < 100 && !ok(last); i++) {
    await new Promise((res) => setTimeout(res, 300));
    last = await f();
  }
  return last;
};

/** What happens in Utrecht's city centre and stadium, and on a covert camera there, this half-year. */
async function activity() {
  const now = hub.clock.now();
  const end = new Date(now.getTime() - HOUR).toISOString();
  const start = new Date(now.getTime() - HOUR - 60_000).toISOString();
  const rec = (id: string, cameraId: string) => ({
    sourceId: id,
    cameraId,
    kind: 'PUBLIC_ORDER',
    startedAt: start,
    endedAt: end,
    storageRef: `s3://vms/${id}.mp4`,
    sha256: 'ef'.repeat(32),
    sizeBytes: 100,
  });
  // a covert camera in the city centre, with footage and a signal of its own
  expect(
    (
      await hub.gql(
        'police',
        'mutation { registerCamera(input: { id: "utrecht-covert-cr", name: "Observation", kind: FIXED, covert: true, location: { latitude: 52.09, longitude: 5.12 }, street: "Oudegracht", municipality: "GM0344", areaId: "utrecht-binnenstad" }) { id } }',
      )
    ).errors,
  ).toBeUndefined();
  const ingest =
    'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-utrecht-cr", recordings: $r) { created createdIds } }';
  // one at a time: the footage subgraph learns a new camera from its replica, until then "unknown camera"
  const ids: string[] = [];
  for (const [id, cameraId] of [
    ['cr-1', 'utrecht-neude-1'],
    ['cr-2', 'utrecht-vredenburg-1'],
    ['cr-3', 'utrecht-covert-cr'],
  ] as const) {
    const one = await retry(
      () => hub.gql('police', ingest, { r: [rec(id, cameraId)] }),
      (r) => r.data?.ingestRecordings.created === 1,
    );
    expect(one.data!.ingestRecordings.created).toBe(1);
    ids.push(one.data!.ingestRecordings.createdIds[0]);
  }
  const [first, , covert] = ids;
  expect(
    (
      await hub.gql('police', 'mutation($i: PlaceLegalHoldInput!) { placeLegalHold(input: $i) { id } }', {
        i: { recordingIds: [first, covert], caseReference: 'PL0900-2026-CR', reason: 'assault' },
      })
    ).errors,
  ).toBeUndefined();
  const share = 'mutation($i: ShareSignalInput!) { shareSignal(input: $i) { id } }';
  for (const cameraId of ['utrecht-neude-1', 'utrecht-covert-cr', undefined]) {
    const r = await hub.gql('police', share, {
      i: {
        municipality: 'GM0344',
        category: 'VANDALISM',
        description: 'bench broken',
        observedAt: start,
        ...(cameraId ? { cameraId } : {}),
      },
    });
    expect(r.errors).toBeUndefined();
  }
  const evaluation = await hub.gql(
    'municipality',
    'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }',
    {
      i: {
        decisionId: 'utrecht-binnenstad-decision',
        effective: true,
        conclusion: 'Fewer night-time assaults',
        continueSurveillance: true,
      },
    },
  );
  expect(evaluation.errors).toBeUndefined();
  // a police report for the centre and one naming only the covert camera (not counted)
  const file = 'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id } }';
  for (const [n, cameraIds] of [
    ['1', ['utrecht-neude-1', 'utrecht-vredenburg-1']],
    ['2', ['utrecht-covert-cr']],
  ] as const) {
    const r = await retry(
      () =>
        hub.gql('police', file, {
          i: {
            kind: 'POLICE_REPORT',
            reportNumber: `PL0900-2026-CR${n}`,
            cameraIds,
            windowStart: start,
            windowEnd: end,
            place: 'Neude',
            description: 'assault',
          },
        }),
      (x) => !x.errors,
    );
    expect(r.errors).toBeUndefined();
  }
  // a match at the stadium: watched 1 h before until 1 h after a 2-hour match = 4 hours
  const matchStart = new Date(
    Math.max(
      now.getTime() - 3 * DAY,
      new Date(`${half.slice(0, 4)}-${half.endsWith('1') ? '01' : '07'}-01T00:00:00Z`).getTime() + 2 * HOUR,
    ),
  );
  const s = await hub.gql(
    'municipality',
    'mutation($i: ScheduleWatchEventInput!) { scheduleWatchEvent(input: $i) { id } }',
    {
      i: {
        areaId: 'utrecht-galgenwaard',
        name: 'FC Utrecht - PSV',
        startsAt: matchStart.toISOString(),
        endsAt: new Date(matchStart.getTime() + 2 * HOUR).toISOString(),
        watchBeforeMinutes: 60,
        watchAfterMinutes: 60,
      },
    },
  );
  expect(s.errors).toBeUndefined();
  // an ANPR passage in Antwerp
  const anpr = await hub.gql('police', 'mutation($r: [AnprReadInput!]!) { ingestAnprReads(reads: $r) { created } }', {
    r: [
      {
        sourceReadId: 'cr-anpr-1',
        cameraId: 'antwerpen-noorderlaan-1',
        observedAt: start,
        plate: '1-ABC-234',
        country: 'BE',
        confidence: 0.9,
      },
    ],
  });
  expect(anpr.data?.ingestAnprReads.created).toBe(1);
}

describe('the half-yearly council report (003 §6.1)', () => {
  beforeAll(async () => {
    const now = hub.clock.now();
    half = `${now.getUTCFullYear()}-H${now.getUTCMonth() < 6 ? 1 : 2}`;
    await activity();
  });

  it('per area: designation, sub-goals, watch hours, signals, footage, requests, evaluations — a covert camera never counted', async () => {
    const r = await retry(
      () => report('municipality'),
      (x) => (area(x, 'utrecht-binnenstad')?.footageRequests.length ?? 0) > 0,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.councilReport).toMatchObject({ municipality: 'GM0344', municipalityName: 'Utrecht', half });
    expect(r.data!.councilReport.signalsShared).toBeGreaterThanOrEqual(3);
    const centre = area(r, 'utrecht-binnenstad');
    expect(centre).toMatchObject({
      id: `${half}:GM0344:utrecht-binnenstad`,
      areaKind: 'CITY_CENTRE',
      subGoals: ['PREVENTION', 'INTERVENTION', 'INVESTIGATION'],
      designations: [{ reference: 'GM0344/utrecht-binnenstad/2023' }],
      // the covert camera's recording, hold and signal are left out: 2 recordings, 1 secured, 1 signal
      footage: { recordings: 2, securedForInvestigations: 1, holdsPlaced: 1, deletions: 0 },
      signalsShared: 1,
      // the request naming only the covert camera is not counted; the other counts once for its two cameras
      footageRequests: [{ kind: 'POLICE_REPORT', outcome: 'PENDING', count: 1 }],
      evaluations: [
        {
          decisionReference: 'GM0344/utrecht-binnenstad/2023',
          effective: true,
          conclusion: 'Fewer night-time assaults',
          continueSurveillance: true,
        },
      ],
      anprPassages: null,
    });
    // the stadium is watched only around its match (003 §3.3)
    expect(area(r, 'utrecht-galgenwaard')).toMatchObject({
      areaKind: 'STADIUM',
      watchHours: 4,
      footage: { recordings: 0 },
    });
  });

  it('ANPR passages where the area has ANPR cameras', async () => {
    const r = await retry(
      () => report(ANTWERP, '11002'),
      (x) => (area(x, 'antwerpen-anpr')?.anprPassages ?? 0) > 0,
    );
    expect(r.errors).toBeUndefined();
    expect(area(r, 'antwerpen-anpr').anprPassages).toBe(1);
    expect(area(r, 'antwerpen-binnenstad').anprPassages).toBeNull();
  });

  it('the authority reads every report; another municipality and everyone else is refused at the gateway and the subgraph', async () => {
    const ap = await report('authority', '11002');
    expect(ap.errors).toBeUndefined();
    expect(ap.data!.councilReport.municipality).toBe('11002');
    expect(codes(await report('municipality', '11002'))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', 'municipality', CAMERAS_PART, { m: '11002', half }))).toEqual([
      'FORBIDDEN',
    ]);
    for (const who of ['company', 'citizen', 'system'] as const) {
      expect(codes(await report(who)), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, CAMERAS_PART, { m: 'GM0344', half })), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await report('public'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await hub.direct('cameras', 'public', CAMERAS_PART, { m: 'GM0344', half }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      (await hub.direct('cameras', ANTWERP, CAMERAS_PART, { m: '11002', half })).data!.councilReport.municipality,
    ).toBe('11002');
    // the figures' own subgraphs refuse an area row of another municipality asked for directly
    const entities =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on CouncilReportArea { id footage { recordings } } } }';
    const rep = [{ __typename: 'CouncilReportArea', id: `${half}:11002:antwerpen-binnenstad` }];
    const parts = { footage: 'footage { recordings }', requests: 'footageRequests { count }', anpr: 'anprPassages' };
    for (const [subgraph, field] of Object.entries(parts)) {
      for (const who of ['municipality', 'company', 'citizen', 'system'] as const) {
        const d = await hub.direct(
          subgraph,
          who,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on CouncilReportArea { id ${field} } } }`,
          { r: rep },
        );
        expect(d.data?._entities ?? [null], `${subgraph} ${who}`).toEqual([null]);
      }
    }
    const own = await hub.direct('footage', ANTWERP, entities, { r: rep });
    expect(own.data!._entities[0]).toMatchObject({ id: rep[0]!.id, footage: { recordings: expect.any(Number) } });
  });

  it('a malformed or future half-year is BAD_USER_INPUT', async () => {
    expect(codes(await report('municipality', 'GM0344', '2026-H3'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await report('municipality', 'GM0344', 'H2-2026'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await report('municipality', 'GM0344', `${hub.clock.now().getUTCFullYear() + 1}-H2`))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await report('authority', 'GM9999'))).toEqual(['BAD_USER_INPUT']);
  });

  it('downloads as CSV and PDF through the gateway with the caller’s token; refused the same way', async () => {
    const base = hub.url.replace(/\/graphql$/, '');
    const get = async (who: Parameters<Hub['gql']>[0], query: string) => {
      const t = await hub.token(who);
      return fetch(`${base}/reports/council?${query}`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    };
    const csv = await get('municipality', `municipality=GM0344&half=${half}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`council-report-GM0344-${half}.csv`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'municipality,half,areaId,areaName,areaKind,designations,subGoals,watchHours,signalsShared,recordings,securedForInvestigations,holdsPlaced,deletions,footageRequests,anprPassages,evaluations',
    );
    const centre = lines.find((l) => l.includes(',utrecht-binnenstad,'))!;
    expect(centre).toContain('POLICE_REPORT PENDING: 1');
    expect(centre.split(',').slice(7, 13)).toEqual(['0', '1', '2', '1', '1', '0']);

    const pdf = await get('authority', `municipality=GM0344&half=${half}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);

    expect((await get('municipality', `municipality=11002&half=${half}&format=pdf`)).status).toBe(403);
    expect((await get('company', `municipality=GM0344&half=${half}`)).status).toBe(403);
    expect((await get('public', `municipality=GM0344&half=${half}`)).status).toBe(401);
    expect((await get('municipality', `municipality=GM0344&half=${half}&format=xlsx`)).status).toBe(400);
    expect((await get('municipality', 'municipality=GM0344&half=2026-H9')).status).toBe(400);
  });
});

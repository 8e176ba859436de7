// Inference: what a caller may not read must not be learnable another way. Each class (selection
// before policy, identity, side effects, counts) is tried through the gateway and, where the subgraph
// decides on its own, directly at the subgraph with a gateway-signed actor. (Timing: anpr-timing.e2e.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
}, 180_000);
afterAll(async () => hub?.close());

const UTRECHT = 'GM0344';
const ANTWERP = '11002';
const antwerpOfficial: Actor = {
  kind: 'municipality',
  sub: 'antwerpen-1',
  org: 'stad-antwerpen-veiligheid',
  municipality: ANTWERP,
};
const UNKNOWN_AREA = 'no-such-area-0000';

/** Through the gateway and straight at the cameras subgraph: the subgraph decides on its own. */
const both = async (
  who: Parameters<Hub['gql']>[0],
  subgraph: string,
  query: string,
  variables?: Record<string, unknown>,
) => [await hub.gql(who, query, variables), await hub.direct(subgraph, who, query, variables)];

describe('selection before policy (cameras)', () => {
  let draftArea: string;
  beforeAll(async () => {
    // Antwerp files a draft designation for a new area (not public until published), and the police
    // put a (non-covert) camera in it
    const from = hub.clock.now();
    const r = await hub.gql(
      antwerpOfficial,
      'mutation($i: DesignateAreaInput!) { designateArea(input: $i) { id area { id } } }',
      {
        i: {
          newArea: {
            name: 'Draft square',
            municipality: ANTWERP,
            kind: 'NEIGHBOURHOOD',
            watchSchedule: {
              description: 'nights',
              continuous: false,
              windows: [{ days: ['SAT'], from: '22:00', to: '04:00' }],
            },
          },
          reference: 'DRAFT-1',
          legalBasis: 'art. 135 NGW',
          validFrom: new Date(from.getTime() + DAY).toISOString(),
          validUntil: new Date(from.getTime() + 90 * DAY).toISOString(),
          subGoals: ['PREVENTION'],
          signagePlaced: false,
          residentsInformed: false,
          published: false,
        },
      },
    );
    expect(r.errors).toBeUndefined();
    draftArea = r.data!.designateArea.area.id;
    const cam = await hub.gql('police', 'mutation($i: RegisterCameraInput!) { registerCamera(input: $i) { id } }', {
      // OFFLINE: a Belgian camera is active only once the council approved its location (004)
      i: {
        id: 'infer-draft-cam-1',
        name: 'Draft cam',
        kind: 'FIXED',
        status: 'OFFLINE',
        street: 'Draft square',
        municipality: ANTWERP,
        areaId: draftArea,
        location: { latitude: 51.22, longitude: 4.4 },
      },
    });
    expect(cam.errors).toBeUndefined();
  });

  const COUNT = 'query($a: ID) { cameras(filter: { areaId: $a }) { totalCount edges { node { id } } } }';

  it("a draft area's cameras count 0 for those who may not see the area, as an unknown area does", async () => {
    for (const who of ['public', 'company', 'citizen', 'municipality'] as const) {
      for (const r of await both(who, 'cameras', COUNT, { a: draftArea })) {
        expect(r.errors, who).toBeUndefined();
        expect(r.data?.cameras, who).toEqual({ totalCount: 0, edges: [] });
      }
      for (const r of await both(who, 'cameras', COUNT, { a: UNKNOWN_AREA }))
        expect(r.data?.cameras, who).toEqual({ totalCount: 0, edges: [] });
    }
    // its own municipality and the police do see it
    for (const who of [antwerpOfficial, 'police'] as const) {
      const r = await hub.gql(who, COUNT, { a: draftArea });
      expect(r.data?.cameras.totalCount).toBe(1);
    }
  });

  it("designating or scheduling watching in another municipality's draft area is NOT_FOUND, as for an unknown id", async () => {
    const until = new Date(hub.clock.now().getTime() + 60 * DAY).toISOString();
    const DESIGNATE = 'mutation($i: DesignateAreaInput!) { designateArea(input: $i) { id } }';
    const input = (areaId: string) => ({
      i: {
        areaId,
        reference: 'X-1',
        legalBasis: 'art. 151c Gemeentewet',
        validFrom: hub.clock.now().toISOString(),
        validUntil: until,
        subGoals: ['PREVENTION'],
        signagePlaced: false,
        residentsInformed: false,
        published: false,
      },
    });
    const SCHEDULE = 'mutation($i: ScheduleWatchEventInput!) { scheduleWatchEvent(input: $i) { id } }';
    const event = (areaId: string) => ({
      i: {
        areaId,
        name: 'Match',
        startsAt: new Date(hub.clock.now().getTime() + DAY).toISOString(),
        endsAt: new Date(hub.clock.now().getTime() + DAY + 7_200_000).toISOString(),
      },
    });
    for (const [q, v] of [
      [DESIGNATE, input],
      [SCHEDULE, event],
    ] as const) {
      const hidden = await both('municipality', 'cameras', q, v(draftArea));
      const unknown = await both('municipality', 'cameras', q, v(UNKNOWN_AREA));
      for (const r of [...hidden, ...unknown]) expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(hidden.map((r) => r.errors?.[0]?.message.replace(draftArea, '<id>'))).toEqual(
        unknown.map((r) => r.errors?.[0]?.message.replace(UNKNOWN_AREA, '<id>')),
      );
    }
    // a published area of another municipality is known to everyone: that one is refused for what it is
    expect(codes(await hub.gql('municipality', DESIGNATE, input('denhaag-centraal')))).toEqual(['FORBIDDEN']);
  });

  it('a decommissioned camera is hidden from whoever may not read status: the list and the register agree', async () => {
    const decommissioned = 'utrecht-ledig-erf-1';
    const [row] = await hub.stack.database.query<{ status: string }>(
      sql`select status from cameras.cameras where id = ${decommissioned}`,
    );
    expect(row!.status).toBe('DECOMMISSIONED');
    const ids = async (who: Parameters<Hub['gql']>[0], query: string, pick: (d: any) => string[]) => {
      const r = await hub.gql(who, query);
      expect(r.errors).toBeUndefined();
      return pick(r.data).sort();
    };
    for (const who of ['public', 'company', 'citizen', antwerpOfficial] as const) {
      const listed = await ids(
        who,
        `{ cameras(filter: { municipality: "${UTRECHT}" }, first: 100) { edges { node { id } } } }`,
        (d) => d.cameras.edges.map((e: any) => e.node.id),
      );
      const register = await ids(
        who,
        `{ publicCameraRegister(municipality: "${UTRECHT}", first: 100) { edges { node { cameraId } } } }`,
        (d) => d.publicCameraRegister.edges.map((e: any) => e.node.cameraId),
      );
      expect(listed).toEqual(register);
      expect(listed).not.toContain(decommissioned);
      for (const r of await both(who, 'cameras', `{ camera(id: "${decommissioned}") { id } }`))
        expect(codes(r)).toEqual(['NOT_FOUND']);
    }
    // whoever reads status still sees it, with its status
    for (const who of ['police', 'municipality', 'authority'] as const) {
      const r = await hub.gql(who, `{ camera(id: "${decommissioned}") { id status } }`);
      expect(r.data?.camera).toEqual({ id: decommissioned, status: 'DECOMMISSIONED' });
    }
  });
});

// ---- requests: identity, side effects, counts ----

const HOUR = 3_600_000;
const at = (msAgo: number) => new Date(hub.clock.now().getTime() - msAgo).toISOString();
async function withClockAhead<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  hub.clock.advance(ms);
  try {
    return await fn();
  } finally {
    hub.clock.advance(-ms);
  }
}
/** Deliver events until the hold round trip (requests → footage → requests) has handled all of them. */
async function settle() {
  const consumers: Array<[string, string[]]> = [
    ['footage.request-holds', ['requests.holdRequested', 'requests.holdReleaseRequested']],
    ['requests.footage-holds', ['footage.holdsPlaced', 'footage.holdReleased']],
  ];
  const end = Date.now() + 15_000;
  for (;;) {
    await hub.stack.events.flush();
    let pending = false;
    for (const [name, topics] of consumers) {
      const [row] = await hub.stack.database.query<{ pending: boolean }>(
        sql`select exists (select 1 from events.outbox o, events.consumers c
              where c.name = ${name} and o.topic in (${sql.join(
                topics.map((t) => sql`${t}`),
                sql`, `,
              )}) and (o.tx, o.id) > (c.tx, c.id)) as pending`,
      );
      pending ||= row!.pending;
    }
    if (!pending) return;
    if (Date.now() > end) throw new Error('events were not delivered within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const FILE = 'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id status holdStatus } }';
const FILE_ACCESS =
  'mutation($i: FileAccessRequestInput!) { fileAccessRequest(input: $i) { id kind status decisionReason } }';
const REVIEW =
  'mutation($id: ID!, $a: RequestReviewAction!) { reviewFootageRequest(id: $id, action: $a) { id status holdStatus } }';
const report = (cameraIds: string[], o: Record<string, unknown> = {}) => ({
  kind: 'POLICE_REPORT',
  reportNumber: `PL-INF-${Math.floor(Math.random() * 1e6)}`,
  cameraIds,
  windowStart: at(2 * HOUR),
  windowEnd: at(HOUR),
  place: 'somewhere',
  description: 'an incident',
  ...o,
});
const accessInput = (cameraIds: string[], o: Record<string, unknown> = {}) => ({
  cameraIds,
  windowStart: at(2 * HOUR),
  windowEnd: at(HOUR),
  place: 'somewhere',
  description: 'I was there, red coat',
  ...o,
});

describe('identity: ownership is kind and subject, not the subject alone', () => {
  const officer = { kind: 'police', sub: 'shared-sub-42', org: 'politie-midden-nederland' } as const satisfies Actor;
  const lookalike = { kind: 'citizen', sub: 'shared-sub-42' } as const satisfies Actor;

  it("a citizen whose sub equals an officer's sees none of the officer's requests; the officer none of the citizen's", async () => {
    const filed = await hub.gql(officer, FILE, { i: report(['utrecht-neude-1']) });
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileFootageRequest.id;
    const MINE = '{ myRequests(first: 100) { totalCount edges { node { id kind } } } }';
    for (const r of await both(lookalike, 'requests', MINE)) {
      expect(r.errors).toBeUndefined();
      expect(r.data?.myRequests).toEqual({ totalCount: 0, edges: [] });
    }
    for (const r of await both(lookalike, 'requests', 'query($id: ID!) { footageRequest(id: $id) { id status } }', {
      id,
    }))
      expect(codes(r)).toEqual(['NOT_FOUND']);
    // the citizen's own access request is theirs alone: not among the officer's own requests
    const own = await hub.gql(lookalike, FILE_ACCESS, { i: accessInput(['utrecht-neude-1']) });
    expect(own.errors).toBeUndefined();
    const mine = await hub.gql(lookalike, MINE);
    expect(mine.data?.myRequests.edges.map((e: any) => e.node.id)).toEqual([own.data!.fileAccessRequest.id]);
    const officers = await hub.gql(officer, MINE);
    expect(officers.data?.myRequests.edges.map((e: any) => e.node.id)).toEqual([id]);
  });
});

describe('side effects: a citizen learns nothing of police holds', () => {
  it('an access request past retention is EXPIRED whether or not the police hold footage of that window', async () => {
    const INGEST =
      'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-infer", recordings: $r) { rejected { reason } } }';
    const held = 'almere-grote-markt-1';
    const notHeld = 'almere-stationsplein-1';
    const rec = (cameraId: string) => ({
      sourceId: `inf-${cameraId}-${Math.random().toString(36).slice(2, 8)}`,
      cameraId,
      kind: 'PUBLIC_ORDER',
      startedAt: at(100 * 60_000),
      endedAt: at(90 * 60_000),
      storageRef: 's3://vms/inf.mp4',
      sha256: 'ab'.repeat(32),
      sizeBytes: 1024,
    });
    const ingested = await hub.gql('police', INGEST, { r: [rec(held), rec(notHeld)] });
    expect(ingested.data?.ingestRecordings.rejected).toEqual([]);
    const first = await hub.gql('police', FILE, { i: report([held]) });
    const id = first.data!.fileFootageRequest.id;
    await hub.gql('police', REVIEW, { id, a: 'START_REVIEW' });
    await hub.gql('police', REVIEW, { id, a: 'APPROVE' });
    await settle();
    const [row] = await hub.stack.database.query<{ hold_status: string }>(
      sql`select hold_status from requests.footage_requests where id = ${id}`,
    );
    expect(row!.hold_status).toBe('PLACED');
    // 29 days on: the police still have the footage of `held` (and a police request would say so) ...
    const policeInput = report([held]);
    const police = await withClockAhead(29 * DAY, () => hub.gql('police', FILE, { i: policeInput }));
    expect(police.data?.fileFootageRequest.status).toBe('SUBMITTED');
    // ... but the citizen's answer is the retention period's, for both cameras alike
    const answers = [];
    for (const camera of [held, notHeld]) {
      const i = accessInput([camera]); // the same window, filed 29 days later
      const r = await withClockAhead(29 * DAY, () => hub.gql('citizen', FILE_ACCESS, { i }));
      expect(r.errors).toBeUndefined();
      answers.push({ status: r.data!.fileAccessRequest.status, reason: r.data!.fileAccessRequest.decisionReason });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe('EXPIRED');
    expect(answers[0]!.reason).not.toMatch(/hold/i);
  });
});

describe('counts: no figure a municipality or the authority sees moves because of a covert camera', () => {
  const STATS =
    'query($m: String!, $f: DateTime!, $t: DateTime!) { requestStatistics(municipality: $m, from: $f, to: $t) { kind status month count } }';

  it('requestStatistics does not count a prosecutor request on a covert camera', async () => {
    const window = {
      m: ANTWERP,
      f: new Date(hub.clock.now().getTime() - 40 * DAY).toISOString(),
      t: new Date(hub.clock.now().getTime() + DAY).toISOString(),
    };
    const figures = async () => {
      const out = [];
      for (const who of [antwerpOfficial, 'authority', 'police'] as const) {
        for (const r of await both(who, 'requests', STATS, window)) {
          expect(r.errors).toBeUndefined();
          out.push(r.data!.requestStatistics);
        }
      }
      return out;
    };
    const before = await figures();
    const covert = await hub.gql('police', FILE, {
      i: report(['antwerpen-anpr-koffer-1'], { kind: 'PROSECUTOR', reportNumber: null, caseReference: 'PARKET-INF-1' }),
    });
    expect(covert.errors).toBeUndefined();
    expect(await figures()).toEqual(before);
    // the same request on a camera anyone may know of is counted (the figures do move for that)
    const open = await hub.gql('police', FILE, {
      i: report(['antwerpen-groenplaats-1'], { kind: 'PROSECUTOR', reportNumber: null, caseReference: 'PARKET-INF-2' }),
    });
    expect(open.errors).toBeUndefined();
    expect(await figures()).not.toEqual(before);
  });
});

// Footage requests end to end: police report → review → approval secures the footage in the footage
// subgraph (events, no shared tables) → retention keeps it → closing releases it; access requests
// with their one-month deadline; deadlines with a moved clock; who sees what, at the gateway and at
// the subgraph; bad input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor, ActorKind } from '@hub/auth';
import type { HoldRequestedPayload } from '@hub/events';
import { addMonths } from '@hub/requests';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const HOUR = 3_600_000;
const UTRECHT = 'GM0344';
const otherCitizen: Actor = { kind: 'citizen', sub: 'citizen-other-77' };

/** The durable consumers of the hold round trip (requests → footage → requests) and their topics. */
const HOLD_CONSUMERS: Array<[string, string[]]> = [
  ['footage.request-holds', ['requests.holdRequested', 'requests.holdReleaseRequested']],
  ['requests.footage-holds', ['footage.holdsPlaced', 'footage.holdReleased']],
];
/**
 * Cross-subgraph effects take two hops: deliver events until both consumers have handled every
 * event of their topics. (On PostgreSQL a transaction anywhere in the cluster can hold an event back
 * for a moment — readers take finished transactions only — so one flush is not always enough.)
 */
async function settle() {
  const end = Date.now() + 15_000;
  for (;;) {
    await hub.stack.events.flush();
    let pending = false;
    for (const [name, topics] of HOLD_CONSUMERS) {
      const [row] = await hub.stack.database.query<{ pending: boolean }>(
        sql`select exists (select 1 from events.outbox o, events.consumers c
              where c.name = ${name} and o.topic in (${sql.join(
                topics.map((t) => sql`${t}`),
                sql`, `,
              )})
                and (o.tx, o.id) > (c.tx, c.id)) as pending`,
      );
      pending ||= row!.pending;
    }
    if (!pending) return;
    if (Date.now() > end) throw new Error('events were not delivered within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const at = (msAgo: number) => new Date(hub.clock.now().getTime() - msAgo).toISOString();
async function withClockAhead<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  hub.clock.advance(ms);
  try {
    return await fn();
  } finally {
    hub.clock.advance(-ms);
  }
}

const FIELDS = `id kind reportNumber caseReference status municipality requester requesterId filedAt dueAt flaggedLate
  decision decisionReason holdsPlaced holdStatus recordingCount overdue extendedUntil extensionReason cameras { id }`;
const FILE = `mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { ${FIELDS} } }`;
const FILE_ACCESS =
  'mutation($i: FileAccessRequestInput!) { fileAccessRequest(input: $i) { id kind status filedAt dueAt decision } }';
const REVIEW = `mutation($id: ID!, $a: RequestReviewAction!, $r: String) { reviewFootageRequest(id: $id, action: $a, reason: $r) { ${FIELDS} } }`;
const FULFIL = `mutation($id: ID!, $i: FulfilFootageRequestInput) { fulfilFootageRequest(id: $id, input: $i) { ${FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $r: String!) { closeFootageRequest(id: $id, reason: $r) { ${FIELDS} } }`;
const EXTEND =
  'mutation($id: ID!, $u: DateTime!, $r: String!) { extendAccessRequest(id: $id, until: $u, reason: $r) { dueAt extendedUntil extensionReason } }';
const GET = `query($id: ID!) { footageRequest(id: $id) { ${FIELDS} } }`;
const RUN = 'mutation { runRetention { deletedCount heldBackCount } }';

/** A police-report request over a one-hour window that ended `endedAgo` before the hub's clock. */
const report = (o: Record<string, unknown> = {}, endedAgo = HOUR) => ({
  kind: 'POLICE_REPORT',
  reportNumber: `PL0900-2026-${Math.floor(Math.random() * 1e6)}`,
  cameraIds: ['utrecht-neude-1'],
  windowStart: at(endedAgo + HOUR),
  windowEnd: at(endedAgo),
  place: 'Neude, Utrecht',
  description: 'Street robbery in front of the post office; victim reported at the desk',
  ...o,
});
const access = (o: Record<string, unknown> = {}) => ({
  cameraIds: ['denhaag-bodycam-handhavers-1'],
  windowStart: at(3 * HOUR),
  windowEnd: at(2 * HOUR),
  place: 'Grote Marktstraat, Den Haag',
  description: 'I was stopped by two enforcement officers; red coat, black backpack',
  ...o,
});

/** An access request that reached the police by letter 40 days ago, about an hour of bodycam footage 5 days before. */
const received = (o: Record<string, unknown> = {}) => ({
  ...access({ windowStart: at(45 * DAY + HOUR), windowEnd: at(45 * DAY) }),
  receivedAt: at(40 * DAY),
  channel: 'LETTER',
  ...o,
});
const RECORD = `mutation($i: RecordReceivedAccessRequestInput!) { recordReceivedAccessRequest(input: $i) {
  id kind status channel receivedAt filedAt dueAt overdue history { action actorKind reason } } }`;

async function ok<T = any>(p: Promise<{ data?: any; errors?: unknown }>, field: string): Promise<T> {
  const r = await p;
  expect(r.errors, field).toBeUndefined();
  return r.data[field] as T;
}
const file = (i: Record<string, unknown>) => ok(hub.gql('police', FILE, { i }), 'fileFootageRequest');
const review = (id: string, a: string, r?: string) =>
  ok(hub.gql('police', REVIEW, { id, a, r }), 'reviewFootageRequest');
const get = (id: string) => ok(hub.gql('police', GET, { id }), 'footageRequest');

const INGEST =
  'mutation($r: [RecordingInput!]!) { ingestRecordings(sourceSystem: "vms-requests-test", recordings: $r) { createdIds rejected { reason } } }';
let seq = 0;
/** A recording of `camera` from `startAgo` to `endAgo` before the hub's clock. */
const rec = (camera: string, startAgo: number, endAgo: number) => ({
  sourceId: `req-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
  cameraId: camera,
  kind: 'PUBLIC_ORDER',
  startedAt: at(startAgo),
  endedAt: at(endAgo),
  storageRef: `s3://vms/requests/${seq}.mp4`,
  sha256: 'cd'.repeat(32),
  sizeBytes: 4096,
});
async function ingest(rows: unknown[]): Promise<string[]> {
  const r = await ok<{ createdIds: string[]; rejected: unknown[] }>(
    hub.gql('police', INGEST, { r: rows }),
    'ingestRecordings',
  );
  expect(r.rejected).toEqual([]);
  return r.createdIds;
}
const exists = async (id: string) =>
  (await hub.stack.database.query(sql`select 1 from footage.recordings where id = ${id}`)).length === 1;
const runRetentionAhead = (ms: number) => withClockAhead(ms, () => ok(hub.gql('police', RUN), 'runRetention'));

describe('police report → review → approval secures footage → retention keeps it → closing releases it', () => {
  it('the whole flow through the gateway', async () => {
    // two recordings in the window, one before it, one of another camera
    const [inA, inB, before, other] = (await ingest([
      rec('utrecht-neude-1', 110 * 60_000, 95 * 60_000),
      rec('utrecht-neude-1', 80 * 60_000, 65 * 60_000),
      rec('utrecht-neude-1', 5 * HOUR, 4.5 * HOUR),
      rec('utrecht-vredenburg-1', 110 * 60_000, 95 * 60_000),
    ])) as [string, string, string, string];

    const windowStart = at(2 * HOUR);
    const filed = await file(report({ windowStart, windowEnd: at(HOUR), reportNumber: 'PL0900-2026-777001' }));
    expect(filed).toMatchObject({
      kind: 'POLICE_REPORT',
      status: 'SUBMITTED',
      municipality: UTRECHT,
      requester: 'politie-midden-nederland',
      flaggedLate: false,
      holdsPlaced: false,
      holdStatus: 'NONE',
      overdue: false,
      cameras: [{ id: 'utrecht-neude-1' }],
    });
    // due before the window's first footage is deleted (28 days after it)
    expect(new Date(filed.dueAt).getTime()).toBe(new Date(windowStart).getTime() + 28 * DAY);

    // approving straight from SUBMITTED is illegal: CONFLICT, nothing changes
    expect(codes(await hub.gql('police', REVIEW, { id: filed.id, a: 'APPROVE' }))).toEqual(['CONFLICT']);
    expect((await get(filed.id)).status).toBe('SUBMITTED');

    expect((await review(filed.id, 'START_REVIEW')).status).toBe('IN_REVIEW');
    const approved = await review(filed.id, 'APPROVE', 'Victim identified the place and time');
    expect(approved).toMatchObject({
      status: 'APPROVED',
      decision: 'APPROVED',
      holdStatus: 'PENDING',
      holdsPlaced: false,
    });

    await settle();
    const secured = await hub.gql(
      'police',
      `query($id: ID!) { footageRequest(id: $id) { holdsPlaced holdStatus recordingCount
          recordings { id underHold camera { id } } hold { id caseReference active recordingCount } } }`,
      { id: filed.id },
    );
    expect(secured.errors).toBeUndefined();
    const req = secured.data!.footageRequest;
    expect(req).toMatchObject({ holdsPlaced: true, holdStatus: 'PLACED', recordingCount: 2 });
    expect(req.hold).toMatchObject({ caseReference: 'PL0900-2026-777001', active: true, recordingCount: 2 });
    // Recording fields resolved by the footage subgraph, through the gateway
    expect(req.recordings.map((r: any) => r.id).sort()).toEqual([inA, inB].sort());
    expect(req.recordings.every((r: any) => r.underHold && r.camera.id === 'utrecht-neude-1')).toBe(true);

    // recording rows read through nested paths are audited like any read: the request's recordings
    // (a reference resolved by the footage subgraph) and a hold's recordings (purpose: the case)
    const reads = async () =>
      (
        await hub.gql(
          'authority',
          'query($id: String!) { auditLog(first: 100, filter: { subjectId: $id, action: "footage.recording.read" }) { edges { node { purpose } } } }',
          { id: inA },
        )
      ).data!.auditLog.edges.map((e: any) => e.node.purpose);
    const readsBefore = (await reads()).length;
    expect(
      (
        await hub.gql('police', 'query($id: ID!) { footageRequest(id: $id) { recordings { storageRef } } }', {
          id: filed.id,
        })
      ).errors,
    ).toBeUndefined();
    expect(
      (await hub.gql('police', '{ legalHolds(caseReference: "PL0900-2026-777001") { recordings { storageRef } } }'))
        .errors,
    ).toBeUndefined();
    const readsAfter = await reads();
    expect(readsAfter.length).toBe(readsBefore + 2);
    expect(readsAfter).toContain('legal hold PL0900-2026-777001');
    // with only `id` selected the ids still come from the footage subgraph, logged once
    const idsOnly = await hub.gql('police', 'query($id: ID!) { footageRequest(id: $id) { recordings { id } } }', {
      id: filed.id,
    });
    expect(idsOnly.data?.footageRequest.recordings.map((r: any) => r.id).sort()).toEqual([inA, inB].sort());
    const readsIdsOnly = await reads();
    expect(readsIdsOnly.length).toBe(readsAfter.length + 1);
    expect(readsIdsOnly[0]).toBe(`footage request ${filed.id} (PL0900-2026-777001)`);

    // the footage subgraph's own view: one hold for the case, the right recordings held, audited
    const holds = await hub.gql(
      'police',
      '{ legalHolds(caseReference: "PL0900-2026-777001") { id active recordingCount } }',
    );
    expect(holds.data?.legalHolds).toEqual([{ id: req.hold.id, active: true, recordingCount: 2 }]);
    const recs = await hub.gql(
      'police',
      `{ recordings(filter: { cameraId: "utrecht-neude-1" }, first: 100, purpose: "PL0900-2026-holds") { edges { node { id underHold } } } }`,
    );
    const held = Object.fromEntries(recs.data!.recordings.edges.map((e: any) => [e.node.id, e.node.underHold]));
    expect([held[inA], held[inB], held[before]]).toEqual([true, true, false]);
    const log = await hub.gql(
      'authority',
      '{ auditLog(filter: { action: "footage.hold.place", actorSub: "agent-4711" }, first: 10) { edges { node { subjectIds purpose } } } }',
    );
    const entry = log.data!.auditLog.edges.find((e: any) => e.node.purpose.startsWith('PL0900-2026-777001'));
    expect([...entry.node.subjectIds].sort()).toEqual([inA, inB].sort());

    const fulfilled = await ok(hub.gql('police', FULFIL, { id: filed.id }), 'fulfilFootageRequest');
    expect(fulfilled.status).toBe('FULFILLED');

    // 29 days later the unheld recordings go, the held ones stay
    const run1 = await runRetentionAhead(29 * DAY);
    expect(run1.heldBackCount).toBeGreaterThanOrEqual(2);
    expect([await exists(inA), await exists(inB), await exists(before), await exists(other)]).toEqual([
      true,
      true,
      false,
      false,
    ]);

    // closing releases the hold (through the footage subgraph); the next run deletes them
    const closed = await ok(
      hub.gql('police', CLOSE, { id: filed.id, r: 'Suspect convicted; footage copied to the case file' }),
      'closeFootageRequest',
    );
    expect(closed).toMatchObject({ status: 'CLOSED', holdStatus: 'RELEASE_PENDING' });
    await settle();
    expect(await get(filed.id)).toMatchObject({ status: 'CLOSED', holdStatus: 'RELEASED', holdsPlaced: true });
    const released = await hub.gql(
      'police',
      '{ legalHolds(caseReference: "PL0900-2026-777001") { active releasedBy releaseReason } }',
    );
    expect(released.data?.legalHolds).toEqual([
      { active: false, releasedBy: 'agent-4711', releaseReason: 'Suspect convicted; footage copied to the case file' },
    ]);
    // released: the request no longer lists them (they follow normal retention); the hold still names those stored
    const HELD =
      'query($id: ID!) { footageRequest(id: $id) { recordingCount recordings { id } hold { active recordings { id } } } }';
    const afterRelease = (await ok(hub.gql('police', HELD, { id: filed.id }), 'footageRequest')) as any;
    expect(afterRelease.recordingCount).toBe(2);
    expect(afterRelease.recordings).toEqual([]);
    expect(afterRelease.hold.recordings.map((r: any) => r.id).sort()).toEqual([inA, inB].sort());
    await runRetentionAhead(30 * DAY);
    expect([await exists(inA), await exists(inB)]).toEqual([false, false]);
    expect(await ok(hub.gql('police', HELD, { id: filed.id }), 'footageRequest')).toEqual({
      recordingCount: 2,
      recordings: [],
      hold: { active: false, recordings: [] },
    });

    const history = await hub.gql(
      'police',
      'query($id: ID!) { footageRequest(id: $id) { history { action fromStatus toStatus actorSub } } }',
      { id: filed.id },
    );
    expect(history.data?.footageRequest.history.map((h: any) => h.action)).toEqual([
      'FILE',
      'START_REVIEW',
      'APPROVE',
      'HOLD_PLACED',
      'FULFIL',
      'CLOSE',
      'HOLD_RELEASED',
    ]);
    // terminal: nothing moves a closed request
    for (const a of ['START_REVIEW', 'APPROVE', 'REJECT'])
      expect(codes(await hub.gql('police', REVIEW, { id: filed.id, a, r: 'x' }))).toEqual(['CONFLICT']);
    expect(codes(await hub.gql('police', CLOSE, { id: filed.id, r: 'again' }))).toEqual(['CONFLICT']);
  });

  it('the footage subgraph places the hold once: a replayed event changes nothing', async () => {
    const ids = await ingest([rec('utrecht-lange-viestraat-1', 100 * 60_000, 90 * 60_000)]);
    const r = await file(
      report({ cameraIds: ['utrecht-lange-viestraat-1'], windowStart: at(2 * HOUR), windowEnd: at(HOUR) }),
    );
    await review(r.id, 'START_REVIEW');
    await review(r.id, 'APPROVE');
    await settle();
    const count = async (q: ReturnType<typeof sql>) => (await hub.stack.database.query<{ n: number }>(q))[0]!.n;
    const holdId = `request-${r.id}`;
    const before = {
      holds: await count(sql`select count(*)::int as n from footage.legal_holds where id = ${holdId}`),
      items: await count(sql`select count(*)::int as n from footage.hold_items where hold_id = ${holdId}`),
      audit: await count(sql`select count(*)::int as n from audit.entries where action = 'footage.hold.place'`),
      history: await count(sql`select count(*)::int as n from requests.transitions where request_id = ${r.id}`),
    };
    expect(before).toMatchObject({ holds: 1, items: 1 });
    const [event] = await hub.stack.database.query<{ payload: HoldRequestedPayload }>(
      sql`select payload from events.outbox where topic = 'requests.holdRequested' and payload->>'requestId' = ${r.id}`,
    );
    await hub.stack.database.db.transaction((tx) =>
      hub.stack.events.publish(tx, 'requests.holdRequested', event!.payload),
    );
    await settle();
    expect({
      holds: await count(sql`select count(*)::int as n from footage.legal_holds where id = ${holdId}`),
      items: await count(sql`select count(*)::int as n from footage.hold_items where hold_id = ${holdId}`),
      audit: await count(sql`select count(*)::int as n from audit.entries where action = 'footage.hold.place'`),
      history: await count(sql`select count(*)::int as n from requests.transitions where request_id = ${r.id}`),
    }).toEqual(before);
    expect(await get(r.id)).toMatchObject({ holdStatus: 'PLACED', recordingCount: 1 });
    expect(ids).toHaveLength(1);
  });

  it('an approved request whose footage no longer exists becomes EXPIRED (nothing to hold)', async () => {
    const r = await file(
      report({ cameraIds: ['utrecht-vredenburg-1'], windowStart: at(10 * HOUR), windowEnd: at(9 * HOUR) }),
    );
    await review(r.id, 'START_REVIEW');
    await review(r.id, 'APPROVE');
    await settle();
    const after = await get(r.id);
    expect(after).toMatchObject({ status: 'EXPIRED', holdStatus: 'NOT_FOUND', holdsPlaced: false });
    expect(after.decisionReason).toMatch(/no footage/i);
  });

  it('a prosecutor order carries its case reference onto the hold; a rejection needs a reason', async () => {
    await ingest([rec('utrecht-vredenburg-1', 50 * 60_000, 40 * 60_000)]);
    const p = await file(
      report({
        kind: 'PROSECUTOR',
        reportNumber: null,
        caseReference: '16/654321-26',
        cameraIds: ['utrecht-vredenburg-1'],
        windowStart: at(HOUR),
        windowEnd: at(30 * 60_000),
      }),
    );
    expect(p).toMatchObject({
      kind: 'PROSECUTOR',
      caseReference: '16/654321-26',
      reportNumber: null,
      flaggedLate: false,
    });
    await review(p.id, 'START_REVIEW');
    await review(p.id, 'APPROVE');
    await settle();
    const holds = await hub.gql('police', '{ legalHolds(caseReference: "16/654321-26") { active recordingCount } }');
    expect(holds.data?.legalHolds).toEqual([{ active: true, recordingCount: 1 }]);

    const q = await file(report());
    await review(q.id, 'START_REVIEW');
    expect(codes(await hub.gql('police', REVIEW, { id: q.id, a: 'REJECT' }))).toEqual(['BAD_USER_INPUT']);
    expect(await review(q.id, 'REJECT', 'The report was withdrawn')).toMatchObject({
      status: 'REJECTED',
      decision: 'REJECTED',
      decisionReason: 'The report was withdrawn',
      holdStatus: 'NONE',
    });
    expect(codes(await hub.gql('police', FULFIL, { id: q.id }))).toEqual(['CONFLICT']);
  });
});

describe('deadlines with a moved clock', () => {
  // one window; the request is filed 20, 22 and 29 days after it
  it('police report: day 20 fine, day 22 flagged, day 29 expired at filing', async () => {
    const window = { cameraIds: ['denhaag-plein-1'], windowStart: at(2 * HOUR), windowEnd: at(HOUR) };
    const day20 = await withClockAhead(20 * DAY, () => file(report(window)));
    expect(day20).toMatchObject({ status: 'SUBMITTED', flaggedLate: false, municipality: 'GM0518' });
    const day22 = await withClockAhead(22 * DAY, () => file(report(window)));
    expect(day22).toMatchObject({ status: 'SUBMITTED', flaggedLate: true });
    const day29 = await withClockAhead(29 * DAY, () => file(report(window)));
    expect(day29).toMatchObject({ status: 'EXPIRED', flaggedLate: true, holdStatus: 'NONE' });
    expect(day29.decisionReason).toMatch(/28-day retention/);
    // an expired request moves no further
    expect(codes(await hub.gql('police', REVIEW, { id: day29.id, a: 'START_REVIEW' }))).toEqual(['CONFLICT']);
  });

  it('past retention but held for an earlier request: not expired', async () => {
    await ingest([rec('almere-grote-markt-1', 100 * 60_000, 90 * 60_000)]);
    const window = { cameraIds: ['almere-grote-markt-1'], windowStart: at(2 * HOUR), windowEnd: at(HOUR) };
    const first = await file(report(window));
    await review(first.id, 'START_REVIEW');
    await review(first.id, 'APPROVE');
    await settle();
    expect((await get(first.id)).holdStatus).toBe('PLACED');
    const late = await withClockAhead(29 * DAY, () => file(report(window)));
    expect(late).toMatchObject({ status: 'SUBMITTED', flaggedLate: true });
    const elsewhere = await withClockAhead(29 * DAY, () =>
      file(report({ ...window, cameraIds: ['almere-stationsplein-1'] })),
    );
    expect(elsewhere.status).toBe('EXPIRED');
  });

  it('access request: due one month after filing, overdue after, listed for the authority without personal details', async () => {
    const filed = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    const due = new Date(filed.dueAt);
    expect(due).toEqual(addMonths(new Date(filed.filedAt), 1));
    const OVERDUE =
      '{ overdueAccessRequests(first: 100) { totalCount edges { node { id filedAt dueAt municipality daysOverdue } } } }';
    const listed = async () =>
      (await ok(hub.gql('authority', OVERDUE), 'overdueAccessRequests')).edges.map((e: any) => e.node);
    expect((await listed()).map((n: any) => n.id)).not.toContain(filed.id);
    expect((await get(filed.id)).overdue).toBe(false);

    const after = due.getTime() - hub.clock.now().getTime() + 2 * DAY;
    await withClockAhead(after, async () => {
      const nodes = await listed();
      const mine = nodes.find((n: any) => n.id === filed.id);
      expect(mine).toEqual({
        id: filed.id,
        filedAt: filed.filedAt,
        dueAt: filed.dueAt,
        municipality: 'GM0518',
        daysOverdue: 2,
      });
      expect((await get(filed.id)).overdue).toBe(true);
      // police see it too, in their own list
      const police = await ok(
        hub.gql(
          'police',
          '{ footageRequests(filter: { overdue: true, kind: DATA_SUBJECT_ACCESS }, first: 100) { edges { node { id } } } }',
        ),
        'footageRequests',
      );
      expect(police.edges.map((e: any) => e.node.id)).toContain(filed.id);
      // no personal details are asked for at all: the type has none
      expect(codes(await hub.gql('authority', '{ overdueAccessRequests { edges { node { place } } } }'))).toEqual([
        'GRAPHQL_VALIDATION_FAILED',
      ]);
    });
    // answered → no longer overdue
    await review(filed.id, 'START_REVIEW');
    await review(filed.id, 'REJECT', 'We could not verify your identity; please come to the desk with ID');
    await withClockAhead(after, async () => expect((await listed()).map((n: any) => n.id)).not.toContain(filed.id));
  });

  it('extension: once, within the first month, by at most two months, with the reason the citizen sees', async () => {
    const a = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    const due = new Date(a.dueAt);
    const twoMonths = addMonths(due, 2);
    // more than two months: refused
    expect(
      codes(
        await hub.gql('police', EXTEND, {
          id: a.id,
          u: new Date(twoMonths.getTime() + DAY).toISOString(),
          r: 'complex',
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const ext = await withClockAhead(10 * DAY, () =>
      ok(
        hub.gql('police', EXTEND, {
          id: a.id,
          u: twoMonths.toISOString(),
          r: 'Complex: 6 hours of bodycam footage to review',
        }),
        'extendAccessRequest',
      ),
    );
    expect(ext).toEqual({
      dueAt: twoMonths.toISOString(),
      extendedUntil: twoMonths.toISOString(),
      extensionReason: 'Complex: 6 hours of bodycam footage to review',
    });
    // once
    expect(codes(await hub.gql('police', EXTEND, { id: a.id, u: twoMonths.toISOString(), r: 'again' }))).toEqual([
      'CONFLICT',
    ]);
    // the citizen sees the new date and why
    const mine = await ok(
      hub.gql('citizen', '{ myRequests(first: 100) { edges { node { id dueAt extendedUntil extensionReason } } } }'),
      'myRequests',
    );
    expect(mine.edges.find((e: any) => e.node.id === a.id).node).toMatchObject({
      extendedUntil: twoMonths.toISOString(),
      extensionReason: 'Complex: 6 hours of bodycam footage to review',
    });

    // after the first month: too late
    const b = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    const late = new Date(b.dueAt).getTime() - hub.clock.now().getTime() + HOUR;
    const refused = await withClockAhead(late, () =>
      hub.gql('police', EXTEND, {
        id: b.id,
        u: new Date(new Date(b.dueAt).getTime() + 10 * DAY).toISOString(),
        r: 'complex',
      }),
    );
    expect(codes(refused)).toEqual(['CONFLICT']);
    // police requests have no extendable deadline
    const p = await file(report());
    expect(codes(await hub.gql('police', EXTEND, { id: p.id, u: twoMonths.toISOString(), r: 'complex' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

describe('access requests: the citizen follows their own, never footage', () => {
  it('filed by the citizen, answered with a viewing appointment; no recordings, no holds', async () => {
    const a = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    expect(a).toMatchObject({ kind: 'DATA_SUBJECT_ACCESS', status: 'SUBMITTED', decision: null });
    await review(a.id, 'START_REVIEW');
    const approved = await review(a.id, 'APPROVE', 'Identity verified');
    expect(approved.holdStatus).toBe('NONE');
    // an access request is answered with a decision
    expect(codes(await hub.gql('police', FULFIL, { id: a.id }))).toEqual(['BAD_USER_INPUT']);
    // not after the window's footage is deleted (28 days): the request would be answered with nothing to see
    const tooLate = new Date(hub.clock.now().getTime() + 40 * DAY).toISOString();
    expect(
      codes(
        await hub.gql('police', FULFIL, {
          id: a.id,
          i: { decision: 'VIEWING_GRANTED', appointmentAt: tooLate, reason: 'desk 3' },
        }),
      ),
    ).toEqual(['CONFLICT']);
    const appointment = new Date(hub.clock.now().getTime() + 5 * DAY).toISOString();
    const done = await ok(
      hub.gql('police', FULFIL, {
        id: a.id,
        i: {
          decision: 'VIEWING_GRANTED',
          appointmentAt: appointment,
          reason: 'Police office Jan Hendrikstraat, desk 3; bring ID',
        },
      }),
      'fulfilFootageRequest',
    );
    expect(done).toMatchObject({
      status: 'FULFILLED',
      decision: 'VIEWING_GRANTED',
      holdStatus: 'NONE',
      recordingCount: 0,
    });
    const seen = await hub.gql(
      'citizen',
      'query($id: ID!) { footageRequest(id: $id) { status decision decisionReason dueAt } }',
      { id: a.id },
    );
    expect(seen.data?.footageRequest).toMatchObject({ status: 'FULFILLED', decision: 'VIEWING_GRANTED' });
    expect(seen.data?.footageRequest.decisionReason).toBe(
      `Viewing appointment ${appointment}: Police office Jan Hendrikstraat, desk 3; bring ID`,
    );
    // never recordings, cameras, the requester or the internal trail: at the gateway and at the subgraph
    for (const f of [
      'recordings { id }',
      'hold { id }',
      'cameras { id }',
      'requester',
      'requesterId',
      'reportNumber',
      'history { action }',
      'holdsPlaced',
      'municipality',
    ]) {
      const q = `query($id: ID!) { footageRequest(id: $id) { id ${f} } }`;
      expect(codes(await hub.gql('citizen', q, { id: a.id })), `gateway ${f}`).toEqual(['FORBIDDEN']);
      // recordings are resolved by the footage subgraph: refused there
      if (f.startsWith('recordings')) {
        const ref =
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on FootageRequest { recordings { id } } } }';
        expect(
          codes(await hub.direct('footage', 'citizen', ref, { r: [{ __typename: 'FootageRequest', id: a.id }] })),
          `subgraph ${f}`,
        ).toContain('FORBIDDEN');
      } else
        expect(codes(await hub.direct('requests', 'citizen', q, { id: a.id })), `subgraph ${f}`).toContain('FORBIDDEN');
    }
  });

  it("one citizen's request is invisible to another (NOT_FOUND), at the gateway and at the subgraph", async () => {
    const a = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    const ONE = 'query($id: ID!) { footageRequest(id: $id) { id status } }';
    expect((await hub.gql('citizen', ONE, { id: a.id })).data?.footageRequest).toEqual({
      id: a.id,
      status: 'SUBMITTED',
    });
    expect(codes(await hub.gql(otherCitizen, ONE, { id: a.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await hub.direct('requests', otherCitizen, ONE, { id: a.id }))).toEqual(['NOT_FOUND']);
    const MINE = '{ myRequests(first: 100) { totalCount edges { node { id } } } }';
    const theirs = await ok(hub.gql(otherCitizen, MINE), 'myRequests');
    expect(theirs).toEqual({ totalCount: 0, edges: [] });
    const own = await ok(hub.gql('citizen', MINE), 'myRequests');
    expect(own.edges.map((e: any) => e.node.id)).toContain(a.id);
    // nor can they act on it or file on someone's behalf
    expect(codes(await hub.gql(otherCitizen, REVIEW, { id: a.id, a: 'START_REVIEW' }))).toEqual(['FORBIDDEN']);
    const FILE_ID = 'mutation($i: FileFootageRequestInput!) { fileFootageRequest(input: $i) { id } }';
    expect(codes(await hub.gql('citizen', FILE_ID, { i: report() }))).toEqual(['FORBIDDEN']);
    expect(
      codes(await hub.gql('citizen', FILE_ID, { i: { ...report(), kind: 'DATA_SUBJECT_ACCESS', reportNumber: null } })),
    ).toEqual([]);
  });

  it('footageRequestChanged: police see every change, a citizen only their own', async () => {
    const police = collect(
      hub.ws('police'),
      'subscription { footageRequestChanged { id kind status cameras { id name } } }',
    );
    const mine = collect(hub.ws('citizen'), 'subscription { footageRequestChanged { id status dueAt } }');
    const theirs = collect(hub.ws(otherCitizen), 'subscription { footageRequestChanged { id status } }');
    const municipality = collect(hub.ws('municipality'), 'subscription { footageRequestChanged { id } }');
    // the subscriptions reach the subgraph through the gateway: give them time on a busy machine
    await new Promise((r) => setTimeout(r, 5000));
    const a = await ok(hub.gql('citizen', FILE_ACCESS, { i: access() }), 'fileAccessRequest');
    await review(a.id, 'START_REVIEW');
    const p = await file(report());
    // (an event of an earlier test may still arrive late: only this test's requests are compared)
    const ours = <T extends { footageRequestChanged: { id: string } }>(events: T[]) =>
      events.filter((e) => [a.id, p.id].includes(e.footageRequestChanged.id));
    await waitFor(() => ours(police.events).length >= 3 && ours(mine.events).length >= 2, 30_000, 'request events');
    await new Promise((r) => setTimeout(r, 500));
    expect(ours(police.events).map((e) => [e.footageRequestChanged.id, e.footageRequestChanged.status])).toEqual([
      [a.id, 'SUBMITTED'],
      [a.id, 'IN_REVIEW'],
      [p.id, 'SUBMITTED'],
    ]);
    expect(ours(police.events)[2]!.footageRequestChanged.cameras).toEqual([{ id: 'utrecht-neude-1', name: 'Neude' }]);
    expect(ours(mine.events).map((e) => e.footageRequestChanged)).toEqual([
      { id: a.id, status: 'SUBMITTED', dueAt: a.dueAt },
      { id: a.id, status: 'IN_REVIEW', dueAt: a.dueAt },
    ]);
    // the citizen's stream never carries someone else's request
    expect(mine.events.every((e) => e.footageRequestChanged.id !== p.id)).toBe(true);
    expect(theirs.events).toEqual([]);
    expect(municipality.events).toEqual([]);
    expect(JSON.stringify(municipality.errors)).toMatch(/FORBIDDEN|Not allowed/);
    for (const s of [police, mine, theirs]) s.dispose();
  });
});

describe('access requests received by letter, at the desk or by e-mail (the month runs from receipt)', () => {
  const OVERDUE =
    '{ overdueAccessRequests(first: 100) { edges { node { id filedAt receivedAt channel dueAt municipality daysOverdue } } } }';
  const overdueRow = async (id: string) =>
    (await ok(hub.gql('authority', OVERDUE), 'overdueAccessRequests')).edges
      .map((e: any) => e.node)
      .find((n: any) => n.id === id);

  it('received 40 days ago and registered now: due a month after receipt, so overdue at once; audited; the channel shown', async () => {
    const input = received({ channel: 'LETTER' });
    const r = await ok(hub.gql('police', RECORD, { i: input }), 'recordReceivedAccessRequest');
    expect(r).toMatchObject({
      kind: 'DATA_SUBJECT_ACCESS',
      status: 'SUBMITTED',
      channel: 'LETTER',
      receivedAt: input.receivedAt,
      overdue: true,
    });
    expect(new Date(r.dueAt)).toEqual(addMonths(new Date(input.receivedAt), 1));
    expect(new Date(r.filedAt).getTime()).toBeGreaterThan(new Date(input.receivedAt).getTime() + 39 * DAY);
    expect(r.history).toEqual([
      { action: 'FILE', actorKind: 'police', reason: `received by LETTER at ${input.receivedAt}` },
    ]);
    // the authority's list shows it, with the channel and the receipt, still without personal details
    const row = await overdueRow(r.id);
    expect(row).toEqual({
      id: r.id,
      filedAt: r.filedAt,
      receivedAt: input.receivedAt,
      channel: 'LETTER',
      dueAt: r.dueAt,
      municipality: 'GM0518',
      daysOverdue: Math.floor((hub.clock.now().getTime() - new Date(r.dueAt).getTime()) / DAY),
    });
    expect(row.daysOverdue).toBeGreaterThanOrEqual(8);
    // who entered which receipt is in the audit log
    const log = await ok(
      hub.gql(
        'authority',
        'query($id: String!) { auditLog(first: 10, filter: { subjectId: $id }) { edges { node { action actorKind actorSub subjectType purpose } } } }',
        { id: r.id },
      ),
      'auditLog',
    );
    expect(log.edges.map((e: any) => e.node)).toEqual([
      {
        action: 'requests.accessRequest.received',
        actorKind: 'police',
        actorSub: 'agent-4711',
        subjectType: 'FootageRequest',
        purpose: `received by LETTER at ${input.receivedAt}`,
      },
    ]);
    // a filed-through-the-hub request reads as received when filed
    const own = await ok(
      hub.gql(
        'citizen',
        'mutation($i: FileAccessRequestInput!) { fileAccessRequest(input: $i) { channel receivedAt filedAt } }',
        {
          i: access(),
        },
      ),
      'fileAccessRequest',
    );
    expect(own.channel).toBe('HUB');
    expect(own.receivedAt).toBe(own.filedAt);
  });

  it('with a moved clock: received 10 days ago at the desk, not overdue until a month after receipt', async () => {
    const input = received({
      channel: 'DESK',
      receivedAt: at(10 * DAY),
      windowStart: at(12 * DAY + HOUR),
      windowEnd: at(12 * DAY),
    });
    const r = await ok(hub.gql('police', RECORD, { i: input }), 'recordReceivedAccessRequest');
    expect(r).toMatchObject({ status: 'SUBMITTED', channel: 'DESK', overdue: false });
    const due = new Date(r.dueAt);
    expect(due).toEqual(addMonths(new Date(input.receivedAt), 1));
    expect(await overdueRow(r.id)).toBeUndefined();
    // the moment before the deadline: not overdue; a day after it: overdue and listed
    await withClockAhead(due.getTime() - hub.clock.now().getTime() - HOUR, async () => {
      expect((await get(r.id)).overdue).toBe(false);
      expect(await overdueRow(r.id)).toBeUndefined();
    });
    await withClockAhead(due.getTime() - hub.clock.now().getTime() + DAY + HOUR, async () => {
      expect((await get(r.id)).overdue).toBe(true);
      expect(await overdueRow(r.id)).toMatchObject({ channel: 'DESK', daysOverdue: 1 });
    });
    // answered: off the list
    await review(r.id, 'START_REVIEW');
    await review(r.id, 'REJECT', 'Op de beelden bent u niet herkenbaar');
    await withClockAhead(due.getTime() - hub.clock.now().getTime() + DAY + HOUR, async () =>
      expect(await overdueRow(r.id)).toBeUndefined(),
    );
  });

  it('about footage already past its retention when received: EXPIRED at once (by e-mail)', async () => {
    const r = await ok(
      hub.gql('police', RECORD, {
        i: received({ channel: 'EMAIL', windowStart: at(70 * DAY + HOUR), windowEnd: at(70 * DAY) }),
      }),
      'recordReceivedAccessRequest',
    );
    expect(r).toMatchObject({ status: 'EXPIRED', channel: 'EMAIL', overdue: false });
  });

  it('only those who handle requests register one: every other actor is refused, at the gateway and at the subgraph', async () => {
    const before = await requestCount();
    for (const who of ['municipality', 'authority', 'citizen', 'company', 'system', 'public'] as ActorKind[]) {
      const code = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(codes(await hub.gql(who, RECORD, { i: received() })), `${who} at the gateway`).toEqual([code]);
      expect(codes(await hub.direct('requests', who, RECORD, { i: received() })), `${who} at the subgraph`).toEqual([
        code,
      ]);
    }
    // The Hague's own staff neither, for its own enforcement officers' bodycam
    const hague: Actor = { kind: 'municipality', sub: 'oov-denhaag-1', municipality: 'GM0518' };
    expect(codes(await hub.gql(hague, RECORD, { i: received() }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('requests', hague, RECORD, { i: received() }))).toEqual(['FORBIDDEN']);
    expect(await requestCount()).toBe(before);
  });
});

const requestCount = async () =>
  (await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from requests.footage_requests`))[0]!.n;

describe('bad input is BAD_USER_INPUT and writes nothing', () => {
  const state = async () => ({
    requests: (
      await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from requests.footage_requests`)
    )[0]!.n,
    events: (
      await hub.stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from events.outbox where topic like 'requests.%'`,
      )
    )[0]!.n,
  });
  it.each<[string, ActorKind, 'police' | 'access' | 'received', Record<string, unknown>, RegExp]>([
    [
      'window end before start',
      'police',
      'police',
      {
        windowStart: new Date(Date.now() - HOUR).toISOString(),
        windowEnd: new Date(Date.now() - 2 * HOUR).toISOString(),
      },
      /windowEnd must be after windowStart/,
    ],
    [
      'unknown camera',
      'police',
      'police',
      { cameraIds: ['utrecht-neude-1', 'no-such-camera'] },
      /Unknown camera no-such-camera/,
    ],
    ['missing report number', 'police', 'police', { reportNumber: null }, /report number/],
    [
      'a prosecutor order without case reference',
      'police',
      'police',
      { kind: 'PROSECUTOR', reportNumber: null },
      /case reference/,
    ],
    [
      'cameras of two municipalities',
      'police',
      'police',
      { cameraIds: ['utrecht-neude-1', 'denhaag-plein-1'] },
      /more than one municipality/,
    ],
    ['a window in the future', 'police', 'police', { windowEnd: new Date(Date.now() + DAY).toISOString() }, /future/],
    [
      'a window over 7 days',
      'police',
      'police',
      { windowStart: new Date(Date.now() - 9 * DAY).toISOString() },
      /7 days/,
    ],
    [
      'access: window end before start',
      'citizen',
      'access',
      {
        windowStart: new Date(Date.now() - HOUR).toISOString(),
        windowEnd: new Date(Date.now() - 2 * HOUR).toISOString(),
      },
      /after windowStart/,
    ],
    ['access: unknown camera', 'citizen', 'access', { cameraIds: ['no-such-camera'] }, /Unknown camera/],
    [
      'access: a covert camera is unknown to a citizen',
      'citizen',
      'access',
      { cameraIds: ['antwerpen-anpr-koffer-1'] },
      /Unknown camera/,
    ],
    ['access: no place', 'citizen', 'access', { place: ' ' }, /place/],
    // a received request's receipt: not in the future, at most a year back, after the window, from outside the hub
    [
      'received: in the future',
      'police',
      'received',
      { receivedAt: new Date(Date.now() + DAY).toISOString() },
      /future/,
    ],
    [
      'received: over a year back',
      'police',
      'received',
      {
        receivedAt: new Date(Date.now() - 366 * DAY).toISOString(),
        windowStart: new Date(Date.now() - 370 * DAY).toISOString(),
        windowEnd: new Date(Date.now() - 370 * DAY + HOUR).toISOString(),
      },
      /at most 365 days back/,
    ],
    ['received: through the hub', 'police', 'received', { channel: 'HUB' }, /fileAccessRequest/],
    [
      'received: before the window ended',
      'police',
      'received',
      { receivedAt: new Date(Date.now() - 50 * DAY).toISOString() },
      /after the request was received/,
    ],
    ['received: unknown camera', 'police', 'received', { cameraIds: ['no-such-camera'] }, /Unknown camera/],
    ['received: no description', 'police', 'received', { description: '' }, /description/],
  ])('%s', async (_n, who, kind, o, why) => {
    const before = await state();
    const r =
      kind === 'police'
        ? await hub.gql(who, FILE, { i: report(o) })
        : kind === 'access'
          ? await hub.gql(who, FILE_ACCESS, { i: access(o) })
          : await hub.gql(who, RECORD, { i: received(o) });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toMatch(why);
    expect(r.errors?.[0]?.message).not.toMatch(/select|insert|postgres|at .*\.ts/i);
    expect(await state()).toEqual(before);
  });
});

describe('who sees what (gateway and subgraph)', () => {
  let policeId = '';
  const ops: Record<string, string> = {};
  const range = `from: "${new Date(Date.now() - 400 * DAY).toISOString()}", to: "${new Date(Date.now() + 400 * DAY).toISOString()}"`;
  const badWindow = `windowStart: "${new Date(Date.now() - HOUR).toISOString()}", windowEnd: "${new Date(Date.now() - 2 * HOUR).toISOString()}"`;
  beforeAll(async () => {
    policeId = (await file(report())).id;
    Object.assign(ops, {
      footageRequest: `{ footageRequest(id: "${policeId}") { id status } }`,
      footageRequests: '{ footageRequests(first: 1) { totalCount } }',
      myRequests: '{ myRequests(first: 1) { totalCount } }',
      fileFootageRequest: `mutation { fileFootageRequest(input: { kind: POLICE_REPORT, reportNumber: "PL-1", cameraIds: ["utrecht-neude-1"], ${badWindow}, place: "p", description: "d" }) { id } }`,
      fileAccessRequest: `mutation { fileAccessRequest(input: { cameraIds: ["utrecht-neude-1"], ${badWindow}, place: "p", description: "d" }) { id } }`,
      review: 'mutation { reviewFootageRequest(id: "nope", action: START_REVIEW) { id } }',
      fulfil: 'mutation { fulfilFootageRequest(id: "nope") { id } }',
      close: 'mutation { closeFootageRequest(id: "nope", reason: "done") { id } }',
      recordReceived: `mutation { recordReceivedAccessRequest(input: { cameraIds: ["utrecht-neude-1"], ${badWindow}, place: "p", description: "d", receivedAt: "${new Date(Date.now() - DAY).toISOString()}", channel: LETTER }) { id } }`,
      extend: `mutation { extendAccessRequest(id: "nope", until: "${new Date(Date.now() + 40 * DAY).toISOString()}", reason: "complex") { id } }`,
      ownStatistics: `{ requestStatistics(municipality: "${UTRECHT}", ${range}) { kind status month count } }`,
      otherStatistics: `{ requestStatistics(municipality: "GM0518", ${range}) { count } }`,
      overdue: '{ overdueAccessRequests(first: 1) { totalCount } }',
    });
  });

  // what each actor may do (an answer other than a refusal); everything else is refused
  const allowed: Record<ActorKind, string[]> = {
    police: [
      'footageRequest',
      'footageRequests',
      'myRequests',
      'fileFootageRequest',
      'review',
      'fulfil',
      'close',
      'recordReceived',
      'extend',
      'ownStatistics',
      'otherStatistics',
      'overdue',
    ],
    citizen: ['myRequests', 'fileAccessRequest'],
    municipality: ['ownStatistics'],
    authority: ['ownStatistics', 'otherStatistics', 'overdue'],
    company: [],
    system: [],
    public: [],
  };
  // a citizen may read requests, but only their own: someone else's is not found
  const notFound: Partial<Record<ActorKind, string[]>> = { citizen: ['footageRequest'] };

  for (const who of Object.keys(allowed) as ActorKind[]) {
    it(`${who}`, async () => {
      const refusedCode = who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      for (const [name, op] of Object.entries(ops)) {
        for (const [where, r] of [
          ['gateway', await hub.gql(who, op)],
          ['subgraph', await hub.direct('requests', who, op)],
        ] as const) {
          const c = codes(r);
          if (allowed[who].includes(name))
            expect(
              c.filter((x) => x === 'FORBIDDEN' || x === 'UNAUTHENTICATED'),
              `${who} ${name} at the ${where}`,
            ).toEqual([]);
          else if (notFound[who]?.includes(name)) expect(c, `${who} ${name} at the ${where}`).toEqual(['NOT_FOUND']);
          else expect(c, `${who} ${name} at the ${where}`).toEqual([refusedCode]);
        }
      }
    });
  }

  it('statistics are counts per kind, status and month, for the asked municipality only', async () => {
    const r = await ok(
      hub.gql(
        'municipality',
        `{ requestStatistics(municipality: "${UTRECHT}", ${range}) { municipality kind status month count } }`,
      ),
      'requestStatistics',
    );
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x: any) => x.municipality === UTRECHT && /^\d{4}-\d{2}$/.test(x.month) && x.count > 0)).toBe(true);
    const [direct] = await hub.stack.database.query<{ n: number }>(
      sql`select count(*)::int as n from requests.footage_requests where municipality = ${UTRECHT}`,
    );
    expect(r.reduce((n: number, x: any) => n + x.count, 0)).toBe(direct!.n);
    expect(r.some((x: any) => x.kind === 'POLICE_REPORT' && x.status === 'CLOSED')).toBe(true);
    // the authority may ask any municipality, and sees the same figures
    expect(
      await ok(
        hub.gql(
          'authority',
          `{ requestStatistics(municipality: "${UTRECHT}", ${range}) { municipality kind status month count } }`,
        ),
        'requestStatistics',
      ),
    ).toEqual(r);
  });
});

// Designation lifecycle end to end (003 §2.3, §3, §4, §4.2, §4.3): the weighing before publication,
// expiry warnings and milestones on designationChanged driven by the scheduler as the clock moves,
// and the residents informed of the results after the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@hub/auth';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  process.env.CAMERAS_LIFECYCLE_INTERVAL_MS = '250'; // the scheduler runs often; the test moves the clock
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const UTRECHT = 'GM0344';
const denHaag: Actor = { kind: 'municipality', sub: 'den-haag-1', municipality: 'GM0518' };
const CRITERIA = {
  societalNeed: 'robberies',
  proportionality: 'evenings',
  subsidiarity: 'patrols did not suffice',
  measuresPackage: 'youth work',
};
const DESIGNATE =
  'mutation($i: DesignateAreaInput!) { designateArea(input: $i) { id status criteria { subsidiarity } effectMeasurement } }';
function neighbourhood(from: Date, extra: Record<string, unknown> = {}) {
  const until = new Date(from);
  until.setUTCMonth(until.getUTCMonth() + 6);
  return {
    i: {
      newArea: {
        name: `Lifecycle ${Math.random().toString(36).slice(2, 7)}`,
        municipality: UTRECHT,
        kind: 'NEIGHBOURHOOD',
        watchSchedule: { description: 'nights', continuous: false, windows: [] },
      },
      reference: 'LC-2026-1',
      legalBasis: 'art. 151c Gemeentewet',
      validFrom: from.toISOString(),
      validUntil: until.toISOString(),
      subGoals: ['PREVENTION'],
      signagePlaced: true,
      residentsInformed: true,
      published: true,
      criteria: CRITERIA,
      effectMeasurement: 'incidents per month',
      ...extra,
    },
  };
}

describe('the weighing is on record before publication (003 §4, §4.2)', () => {
  it('published without criteria, or with PREVENTION and no effect measurement: BAD_USER_INPUT; a draft may wait for them', async () => {
    const now = hub.clock.now();
    expect(codes(await hub.gql('municipality', DESIGNATE, neighbourhood(now, { criteria: undefined })))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(await hub.gql('municipality', DESIGNATE, neighbourhood(now, { effectMeasurement: undefined }))),
    ).toEqual(['BAD_USER_INPUT']);
    const draft = await hub.gql(
      'municipality',
      DESIGNATE,
      neighbourhood(now, { published: false, criteria: undefined, effectMeasurement: undefined }),
    );
    expect(draft.errors).toBeUndefined();
    const id = draft.data!.designateArea.id;
    const PUBLISH =
      'mutation($id: ID!, $c: DesignationCriteriaInput, $e: String) { publishDesignation(id: $id, signagePlaced: true, residentsInformed: true, criteria: $c, effectMeasurement: $e) { status criteria { societalNeed } } }';
    expect(codes(await hub.gql('municipality', PUBLISH, { id }))).toEqual(['BAD_USER_INPUT']);
    const ok = await hub.gql('municipality', PUBLISH, { id, c: CRITERIA, e: 'incidents per month' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.publishDesignation).toEqual({ status: 'ACTIVE', criteria: { societalNeed: 'robberies' } });
    // the weighing is part of the published decision: the public reads it
    const pub = await hub.gql(
      'public',
      `{ cameraAreas(municipality: "${UTRECHT}", first: 100) { edges { node { decisions { id criteria { proportionality } effectMeasurement } } } } }`,
    );
    const mine = pub.data!.cameraAreas.edges.flatMap((e: any) => e.node.decisions).find((x: any) => x.id === id);
    expect(mine).toEqual({ id, criteria: { proportionality: 'evenings' }, effectMeasurement: 'incidents per month' });
  });
});

describe('designationChanged and designationsExpiring follow the clock', () => {
  it('published, 60 and 30 days before the end, evaluation due, ended; residents told the results only after the end', async () => {
    const mine = collect(
      hub.ws('municipality'),
      `subscription { designationChanged(municipality: "${UTRECHT}") { kind at decision { id municipality } } }`,
    );
    const all = collect(
      hub.ws('municipality'),
      'subscription { designationChanged { kind decision { id municipality } } }',
    );
    const refusedOther = collect(
      hub.ws(denHaag),
      `subscription { designationChanged(municipality: "${UTRECHT}") { kind } }`,
    );
    const refusedCompany = collect(hub.ws('company'), 'subscription { designationChanged { kind } }');
    const refusedPublic = collect(hub.ws('public'), 'subscription { designationChanged { kind } }');
    // wait until the gateway holds the upstream subscriptions before publishing (seconds on a busy machine):
    // designationChanged does not replay, a milestone announced earlier is not delivered
    await new Promise((r) => setTimeout(r, 5000));
    const r = await hub.gql('municipality', DESIGNATE, neighbourhood(hub.clock.now()));
    expect(r.errors).toBeUndefined();
    const id = r.data!.designateArea.id;
    const kindsOf = (events: any[]) =>
      events.filter((e) => e.designationChanged.decision.id === id).map((e) => e.designationChanged.kind);
    await waitFor(() => kindsOf(mine.events).includes('PUBLISHED'), 60_000, 'PUBLISHED');

    const expiring = async (days: number, who: Parameters<Hub['gql']>[0] = 'municipality') =>
      (
        (
          await hub.gql(
            who,
            `{ designationsExpiring(withinDays: ${days}, municipality: "${UTRECHT}") { id validUntil } }`,
          )
        ).data?.designationsExpiring ?? []
      ).map((d: any) => d.id);
    expect(await expiring(60)).not.toContain(id);

    const INFORM =
      'mutation($id: ID!) { informResidentsOfResults(id: $id, summary: "Incidents halved; cameras removed") { resultsInformedAt resultsSummary } }';
    expect(codes(await hub.gql('municipality', INFORM, { id }))).toEqual(['CONFLICT']); // not over yet

    hub.clock.advance(130 * DAY); // ~51 days before the end of the half year
    await waitFor(() => kindsOf(mine.events).includes('EXPIRING_60_DAYS'), 60_000, 'EXPIRING_60_DAYS');
    expect(await expiring(60)).toContain(id);
    expect(await expiring(30)).not.toContain(id);
    expect(await expiring(60, 'public')).toContain(id); // the period is public (the register)
    expect(await expiring(60, denHaag)).toContain(id);
    expect(codes(await hub.gql('municipality', '{ designationsExpiring(withinDays: 0) { id } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);

    hub.clock.advance(25 * DAY); // ~26 days before the end
    await waitFor(
      () => kindsOf(mine.events).includes('EXPIRING_30_DAYS') && kindsOf(mine.events).includes('EVALUATION_DUE'),
      60_000,
      'EXPIRING_30_DAYS',
    );
    expect(await expiring(30)).toContain(id);

    hub.clock.advance(30 * DAY); // past the end
    await waitFor(() => kindsOf(mine.events).includes('ENDED'), 60_000, 'ENDED');
    expect(kindsOf(mine.events)).toEqual([
      'PUBLISHED',
      'EXPIRING_60_DAYS',
      'EXPIRING_30_DAYS',
      'EVALUATION_DUE',
      'ENDED',
    ]);
    expect(await expiring(60)).not.toContain(id);
    // each milestone once, whatever number of scheduler runs
    await new Promise((r) => setTimeout(r, 500));
    expect(kindsOf(mine.events)).toHaveLength(5);
    expect(kindsOf(all.events)).toHaveLength(5);
    expect(all.events.every((e: any) => e.designationChanged.decision.municipality === UTRECHT)).toBe(true);

    for (const who of [denHaag, 'company', 'authority'] as const)
      expect(codes(await hub.gql(who, INFORM, { id }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', denHaag, INFORM, { id }))).toEqual(['FORBIDDEN']);
    const told = await hub.gql('municipality', INFORM, { id });
    expect(told.errors).toBeUndefined();
    expect(told.data!.informResidentsOfResults.resultsSummary).toBe('Incidents halved; cameras removed');
    expect(codes(await hub.gql('municipality', INFORM, { id }))).toEqual(['CONFLICT']);

    expect(refusedOther.events).toHaveLength(0);
    expect(JSON.stringify(refusedOther.errors)).toMatch(/FORBIDDEN|not allowed|may not/i);
    expect(refusedCompany.events).toHaveLength(0);
    expect(JSON.stringify(refusedCompany.errors)).toMatch(/FORBIDDEN|not allowed|may not/i);
    expect(refusedPublic.events).toHaveLength(0);
    expect(JSON.stringify(refusedPublic.errors)).toMatch(/UNAUTHENTICATED|Log in/);
    hub.clock.advance(-185 * DAY);
    mine.dispose();
    all.dispose();
  }, 300_000); // four scheduler milestones, each waited for up to 60 s on a busy machine

  it('the subgraph refuses the subscription and the results mutation on its own', async () => {
    const r = await hub.direct(
      'cameras',
      'company',
      'mutation { informResidentsOfResults(id: "utrecht-binnenstad-decision", summary: "x") { id } }',
    );
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });
});

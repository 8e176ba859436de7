// Issue 13 §1: what a caller may not read must not be learnable another way. Each class (selection
// before policy, identity, side effects, counts) is tried through the gateway and, where the subgraph
// decides on its own, directly at the subgraph with a gateway-signed actor. (Timing: anpr-timing.e2e.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
}, 180_000);
afterAll(async () => hub?.close());

const UTRECHT = 'GM0344';
const ANTWERP = '11002';
const antwerpOfficial: Actor = { kind: 'municipality', sub: 'antwerpen-1', org: 'stad-antwerpen-veiligheid', municipality: ANTWERP };
const UNKNOWN_AREA = 'no-such-area-0000';

/** Through the gateway and straight at the cameras subgraph: the subgraph decides on its own. */
const both = async (who: Parameters<Hub['gql']>[0], subgraph: string, query: string, variables?: Record<string, unknown>) => [
  await hub.gql(who, query, variables),
  await hub.direct(subgraph, who, query, variables),
];

describe('selection before policy (cameras)', () => {
  let draftArea: string;
  beforeAll(async () => {
    // Antwerp files a draft designation for a new area (not public until published), and the police
    // put a (non-covert) camera in it
    const from = hub.clock.now();
    const r = await hub.gql(antwerpOfficial, 'mutation($i: DesignateAreaInput!) { designateArea(input: $i) { id area { id } } }', {
      i: {
        newArea: { name: 'Draft square', municipality: ANTWERP, kind: 'NEIGHBOURHOOD', watchSchedule: { description: 'nights', continuous: false, windows: [{ days: ['SAT'], from: '22:00', to: '04:00' }] } },
        reference: 'DRAFT-1', legalBasis: 'art. 135 NGW', validFrom: new Date(from.getTime() + DAY).toISOString(), validUntil: new Date(from.getTime() + 90 * DAY).toISOString(),
        subGoals: ['PREVENTION'], signagePlaced: false, residentsInformed: false, published: false,
      },
    });
    expect(r.errors).toBeUndefined();
    draftArea = r.data!.designateArea.area.id;
    const cam = await hub.gql('police', 'mutation($i: RegisterCameraInput!) { registerCamera(input: $i) { id } }', {
      i: { id: 'infer-draft-cam-1', name: 'Draft cam', kind: 'FIXED', street: 'Draft square', municipality: ANTWERP, areaId: draftArea, location: { latitude: 51.22, longitude: 4.40 } },
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
      for (const r of await both(who, 'cameras', COUNT, { a: UNKNOWN_AREA })) expect(r.data?.cameras, who).toEqual({ totalCount: 0, edges: [] });
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
      i: { areaId, reference: 'X-1', legalBasis: 'art. 151c Gemeentewet', validFrom: hub.clock.now().toISOString(), validUntil: until, subGoals: ['PREVENTION'], signagePlaced: false, residentsInformed: false, published: false },
    });
    const SCHEDULE = 'mutation($i: ScheduleWatchEventInput!) { scheduleWatchEvent(input: $i) { id } }';
    const event = (areaId: string) => ({ i: { areaId, name: 'Match', startsAt: new Date(hub.clock.now().getTime() + DAY).toISOString(), endsAt: new Date(hub.clock.now().getTime() + DAY + 7_200_000).toISOString() } });
    for (const [q, v] of [[DESIGNATE, input], [SCHEDULE, event]] as const) {
      const hidden = await both('municipality', 'cameras', q, v(draftArea));
      const unknown = await both('municipality', 'cameras', q, v(UNKNOWN_AREA));
      for (const r of [...hidden, ...unknown]) expect(codes(r)).toEqual(['NOT_FOUND']);
      expect(hidden.map((r) => r.errors?.[0]?.message.replace(draftArea, '<id>'))).toEqual(unknown.map((r) => r.errors?.[0]?.message.replace(UNKNOWN_AREA, '<id>')));
    }
    // a published area of another municipality is known to everyone: that one is refused for what it is
    expect(codes(await hub.gql('municipality', DESIGNATE, input('denhaag-centraal')))).toEqual(['FORBIDDEN']);
  });

  it('a decommissioned camera is hidden from whoever may not read status: the list and the register agree', async () => {
    const decommissioned = 'utrecht-ledig-erf-1';
    const [row] = await hub.stack.database.query<{ status: string }>(sql`select status from cameras.cameras where id = ${decommissioned}`);
    expect(row!.status).toBe('DECOMMISSIONED');
    const ids = async (who: Parameters<Hub['gql']>[0], query: string, pick: (d: any) => string[]) => {
      const r = await hub.gql(who, query);
      expect(r.errors).toBeUndefined();
      return pick(r.data).sort();
    };
    for (const who of ['public', 'company', 'citizen', antwerpOfficial] as const) {
      const listed = await ids(who, `{ cameras(filter: { municipality: "${UTRECHT}" }, first: 100) { edges { node { id } } } }`, (d) => d.cameras.edges.map((e: any) => e.node.id));
      const register = await ids(who, `{ publicCameraRegister(municipality: "${UTRECHT}", first: 100) { edges { node { cameraId } } } }`, (d) => d.publicCameraRegister.edges.map((e: any) => e.node.cameraId));
      expect(listed).toEqual(register);
      expect(listed).not.toContain(decommissioned);
      for (const r of await both(who, 'cameras', `{ camera(id: "${decommissioned}") { id } }`)) expect(codes(r)).toEqual(['NOT_FOUND']);
    }
    // whoever reads status still sees it, with its status
    for (const who of ['police', 'municipality', 'authority'] as const) {
      const r = await hub.gql(who, `{ camera(id: "${decommissioned}") { id status } }`);
      expect(r.data?.camera).toEqual({ id: decommissioned, status: 'DECOMMISSIONED' });
    }
  });
});

// Event-bound watching end to end (003 §3.2, §3.3): the stadium area may be watched live only around
// matches, answered by liveWatchAllowed as the clock moves; events scheduled by the municipality for
// its own areas (and police), refused to others at the gateway and the subgraph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const STADIUM = 'utrecht-galgenwaard';
const denHaag: Actor = { kind: 'municipality', sub: 'den-haag-1', municipality: 'GM0518' };
const ASK =
  'query($a: ID!, $at: DateTime) { liveWatchAllowed(areaId: $a, at: $at) { allowed reason area { id } event { name } } }';
const SCHEDULE =
  'mutation($i: ScheduleWatchEventInput!) { scheduleWatchEvent(input: $i) { id name watchBeforeMinutes } }';
const HOUR = 3_600_000;

describe('the stadium is watched only around matches (003 §3.3)', () => {
  it('liveWatchAllowed follows the match window as the clock moves; a cancelled match opens nothing', async () => {
    const start = new Date(hub.clock.now().getTime() + 2 * DAY);
    const ask = async (who: Parameters<Hub['gql']>[0] = 'police') =>
      (await hub.gql(who, ASK, { a: STADIUM })).data?.liveWatchAllowed;
    expect(await ask()).toMatchObject({ allowed: false, reason: expect.stringMatching(/003 §3.3/), event: null });
    const s = await hub.gql('municipality', SCHEDULE, {
      i: {
        areaId: STADIUM,
        name: 'FC Utrecht - Ajax',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        watchBeforeMinutes: 90,
        watchAfterMinutes: 60,
      },
    });
    expect(s.errors).toBeUndefined();
    const base = hub.clock.now().getTime();
    try {
      hub.clock.set(new Date(start.getTime() - 91 * 60_000));
      expect((await ask())!.allowed).toBe(false);
      hub.clock.set(new Date(start.getTime() - 89 * 60_000));
      expect(await ask()).toMatchObject({ allowed: true, event: { name: 'FC Utrecht - Ajax' }, area: { id: STADIUM } });
      expect((await ask('municipality'))!.allowed).toBe(true);
      expect((await ask('authority'))!.allowed).toBe(true);
      hub.clock.set(new Date(start.getTime() + 3 * HOUR - 60_000));
      expect((await ask())!.allowed).toBe(true);
      hub.clock.set(new Date(start.getTime() + 3 * HOUR + 60_000));
      expect((await ask())!.allowed).toBe(false);
      // after the designation's period no watching, even around a match (003 §4.3)
      const later = new Date('2027-03-01T15:00:00Z');
      hub.clock.set(later);
      await hub.gql('police', SCHEDULE, {
        i: {
          areaId: STADIUM,
          name: 'Cup match',
          startsAt: later.toISOString(),
          endsAt: new Date(later.getTime() + 2 * HOUR).toISOString(),
        },
      });
      expect(await ask()).toMatchObject({ allowed: false, reason: expect.stringMatching(/no published designation/) });
    } finally {
      hub.clock.set(new Date(base));
    }
    // a cancelled match opens no window
    const c = await hub.gql('municipality', 'mutation($id: ID!) { cancelWatchEvent(id: $id) { cancelledAt } }', {
      id: s.data!.scheduleWatchEvent.id,
    });
    expect(c.errors).toBeUndefined();
    const at = new Date(start.getTime() + HOUR).toISOString();
    expect((await hub.gql('police', ASK, { a: STADIUM, at })).data!.liveWatchAllowed.allowed).toBe(false);
  });

  it('a neighbourhood follows its watch times; an area without a designation in force is never watched', async () => {
    const r = await hub.gql('police', ASK, { a: 'utrecht-binnenstad' });
    expect(r.errors).toBeUndefined();
    expect(typeof r.data!.liveWatchAllowed.allowed).toBe('boolean');
    expect(r.data!.liveWatchAllowed.reason).toMatch(/watch times|around the clock|designation/);
  });

  it('others are refused, at the gateway and at the subgraph; bad input changes nothing', async () => {
    const i = { areaId: STADIUM, name: 'x', startsAt: '2026-12-20T13:00:00Z', endsAt: '2026-12-20T15:00:00Z' };
    expect(codes(await hub.gql(denHaag, SCHEDULE, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', denHaag, SCHEDULE, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(denHaag, ASK, { a: STADIUM }))).toEqual(['NOT_FOUND']);
    for (const who of ['company', 'citizen', 'system'] as const) {
      expect(codes(await hub.gql(who, ASK, { a: STADIUM })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, ASK, { a: STADIUM })), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('authority', SCHEDULE, { i }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql('public', ASK, { a: STADIUM }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await hub.gql('municipality', SCHEDULE, { i: { ...i, watchBeforeMinutes: 600 } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.gql('municipality', SCHEDULE, { i: { ...i, endsAt: i.startsAt } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const list = await hub.gql(
      'municipality',
      `{ watchEvents(areaId: "${STADIUM}", from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z") { name } }`,
    );
    expect(list.data!.watchEvents.map((e: any) => e.name)).not.toContain('x');
    expect(
      (
        await hub.gql(
          denHaag,
          `{ watchEvents(areaId: "${STADIUM}", from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z") { name } }`,
        )
      ).data!.watchEvents,
    ).toEqual([]);
  });
});

// DPIA register end to end (003 §2.4, §5.2.4): a pilot without a current DPIA of its camera type is
// CONFLICT, a designation without one is flagged; DPIAs falling due are listed and announced as the
// clock moves; the municipality sees its own, the authority all, nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, collect, DAY, waitFor, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  process.env.CAMERAS_LIFECYCLE_INTERVAL_MS = '250';
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const UTRECHT = 'GM0344';
const denHaag: Actor = { kind: 'municipality', sub: 'den-haag-1', municipality: 'GM0518' };
const RECORD =
  'mutation($i: RecordDpiaInput!) { recordDpia(input: $i) { id current nextDueAt cameraKind area { id } } }';
const START = 'mutation($i: StartPilotInput!) { startPilot(input: $i) { id dpia { id documentReference } } }';
const ago = (days: number) => new Date(hub.clock.now().getTime() - days * DAY).toISOString();
const ahead = (days: number) => new Date(hub.clock.now().getTime() + days * DAY).toISOString();
const dpia = (extra: Record<string, unknown> = {}) => ({
  i: {
    municipality: UTRECHT,
    controller: 'MAYOR',
    assessedAt: ago(10),
    outcome: 'ACCEPTABLE_WITH_MEASURES',
    documentReference: 'DPIA-UTR-2026-01',
    ...extra,
  },
});
const pilot = (extra: Record<string, unknown> = {}) => ({
  i: {
    municipality: UTRECHT,
    name: 'Sensor pilot',
    cameraKind: 'FLEXIBLE',
    purpose: 'privacy: image on black until an event',
    startsAt: ahead(1),
    endsAt: ahead(120),
    ...extra,
  },
});
async function pilots(): Promise<number> {
  const [r] = await hub.stack.database.query<{ n: number }>(sql`select count(*)::int as n from cameras.pilots`);
  return r!.n;
}

describe('pilots need a DPIA first (003 §2.4): CONFLICT', () => {
  it('without a DPIA for the camera type the pilot is refused and nothing is written; with one it starts', async () => {
    const before = await pilots();
    const r = await hub.gql('municipality', START, pilot());
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0]!.message).toMatch(/003 §2.4/);
    // a general DPIA does not cover new technology: the type must be assessed (003 §5.2.4)
    expect((await hub.gql('municipality', RECORD, dpia())).errors).toBeUndefined();
    expect(codes(await hub.gql('municipality', START, pilot()))).toEqual(['CONFLICT']);
    // an unacceptable outcome does not count
    expect(
      (await hub.gql('municipality', RECORD, dpia({ cameraKind: 'FLEXIBLE', outcome: 'NOT_ACCEPTABLE' }))).errors,
    ).toBeUndefined();
    expect(codes(await hub.gql('municipality', START, pilot()))).toEqual(['CONFLICT']);
    expect(await pilots()).toBe(before);
    const rec = await hub.gql(
      'municipality',
      RECORD,
      dpia({ cameraKind: 'FLEXIBLE', documentReference: 'DPIA-UTR-FLEX' }),
    );
    expect(rec.errors).toBeUndefined();
    expect(rec.data!.recordDpia.current).toBe(true);
    const ok = await hub.gql('municipality', START, pilot());
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.startPilot.dpia.documentReference).toBe('DPIA-UTR-FLEX');
    // a pilot starting after the DPIA falls due is refused
    expect(
      codes(await hub.gql('municipality', START, pilot({ startsAt: ahead(4 * 365), endsAt: ahead(4 * 365 + 30) }))),
    ).toEqual(['CONFLICT']);
  });

  it('bad input is BAD_USER_INPUT; other actors are refused at the gateway and the subgraph', async () => {
    expect(codes(await hub.gql('municipality', RECORD, dpia({ assessedAt: ahead(2) })))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql('municipality', RECORD, dpia({ assessedAt: ago(4 * 365) })))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.gql('municipality', START, pilot({ endsAt: ago(1) })))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await hub.gql(denHaag, RECORD, dpia()))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(denHaag, START, pilot()))).toEqual(['FORBIDDEN']);
    for (const who of ['company', 'citizen', 'authority', 'system'] as const) {
      expect(codes(await hub.gql(who, RECORD, dpia())), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.gql(who, START, pilot())), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', RECORD, dpia()))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await hub.direct('cameras', 'company', RECORD, dpia()))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('cameras', denHaag, START, pilot()))).toEqual(['FORBIDDEN']);
  });

  it('the register: the municipality its own, the authority all, others nothing', async () => {
    const list = async (who: Parameters<Hub['gql']>[0]) =>
      hub.gql(who, '{ dpias { municipality documentReference } pilots { municipality name } }');
    const own = await list('municipality');
    expect(own.data!.dpias.length).toBeGreaterThan(0);
    expect(own.data!.dpias.every((d: any) => d.municipality === UTRECHT)).toBe(true);
    expect((await list(denHaag)).data!.dpias).toEqual([]);
    expect((await list('authority')).data!.pilots.length).toBeGreaterThan(0);
    expect((await list('police')).data!.dpias.length).toBe(own.data!.dpias.length);
    for (const who of ['company', 'citizen'] as const) expect(codes(await list(who))).toContain('FORBIDDEN');
    expect(codes(await list('public'))).toContain('UNAUTHENTICATED');
    expect(codes(await hub.direct('cameras', 'company', '{ dpias { id } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('designations without a current DPIA are flagged, not refused (003 §5.2.4)', () => {
  it('dpiaCurrent follows the register; only the municipality and the supervisor see the flag', async () => {
    const q = `{ cameraAreas(municipality: "GM0518", first: 100) { edges { node { id decisions { id dpiaCurrent } } } } }`;
    const haagOfficial = await hub.gql(denHaag, q);
    expect(haagOfficial.errors).toBeUndefined();
    const flags = () =>
      haagOfficial.data!.cameraAreas.edges.flatMap((e: any) => e.node.decisions.map((d: any) => d.dpiaCurrent));
    expect(flags().length).toBeGreaterThan(0);
    expect(flags().every((f: boolean) => f === false)).toBe(true);
    const rec = await hub.gql(denHaag, RECORD, {
      i: { ...dpia().i, municipality: 'GM0518', documentReference: 'DPIA-DH-2026' },
    });
    expect(rec.errors).toBeUndefined();
    const after = await hub.gql('authority', q);
    const now = after.data!.cameraAreas.edges.flatMap((e: any) => e.node.decisions.map((d: any) => d.dpiaCurrent));
    expect(now.some((f: boolean) => f === true)).toBe(true);
    expect(codes(await hub.gql('public', q))).toContain('UNAUTHENTICATED');
    expect(codes(await hub.gql('company', q))).toContain('FORBIDDEN');
  });
});

describe('DPIAs falling due (every three years, 003 §5.2.4)', () => {
  it('dpiasDue lists them and dpiaDue announces each once, 60 days ahead, to its municipality', async () => {
    const mine = collect(
      hub.ws('municipality'),
      `subscription { dpiaDue(municipality: "${UTRECHT}") { documentReference nextDueAt } }`,
    );
    const other = collect(
      hub.ws(denHaag),
      `subscription { dpiaDue(municipality: "${UTRECHT}") { documentReference } }`,
    );
    const company = collect(hub.ws('company'), 'subscription { dpiaDue { documentReference } }');
    // wait until the gateway holds the upstream subscriptions (seconds on a busy machine): dpiaDue does not replay
    await new Promise((r) => setTimeout(r, 5000));
    const rec = await hub.gql(
      'municipality',
      RECORD,
      dpia({ assessedAt: ago(1000), documentReference: 'DPIA-UTR-OLD' }),
    ); // due in ~96 days
    expect(rec.errors).toBeUndefined();
    const due = async (days: number, who: Parameters<Hub['gql']>[0] = 'municipality') =>
      ((await hub.gql(who, `{ dpiasDue(withinDays: ${days}) { documentReference } }`)).data?.dpiasDue ?? []).map(
        (d: any) => d.documentReference,
      );
    expect(await due(60)).not.toContain('DPIA-UTR-OLD');
    expect(await due(100)).toContain('DPIA-UTR-OLD');
    await new Promise((r) => setTimeout(r, 400));
    expect(mine.events.filter((e: any) => e.dpiaDue.documentReference === 'DPIA-UTR-OLD')).toHaveLength(0);
    hub.clock.advance(40 * DAY);
    try {
      await waitFor(
        () => mine.events.some((e: any) => e.dpiaDue.documentReference === 'DPIA-UTR-OLD'),
        60_000,
        'dpiaDue',
      );
      expect(await due(60)).toContain('DPIA-UTR-OLD');
      expect(await due(60, 'authority')).toContain('DPIA-UTR-OLD');
      expect(await due(60, denHaag)).not.toContain('DPIA-UTR-OLD');
      await new Promise((r) => setTimeout(r, 400));
      expect(mine.events.filter((e: any) => e.dpiaDue.documentReference === 'DPIA-UTR-OLD')).toHaveLength(1);
      expect(codes(await hub.gql('municipality', '{ dpiasDue(withinDays: 0) { id } }'))).toEqual(['BAD_USER_INPUT']);
    } finally {
      hub.clock.advance(-40 * DAY);
    }
    expect(other.events).toHaveLength(0);
    expect(JSON.stringify(other.errors)).toMatch(/FORBIDDEN|Not allowed/);
    expect(company.events).toHaveLength(0);
    expect(JSON.stringify(company.errors)).toMatch(/FORBIDDEN|Not allowed/);
    mine.dispose();
  });
});

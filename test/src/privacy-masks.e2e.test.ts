// Privacy masks on an existing camera end to end (001, 003 §5.2.2, §5.2.3): police anywhere, a
// municipality on its own non-covert cameras; every change audited and kept as history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '@hub/auth';
import { bootHub, codes, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const UTRECHT_CAM = 'utrecht-vredenburg-1';
const HAGUE_CAM = 'denhaag-grote-marktstraat-1';
const COVERT = 'antwerpen-anpr-koffer-1';
const denHaag: Actor = { kind: 'municipality', sub: 'den-haag-1', municipality: 'GM0518' };
const poly = (d = 0): number[][] => [
  [52.0921 + d, 5.1145],
  [52.0922 + d, 5.1146],
  [52.0921 + d, 5.1147],
];
const ADD =
  'mutation($c: ID!, $m: PrivacyMaskInput!, $r: String) { addPrivacyMask(cameraId: $c, mask: $m, reason: $r) { id privacyMasks { label polygon } } }';
const CHANGE =
  'mutation($c: ID!, $l: String!, $m: PrivacyMaskInput!) { changePrivacyMask(cameraId: $c, label: $l, mask: $m) { privacyMasks { label polygon } } }';
const REMOVE =
  'mutation($c: ID!, $l: String!) { removePrivacyMask(cameraId: $c, label: $l) { privacyMasks { label } } }';
const HISTORY =
  'query($c: ID!) { privacyMaskHistory(cameraId: $c) { action label before { label } after { label polygon } changedByKind changedBy reason } }';
async function masksOf(id: string): Promise<unknown> {
  const [r] = await hub.stack.database.query<{ m: unknown }>(
    sql`select privacy_masks as m from cameras.cameras where id = ${id}`,
  );
  return r!.m;
}
async function auditCount(action: string): Promise<number> {
  const [r] = await hub.stack.database.query<{ n: number }>(
    sql`select count(*)::int as n from audit.entries where action = ${action}`,
  );
  return r!.n;
}

describe('privacy masks', () => {
  it('the municipality adds, changes and removes masks of its own camera; each change is audited and in the history', async () => {
    const a = await hub.gql('municipality', ADD, {
      c: UTRECHT_CAM,
      m: { label: 'Flat Vredenburg 12', polygon: poly() },
      r: 'complaint of residents',
    });
    expect(a.errors).toBeUndefined();
    expect(a.data!.addPrivacyMask.privacyMasks).toEqual([{ label: 'Flat Vredenburg 12', polygon: poly() }]);
    // a retried add changes nothing and writes no second history row
    expect(
      (await hub.gql('municipality', ADD, { c: UTRECHT_CAM, m: { label: 'Flat Vredenburg 12', polygon: poly() } }))
        .errors,
    ).toBeUndefined();
    expect(
      codes(
        await hub.gql('municipality', ADD, {
          c: UTRECHT_CAM,
          m: { label: 'Flat Vredenburg 12', polygon: poly(0.001) },
        }),
      ),
    ).toEqual(['CONFLICT']);
    const c = await hub.gql('police', CHANGE, {
      c: UTRECHT_CAM,
      l: 'Flat Vredenburg 12',
      m: { label: 'Flat Vredenburg 12-14', polygon: poly(0.0001) },
    });
    expect(c.errors).toBeUndefined();
    expect(c.data!.changePrivacyMask.privacyMasks).toEqual([{ label: 'Flat Vredenburg 12-14', polygon: poly(0.0001) }]);
    const r = await hub.gql('municipality', REMOVE, { c: UTRECHT_CAM, l: 'Flat Vredenburg 12-14' });
    expect(r.data!.removePrivacyMask.privacyMasks).toEqual([]);
    expect(codes(await hub.gql('municipality', REMOVE, { c: UTRECHT_CAM, l: 'Flat Vredenburg 12-14' }))).toEqual([
      'NOT_FOUND',
    ]);

    const h = await hub.gql('municipality', HISTORY, { c: UTRECHT_CAM });
    expect(h.errors).toBeUndefined();
    expect(h.data!.privacyMaskHistory).toEqual([
      {
        action: 'REMOVED',
        label: 'Flat Vredenburg 12-14',
        before: { label: 'Flat Vredenburg 12-14' },
        after: null,
        changedByKind: 'municipality',
        changedBy: 'oov-utrecht-1',
        reason: null,
      },
      {
        action: 'CHANGED',
        label: 'Flat Vredenburg 12',
        before: { label: 'Flat Vredenburg 12' },
        after: { label: 'Flat Vredenburg 12-14', polygon: poly(0.0001) },
        changedByKind: 'police',
        changedBy: expect.any(String),
        reason: null,
      },
      {
        action: 'ADDED',
        label: 'Flat Vredenburg 12',
        before: null,
        after: { label: 'Flat Vredenburg 12', polygon: poly() },
        changedByKind: 'municipality',
        changedBy: 'oov-utrecht-1',
        reason: 'complaint of residents',
      },
    ]);
    expect(await auditCount('cameras.privacyMask.added')).toBe(1);
    expect(await auditCount('cameras.privacyMask.changed')).toBe(1);
    expect(await auditCount('cameras.privacyMask.removed')).toBe(1);
    // the supervisor reads the history and the chain still verifies
    expect((await hub.gql('authority', HISTORY, { c: UTRECHT_CAM })).data!.privacyMaskHistory).toHaveLength(3);
    const v = await hub.gql('authority', '{ verifyAuditChain { ok } }');
    expect(v.data!.verifyAuditChain.ok).toBe(true);
  });

  it('others are refused at the gateway and at the subgraph, and nothing changes', async () => {
    const before = [await masksOf(HAGUE_CAM), await masksOf(COVERT), await masksOf(UTRECHT_CAM)];
    const mask = { label: 'x', polygon: poly() };
    expect(codes(await hub.gql('municipality', ADD, { c: HAGUE_CAM, m: mask }))).toEqual(['FORBIDDEN']); // visible in the register, not its own
    expect(codes(await hub.gql('municipality', ADD, { c: COVERT, m: mask }))).toEqual(['NOT_FOUND']); // covert: not even visible
    expect(codes(await hub.direct('cameras', denHaag, ADD, { c: UTRECHT_CAM, m: mask }))).toEqual(['FORBIDDEN']);
    for (const who of ['company', 'citizen', 'authority', 'system'] as const) {
      expect(codes(await hub.gql(who, ADD, { c: UTRECHT_CAM, m: mask })), who).toEqual(['FORBIDDEN']);
      expect(codes(await hub.direct('cameras', who, REMOVE, { c: UTRECHT_CAM, l: 'x' })), who).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql('public', ADD, { c: UTRECHT_CAM, m: mask }))).toEqual(['UNAUTHENTICATED']);
    expect(
      codes(await hub.gql('municipality', ADD, { c: UTRECHT_CAM, m: { label: 'bad', polygon: [[1, 2]] } })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await hub.gql('municipality', ADD, {
          c: UTRECHT_CAM,
          m: {
            label: 'bad',
            polygon: [
              [91, 2],
              [1, 2],
              [1, 3],
            ],
          },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect([await masksOf(HAGUE_CAM), await masksOf(COVERT), await masksOf(UTRECHT_CAM)]).toEqual(before);
    // the history of another municipality's camera is empty for this municipality; covert ones too
    expect((await hub.gql(denHaag, HISTORY, { c: UTRECHT_CAM })).data!.privacyMaskHistory).toEqual([]);
    for (const who of ['company', 'citizen'] as const)
      expect(codes(await hub.gql(who, HISTORY, { c: UTRECHT_CAM }))).toEqual(['FORBIDDEN']);
    // police may mask a covert camera
    expect(
      (await hub.gql('police', ADD, { c: COVERT, m: { label: 'garden', polygon: poly() } })).errors,
    ).toBeUndefined();
    expect((await hub.gql('municipality', HISTORY, { c: COVERT })).data!.privacyMaskHistory).toEqual([]);
    expect((await hub.gql('authority', HISTORY, { c: COVERT })).data!.privacyMaskHistory).toHaveLength(1);
  });
});

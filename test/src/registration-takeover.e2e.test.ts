// A declaration taken over from an earlier register keeps the date it was made (the police keep the
// declarations, 004): one more than a year old and not confirmed since has lapsed
// (CONFIRMATION_OVERDUE) until its owner confirms it. A company declares only now: dating its own
// declaration back is refused (by the policy's field rule, in the subgraph: through the gateway and
// called directly alike) and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@hub/auth';
import { bootHub, codes, DAY, type Hub } from './harness.js';

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub();
});
afterAll(async () => hub?.close());

const GARAGE: Actor = { kind: 'company', sub: 'garage-1', org: 'KVK-27111222' };
const REGISTER = `mutation($i: RegisterPrivateCameraInput!) {
  registerPrivateCamera(input: $i) { id status registeredAt confirmedAt complianceFlags } }`;
const input = (o: Record<string, unknown> = {}) => ({
  ownerName: 'Garage Laakhaven — stalling',
  ownerOrg: 'KVK-27111222',
  placeType: 'PARKING',
  address: 'Hoefkade 210, Den Haag',
  location: { latitude: 52.0719, longitude: 4.3145 },
  mounting: 'FIXED',
  purpose: 'Bewaking stalling',
  filmsPublicSpace: true,
  publicSpaceDescription: 'stoep voor de ingang',
  liveView: false,
  retentionDays: 28,
  signage: true,
  contact: { name: 'A. Bakker', phone: '+31 70 123 4567', email: 'garage@example.nl' },
  municipality: 'GM0518',
  ...o,
});
const mine = async () =>
  (await hub.gql(GARAGE, '{ myRegistrations(first: 100) { edges { node { id } } } }')).data!.myRegistrations.edges
    .length as number;

describe('a declaration taken over from an earlier register', () => {
  it('keeps its date; more than a year unconfirmed it has lapsed, until the owner confirms it', async () => {
    const declaredAt = new Date(hub.clock.now().getTime() - 400 * DAY).toISOString();
    const r = await hub.gql('police', REGISTER, { i: input({ declaredAt }) });
    expect(r.errors).toBeUndefined();
    const reg = r.data!.registerPrivateCamera;
    expect(reg).toMatchObject({
      status: 'LAPSED',
      registeredAt: declaredAt,
      confirmedAt: declaredAt,
      complianceFlags: ['CONFIRMATION_OVERDUE'],
    });
    // the authority finds it by its flag; the public count leaves a lapsed declaration out
    const flagged = await hub.gql(
      'authority',
      '{ privateCameraRegistrations(filter: { flag: CONFIRMATION_OVERDUE }, first: 100) { edges { node { id } } } }',
    );
    expect(flagged.data!.privateCameraRegistrations.edges.map((e: any) => e.node.id)).toContain(reg.id);
    // its owner confirms it: active again, from now
    const confirmed = await hub.gql(
      GARAGE,
      'mutation($id: ID!) { confirmPrivateCamera(id: $id) { status confirmedAt complianceFlags } }',
      { id: reg.id },
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmPrivateCamera).toMatchObject({ status: 'ACTIVE', complianceFlags: [] });
    expect(Date.parse(confirmed.data!.confirmPrivateCamera.confirmedAt)).toBeGreaterThan(Date.parse(declaredAt));
  });

  it('a company cannot date its own declaration back (FORBIDDEN through the gateway and at the subgraph directly); a date in the future is bad input; nothing is written', async () => {
    const before = await mine();
    const back = { i: input({ declaredAt: new Date(hub.clock.now().getTime() - 400 * DAY).toISOString() }) };
    expect(codes(await hub.gql(GARAGE, REGISTER, back))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.direct('registrations', GARAGE, REGISTER, back))).toEqual(['FORBIDDEN']);
    const future = { i: input({ declaredAt: new Date(hub.clock.now().getTime() + DAY).toISOString() }) };
    expect(codes(await hub.gql('police', REGISTER, future))).toEqual(['BAD_USER_INPUT']);
    const ancient = { i: input({ declaredAt: '2001-01-01T00:00:00Z' }) };
    expect(codes(await hub.gql('police', REGISTER, ancient))).toEqual(['BAD_USER_INPUT']);
    expect(await mine()).toBe(before);
    // without a date a company declares as ever: now, active
    const now = await hub.gql(GARAGE, REGISTER, { i: input() });
    expect(now.data!.registerPrivateCamera.status).toBe('ACTIVE');
    expect(await mine()).toBe(before + 1);
  });
});

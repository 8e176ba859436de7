// Reading and changing registrations: rows ↔ GraphQL objects, the policy's WHERE, the status and flag
// filters in SQL (mirroring domain/compliance.ts), pages, and camerasNear's bounding-box reads.
import { and, asc, count, eq, gt, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { accessibleWhere, type Ability, type Action } from '@hub/auth';
import type { Db, Queryable } from '@hub/db';
import { decodeCursor, ID_CURSOR, pageSize, toPage, type HubContext } from '@hub/subgraph-kit';
import { MAX_RETENTION_DAYS, complianceFlags, effectiveStatus, lapsedBefore } from '../domain/compliance.js';
import type { PrivateCameraRegistration, RegistrationFilter } from '../schema/types.js';
import { municipalityReplica, publicCameraReplica, registrationTable } from './schema.js';

export type RegistrationRow = typeof registrationTable.$inferSelect;

/** Policy condition fields → columns, for accessibleWhere. */
const columns = {
  ownerOrg: registrationTable.ownerOrg,
  filmsPublicSpace: registrationTable.filmsPublicSpace,
  municipality: registrationTable.municipality,
};
export const registrationWhere = (ability: Ability, action: Action = 'read') =>
  accessibleWhere(ability, action, 'PrivateCameraRegistration', columns);

export function toRegistration(r: RegistrationRow, now: Date): PrivateCameraRegistration {
  return {
    ...r,
    location: { latitude: r.latitude, longitude: r.longitude },
    storedStatus: r.status,
    status: effectiveStatus(r, now),
    complianceFlags: complianceFlags(r, now),
  };
}

/** Back from an event's payload (JSON: times are ISO strings) to a row. */
export function fromPayload(r: RegistrationRow): RegistrationRow {
  return {
    ...r,
    registeredAt: new Date(r.registeredAt),
    confirmedAt: new Date(r.confirmedAt),
    deregisteredAt: r.deregisteredAt ? new Date(r.deregisteredAt) : null,
    // events from before 0002 carry no firstUseAt
    firstUseAt: r.firstUseAt ? new Date(r.firstUseAt) : null,
  };
}

/** A filter's conditions in SQL; status and flags mirror domain/compliance.ts. */
export function registrationFilters(f: RegistrationFilter, now: Date): SQL[] {
  const out: SQL[] = [];
  const lapsed = lapsedBefore(now);
  if (f.status === 'DEREGISTERED') out.push(eq(registrationTable.status, 'DEREGISTERED'));
  if (f.status === 'ACTIVE')
    out.push(eq(registrationTable.status, 'ACTIVE'), gte(registrationTable.confirmedAt, lapsed));
  if (f.status === 'LAPSED')
    out.push(
      eq(registrationTable.status, 'ACTIVE'),
      sql`${registrationTable.confirmedAt} < ${lapsed.toISOString()}::timestamptz`,
    );
  if (f.flag) out.push(ne(registrationTable.status, 'DEREGISTERED'));
  if (f.flag === 'CONFIRMATION_OVERDUE')
    out.push(sql`${registrationTable.confirmedAt} < ${lapsed.toISOString()}::timestamptz`);
  if (f.flag === 'PUBLIC_SPACE_WITHOUT_SIGNAGE')
    out.push(eq(registrationTable.filmsPublicSpace, true), eq(registrationTable.signage, false));
  if (f.flag === 'RETENTION_TOO_LONG') {
    out.push(
      sql`${registrationTable.retentionDays} > case ${registrationTable.country} when 'BE' then ${MAX_RETENTION_DAYS.BE}::int else ${MAX_RETENTION_DAYS.NL}::int end`,
    );
  }
  if (f.flag === 'DECLARED_AFTER_FIRST_USE')
    out.push(
      eq(registrationTable.country, 'BE'),
      sql`${registrationTable.firstUseAt} < ${registrationTable.registeredAt}`,
    );
  if (f.municipality) out.push(eq(registrationTable.municipality, f.municipality));
  if (f.filmsPublicSpace != null) out.push(eq(registrationTable.filmsPublicSpace, f.filmsPublicSpace));
  return out;
}

export const ownedBy = (org: string) => eq(registrationTable.ownerOrg, org);

/** A page of the registrations the caller may read, by id: keyset on id. */
export async function registrationPage(ctx: HubContext, filters: SQL[], first?: number | null, after?: string | null) {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, ID_CURSOR);
  const all = and(registrationWhere(ctx.ability), ...filters);
  const rows = await ctx.db
    .select()
    .from(registrationTable)
    .where(cursor ? and(all, gt(registrationTable.id, String(cursor[0]))) : all)
    .orderBy(asc(registrationTable.id))
    .limit(limit + 1);
  const now = ctx.clock.now();
  const p = toPage(
    rows,
    limit,
    0,
    (r) => [r.id],
    (r) => toRegistration(r, now),
  );
  return Object.assign(p, {
    totalCount: async () => (await ctx.db.select({ n: count() }).from(registrationTable).where(all))[0]!.n,
  });
}

/** One registration the ability may read, or undefined (missing and hidden alike). */
export async function findRegistration(
  on: Queryable,
  ability: Ability,
  id: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await on
    .select()
    .from(registrationTable)
    .where(and(eq(registrationTable.id, id), registrationWhere(ability)));
  return row;
}

/** Lock a registration the ability may change with `action`, or undefined (missing and hidden alike). */
export async function lockRegistration(
  on: Queryable,
  ability: Ability,
  id: string,
  action: Action,
): Promise<RegistrationRow | undefined> {
  const [row] = await on
    .select()
    .from(registrationTable)
    .where(and(eq(registrationTable.id, id), registrationWhere(ability, action)))
    .for('update');
  return row;
}

/** Registrations by id, unfiltered: the federation reference loader's read. */
export const registrationsByIds = (on: Queryable, ids: string[]) =>
  on.select().from(registrationTable).where(inArray(registrationTable.id, ids));

/** Active (confirmed within the interval) declarations per municipality. */
export async function activeCounts(on: Queryable, now: Date, municipality?: string) {
  const lapsed = lapsedBefore(now);
  return on
    .select({ municipality: registrationTable.municipality, count: count() })
    .from(registrationTable)
    .where(
      and(
        eq(registrationTable.status, 'ACTIVE'),
        gte(registrationTable.confirmedAt, lapsed),
        municipality ? eq(registrationTable.municipality, municipality) : undefined,
      ),
    )
    .groupBy(registrationTable.municipality)
    .orderBy(asc(registrationTable.municipality));
}

/** A municipality from the replica, or undefined. */
export async function findMunicipality(on: Queryable, code: string) {
  const [m] = await on.select().from(municipalityReplica).where(eq(municipalityReplica.code, code));
  return m;
}

export async function insertRegistration(tx: Queryable, row: RegistrationRow): Promise<RegistrationRow> {
  const [inserted] = await tx.insert(registrationTable).values(row).returning();
  return inserted!;
}

export async function updateRegistration(
  tx: Queryable,
  id: string,
  patch: Partial<RegistrationRow>,
): Promise<RegistrationRow> {
  const [updated] = await tx.update(registrationTable).set(patch).where(eq(registrationTable.id, id)).returning();
  return updated!;
}

// camerasNear's two bounding-box reads as prepared queries: drizzle builds their SQL once per database
// (and, for the registrations, once per ability: its policy condition is part of the SQL), not per search.
const inBox = (t: typeof registrationTable | typeof publicCameraReplica) =>
  and(
    gte(t.latitude, sql.placeholder('minLat')),
    lte(t.latitude, sql.placeholder('maxLat')),
    gte(t.longitude, sql.placeholder('minLon')),
    lte(t.longitude, sql.placeholder('maxLon')),
  );
const nearPrivate = new WeakMap<Db, WeakMap<Ability, ReturnType<typeof prepareNearPrivate>>>();
const nearPublic = new WeakMap<Db, ReturnType<typeof prepareNearPublic>>();
const prepareNearPrivate = (db: Db, ability: Ability) =>
  db
    .select()
    .from(registrationTable)
    .where(and(inBox(registrationTable), registrationWhere(ability)))
    .prepare('registrations_near_private');
const prepareNearPublic = (db: Db) =>
  db.select().from(publicCameraReplica).where(inBox(publicCameraReplica)).prepare('registrations_near_public');

export type Box = { minLat: number; maxLat: number; minLon: number; maxLon: number };

/** The declared cameras the ability may read and the public cameras inside the box. */
export async function camerasInBox(db: Db, ability: Ability, box: Box) {
  let byAbility = nearPrivate.get(db);
  if (!byAbility) nearPrivate.set(db, (byAbility = new WeakMap()));
  let privates = byAbility.get(ability);
  if (!privates) byAbility.set(ability, (privates = prepareNearPrivate(db, ability)));
  let publics = nearPublic.get(db);
  if (!publics) nearPublic.set(db, (publics = prepareNearPublic(db)));
  const values = { minLat: box.minLat, maxLat: box.maxLat, minLon: box.minLon, maxLon: box.maxLon };
  const [p, q] = await Promise.all([privates.execute(values), publics.execute(values)]);
  return { privates: p, publics: q };
}

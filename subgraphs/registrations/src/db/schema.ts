// Tables of the registrations subgraph, in its own Postgres schema `registrations`.
import { boolean, doublePrecision, index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { quotaUsageTable } from '@hub/subgraph-kit';

export const registrations = pgSchema('registrations');
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Replica of the cameras subgraph's municipalities (code, name, country). */
export const municipalityReplica = registrations.table('municipalities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
});

/** Replica of public cameras' positions, for camerasNear (fed by cameraRegistered events). */
export const publicCameraReplica = registrations.table(
  'public_cameras',
  {
    id: text('id').primaryKey(),
    municipality: text('municipality').notNull(),
    kind: text('kind').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    covert: boolean('covert').notNull(),
  },
  (t) => [index('public_cameras_geo').on(t.latitude, t.longitude)],
);

/** Private and business cameras declared to the police (004; Utrecht's business-park register, 003). */
export const registrationTable = registrations.table(
  'registrations',
  {
    id: text('id').primaryKey(),
    ownerOrg: text('owner_org').notNull(),
    ownerName: text('owner_name').notNull(),
    placeType: text('place_type').notNull(),
    address: text('address').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    mounting: text('mounting').notNull(),
    brandModel: text('brand_model'),
    purpose: text('purpose').notNull(),
    filmsPublicSpace: boolean('films_public_space').notNull(),
    publicSpaceDescription: text('public_space_description'),
    liveView: boolean('live_view').notNull(),
    alarmCentre: text('alarm_centre'),
    retentionDays: integer('retention_days').notNull(),
    signage: boolean('signage').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email').notNull(),
    municipality: text('municipality').notNull(),
    country: text('country').notNull(),
    /** ACTIVE or DEREGISTERED; LAPSED is derived from confirmedAt and the clock. */
    status: text('status').notNull(),
    registeredAt: ts('registered_at').notNull(),
    /** When the camera is (or was) first used (004: declared before use); null on declarations from before 0002. */
    firstUseAt: ts('first_use_at'),
    confirmedAt: ts('confirmed_at').notNull(),
    deregisteredAt: ts('deregistered_at'),
  },
  (t) => [
    // camerasNear: a bounding-box prefilter on this index, exact distance after it
    index('registrations_geo').on(t.latitude, t.longitude),
    index('registrations_owner').on(t.ownerOrg, t.id),
    index('registrations_municipality').on(t.municipality, t.id),
  ],
);

/** Per-actor quota counters (subgraph-kit quota.ts): camera registrations per company per day. */
export const quotaUsage = quotaUsageTable(registrations);

import { randomUUID } from 'node:crypto';
import {
  Arg,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  Args,
} from 'type-graphql';
import { auditLogOf } from '@hub/audit';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import {
  Can,
  badInput,
  conflict,
  notFound,
  refused,
  type HubContext,
  PageArgs,
  consumeQuota,
  defineQuota,
  quotaKey,
} from '@hub/subgraph-kit';
import {
  activeCounts,
  camerasInBox,
  findMunicipality,
  findRegistration,
  fromPayload,
  insertRegistration,
  lockRegistration,
  ownedBy,
  registrationFilters,
  registrationPage,
  toRegistration,
  updateRegistration,
  type RegistrationRow as Row,
} from '../db/registrations.js';
import { quotaUsage } from '../db/schema.js';
import {
  changeRefusal,
  effectiveStatus,
  firstUseChangeRefusal,
  firstUseProblem,
  type Country,
} from '../domain/compliance.js';
import { declaredAtProblem } from '../domain/takeover.js';
import { boundingBox, distanceMeters } from '../domain/geo.js';
import { REGISTRATION_CHANGED } from './topics.js';
import {
  NearbyCamera,
  PrivateCameraRegistration,
  PrivateCameraRegistrationConnection,
  RegisterPrivateCameraInput,
  RegistrationCount,
  RegistrationFilter,
  UpdatePrivateCameraInput,
} from './types.js';

/** Cameras one company may declare per day (UTC): QUOTA_REGISTRATIONS_PER_COMPANY_PER_DAY, docs/QUOTAS.md. */
const REGISTRATION_QUOTA = defineQuota({
  name: 'registrations',
  envVar: 'QUOTA_REGISTRATIONS_PER_COMPANY_PER_DAY',
  defaultLimit: 200,
  unit: 'camera registrations',
});
/** camerasNear: at most 1000 km, at most 200 results (nearest first). */
const MAX_RADIUS_M = 1_000_000;
const MAX_NEAR = 200;

async function municipalityOf(on: Queryable, code: string) {
  const m = await findMunicipality(on, code);
  if (!m) throw badInput(`Unknown municipality ${code}`, { field: 'municipality' });
  return m;
}

/** The caller's registration for a change; another owner's is NOT_FOUND, not FORBIDDEN (do not reveal it exists). */
async function forChange(ctx: HubContext, on: Queryable, id: string, action: 'update' | 'confirm' | 'delete') {
  const row = await lockRegistration(on, ctx.ability, id, action);
  if (!row) throw notFound(`No registration ${id}`);
  return row;
}

async function announce(ctx: HubContext, on: Queryable, row: Row, change: string) {
  await ctx.events.publish(on, REGISTRATION_CHANGED, { change, row });
}

@Resolver(() => PrivateCameraRegistration)
export class RegistrationResolver {
  @Query(() => PrivateCameraRegistrationConnection, { description: "The caller's own registrations (a company)." })
  @Can('read', 'PrivateCameraRegistration')
  async myRegistrations(@Ctx() ctx: HubContext, @Args(() => PageArgs) { first, after }: PageArgs = {}) {
    if (!ctx.actor.org) throw refused(ctx.actor, 'list own registrations without an organisation');
    return registrationPage(ctx, [ownedBy(ctx.actor.org)], first, after);
  }

  @Query(() => PrivateCameraRegistrationConnection, {
    description:
      'Registrations the caller may see: police all; the authority those filming public space; a municipality its own.',
  })
  @Can('read', 'PrivateCameraRegistration')
  async privateCameraRegistrations(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => RegistrationFilter, { nullable: true }) filter?: RegistrationFilter,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return registrationPage(ctx, registrationFilters(filter ?? {}, ctx.clock.now()), first, after);
  }

  @Query(() => PrivateCameraRegistration, {
    description: 'One registration; NOT_FOUND when it does not exist or is not yours to see.',
  })
  @Can('read', 'PrivateCameraRegistration')
  async privateCameraRegistration(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const row = await findRegistration(ctx.db, ctx.ability, id);
    if (!row) throw notFound(`No registration ${id}`);
    return toRegistration(row, ctx.clock.now());
  }

  @Query(() => [RegistrationCount], { description: 'Active declarations per municipality: the figure anyone may see.' })
  @Can('read', 'RegistrationCount')
  async registrationCounts(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
  ) {
    return activeCounts(ctx.db, ctx.clock.now(), municipality);
  }

  @Mutation(() => PrivateCameraRegistration, {
    description: 'Declare a private camera (before first use; confirm yearly).',
  })
  @Can('create', 'PrivateCameraRegistration')
  async registerPrivateCamera(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RegisterPrivateCameraInput) input: RegisterPrivateCameraInput,
  ) {
    // the caller's own organisation unless another is named; the policy's row check below decides
    // who may declare for whom (a company only for itself)
    const ownerOrg = input.ownerOrg ?? ctx.actor.org;
    if (!ownerOrg) throw badInput('ownerOrg is required');
    if (input.liveView && !input.alarmCentre)
      throw badInput('Live View needs the alarm centre that forwards the images', { field: 'alarmCentre' });
    if (input.filmsPublicSpace && !input.publicSpaceDescription)
      throw badInput('Describe which part of public space the camera films', { field: 'publicSpaceDescription' });
    const now = ctx.clock.now();
    const declaredAt = input.declaredAt ?? now;
    return ctx.db.transaction(async (tx) => {
      const m = await municipalityOf(tx, input.municipality);
      const firstUse = firstUseProblem(input.firstUseAt, m.country, now);
      if (firstUse) throw badInput(firstUse, { field: 'firstUseAt' });
      const row: Row = {
        id: randomUUID(),
        ownerOrg,
        ownerName: input.ownerName,
        placeType: input.placeType,
        address: input.address.trim(),
        latitude: input.location.latitude,
        longitude: input.location.longitude,
        mounting: input.mounting,
        brandModel: input.brandModel ?? null,
        purpose: input.purpose,
        filmsPublicSpace: input.filmsPublicSpace,
        publicSpaceDescription: input.publicSpaceDescription ?? null,
        liveView: input.liveView,
        alarmCentre: input.alarmCentre ?? null,
        retentionDays: input.retentionDays,
        signage: input.signage,
        contactName: input.contact.name,
        contactPhone: input.contact.phone,
        contactEmail: input.contact.email,
        municipality: m.code,
        country: m.country as Country,
        status: 'ACTIVE',
        registeredAt: declaredAt,
        firstUseAt: input.firstUseAt ?? null,
        confirmedAt: declaredAt,
        deregisteredAt: null,
      };
      if (!row.address) throw badInput('address is required', { field: 'address' });
      if (!ctx.ability.can('create', subject('PrivateCameraRegistration', row)))
        throw refused(ctx.actor, 'register a camera for another owner');
      // a declaration taken over from an earlier register keeps its date: the police only (policy)
      if (input.declaredAt) {
        if (!ctx.ability.can('create', subject('PrivateCameraRegistration', row), 'registeredAt'))
          throw refused(ctx.actor, 'date a declaration in the past');
        const problem = declaredAtProblem(input.declaredAt, now);
        if (problem) throw badInput(problem, { field: 'declaredAt' });
      }
      // a company declares so many cameras a day (docs/QUOTAS.md)
      if (ctx.actor.kind === 'company')
        await consumeQuota(tx, quotaUsage, REGISTRATION_QUOTA, quotaKey(ctx.actor, 'org'), now);
      const inserted = await insertRegistration(tx, row);
      await announce(ctx, tx, inserted, 'REGISTERED');
      return toRegistration(inserted, now);
    });
  }

  @Mutation(() => PrivateCameraRegistration, { description: 'Change your own registration.' })
  @Can('update', 'PrivateCameraRegistration')
  async updatePrivateCamera(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePrivateCameraInput) input: UpdatePrivateCameraInput,
  ) {
    // null means "leave as it is": an input with nothing else has nothing to write (and drizzle refuses an empty SET)
    if (!Object.values(input).some((v) => v !== undefined && v !== null))
      throw badInput('nothing to change: give at least one field');
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await forChange(ctx, tx, id, 'update');
      const refusal = changeRefusal(row, 'change');
      if (refusal) throw conflict(refusal);
      const { location, contact, municipality, ...rest } = input;
      const patch: Partial<Row> = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined && v !== null),
      );
      if (typeof patch.address === 'string' && !patch.address.trim())
        throw badInput('address is required', { field: 'address' });
      if (location) Object.assign(patch, { latitude: location.latitude, longitude: location.longitude });
      if (contact)
        Object.assign(patch, { contactName: contact.name, contactPhone: contact.phone, contactEmail: contact.email });
      if (municipality) {
        const m = await municipalityOf(tx, municipality);
        Object.assign(patch, { municipality: m.code, country: m.country });
      }
      const next = { ...row, ...patch };
      // a date of first use stated here is checked like one on registering; one is required when the
      // change moves the declaration into Belgium (domain/compliance.ts, 004)
      if (patch.firstUseAt != null || (next.country === 'BE' && row.country !== 'BE')) {
        const firstUse = firstUseProblem(next.firstUseAt, next.country, now);
        if (firstUse) throw badInput(firstUse, { field: 'firstUseAt' });
      }
      const moved = firstUseChangeRefusal(row.firstUseAt, patch.firstUseAt, now);
      if (moved) throw conflict(moved);
      if (next.liveView && !next.alarmCentre)
        throw badInput('Live View needs the alarm centre that forwards the images', { field: 'alarmCentre' });
      if (next.filmsPublicSpace && !next.publicSpaceDescription)
        throw badInput('Describe which part of public space the camera films', { field: 'publicSpaceDescription' });
      const updated = await updateRegistration(tx, id, patch);
      await announce(ctx, tx, updated, 'UPDATED');
      return toRegistration(updated, now);
    });
  }

  @Mutation(() => PrivateCameraRegistration, {
    description: 'The yearly confirmation that the declaration is still right.',
  })
  @Can('confirm', 'PrivateCameraRegistration')
  async confirmPrivateCamera(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await forChange(ctx, tx, id, 'confirm');
      const refusal = changeRefusal(row, 'confirm');
      if (refusal) throw conflict(refusal);
      const updated = await updateRegistration(tx, id, { confirmedAt: now });
      await announce(ctx, tx, updated, 'CONFIRMED');
      return toRegistration(updated, now);
    });
  }

  @Mutation(() => PrivateCameraRegistration, { description: 'The camera is no longer in use.' })
  @Can('delete', 'PrivateCameraRegistration')
  async deregisterPrivateCamera(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await forChange(ctx, tx, id, 'delete');
      if (row.status === 'DEREGISTERED') return toRegistration(row, now); // idempotent
      const updated = await updateRegistration(tx, id, { status: 'DEREGISTERED', deregisteredAt: now });
      await announce(ctx, tx, updated, 'DEREGISTERED');
      return toRegistration(updated, now);
    });
  }

  @Query(() => [NearbyCamera], {
    description:
      'Who may have filmed this (police): public and active declared cameras within the radius, nearest first, at most 200.',
  })
  @Can('search', 'PrivateCameraRegistration')
  async camerasNear(
    @Ctx() ctx: HubContext,
    @Arg('lat', () => Float) lat: number,
    @Arg('lon', () => Float) lon: number,
    @Arg('radiusMeters', () => Float) radiusMeters: number,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<NearbyCamera[]> {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
      throw badInput('lat must be within -90..90 and lon within -180..180');
    if (!(radiusMeters >= 0 && radiusMeters <= MAX_RADIUS_M))
      throw badInput(`radiusMeters must be between 0 and ${MAX_RADIUS_M}`);
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEAR)
      throw badInput(`first must be between 1 and ${MAX_NEAR}`);
    const box = boundingBox(lat, lon, radiusMeters);
    const now = ctx.clock.now();
    const { privates, publics } = await camerasInBox(ctx.db, ctx.ability, box);
    const out: NearbyCamera[] = [];
    for (const r of privates) {
      if (effectiveStatus(r, now) === 'DEREGISTERED') continue;
      const d = distanceMeters(lat, lon, r.latitude, r.longitude);
      if (d <= radiusMeters) {
        out.push({
          source: 'PRIVATE',
          distanceMeters: d,
          liveView: r.liveView && effectiveStatus(r, now) === 'ACTIVE',
          location: { latitude: r.latitude, longitude: r.longitude },
          camera: null,
          registration: toRegistration(r, now),
        });
      }
    }
    for (const c of publics) {
      const d = distanceMeters(lat, lon, c.latitude, c.longitude);
      // public-order cameras are watched from the police control room: live by definition
      if (d <= radiusMeters)
        out.push({
          source: 'PUBLIC',
          distanceMeters: d,
          liveView: true,
          location: { latitude: c.latitude, longitude: c.longitude },
          camera: { id: c.id },
          registration: null,
        });
    }
    out.sort(
      (a, b) =>
        a.distanceMeters - b.distanceMeters ||
        (a.camera?.id ?? a.registration!.id).localeCompare(b.camera?.id ?? b.registration!.id),
    );
    const results = out.slice(0, limit);
    // who may have filmed this is a lead into private persons' cameras: the search and what it found
    // are logged (004), before anything is returned
    await auditLogOf(ctx.database).append(ctx.db, {
      actor: ctx.actor,
      action: 'registrations.camerasNear',
      subjectType: 'NearbyCamera',
      subjectIds: results.map((c) => c.registration?.id ?? c.camera!.id),
      purpose: `near ${lat},${lon} within ${radiusMeters} m`,
      at: now,
      request: ctx.auditRequest,
    });
    return results;
  }

  // A declared camera's contact person is personal data of a private person (004): each read of it by
  // someone other than the declaring company is logged; one request's reads merge into
  // one entry. The field guard has already refused whoever may not see the field.
  @FieldResolver(() => String, { nullable: true })
  async contactName(@Root() r: PrivateCameraRegistration, @Ctx() ctx: HubContext) {
    await auditContactRead(ctx, r);
    return r.contactName;
  }

  @FieldResolver(() => String, { nullable: true })
  async contactPhone(@Root() r: PrivateCameraRegistration, @Ctx() ctx: HubContext) {
    await auditContactRead(ctx, r);
    return r.contactPhone;
  }

  @FieldResolver(() => String, { nullable: true })
  async contactEmail(@Root() r: PrivateCameraRegistration, @Ctx() ctx: HubContext) {
    await auditContactRead(ctx, r);
    return r.contactEmail;
  }

  @Subscription(() => PrivateCameraRegistration, {
    topics: REGISTRATION_CHANGED,
    description: 'Registrations changing, as far as the caller may see them.',
    filter: ({ payload, context }: { payload: { row: Row }; context: HubContext }) =>
      context.ability.can(
        'read',
        subject('PrivateCameraRegistration', payload.row as unknown as Record<string, unknown>),
      ),
  })
  @Can('read', 'PrivateCameraRegistration')
  registrationChanged(@Root() payload: { row: Row }, @Ctx() ctx: HubContext): PrivateCameraRegistration {
    const out = toRegistration(fromPayload(payload.row), ctx.clock.now());
    // each event is its own "request" for the audit log's per-request merging and bound
    return Object.assign(out, { [AUDIT_REQUEST]: {} });
  }
}

const AUDIT_REQUEST = Symbol('audit request');

async function auditContactRead(
  ctx: HubContext,
  r: PrivateCameraRegistration & { [AUDIT_REQUEST]?: object },
): Promise<void> {
  if (ctx.actor.kind === 'company' && ctx.actor.org === r.ownerOrg) return; // the declarant's own data
  await auditLogOf(ctx.database).append(ctx.db, {
    actor: ctx.actor,
    action: 'registrations.contact.read',
    subjectType: 'PrivateCameraRegistration',
    subjectIds: [r.id],
    purpose: null,
    at: ctx.clock.now(),
    request: r[AUDIT_REQUEST] ?? ctx.auditRequest,
  });
}

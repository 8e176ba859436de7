// Belgian rules (004): the council's approval of police camera locations and types before a camera
// becomes active, and police access to third parties' cameras as grants with scope and period.
// The rules themselves are in domain/belgium.ts; data access in db/belgium.ts.
import { randomUUID } from 'node:crypto';
import { ArrayMaxSize, IsIn, Length, Max, Min, ValidateNested } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import { Can, badInput, conflict, notFound, refused, type HubContext } from '@hub/subgraph-kit';
import {
  approvalByReference,
  approvalsOf,
  countryOf,
  grantsOfCamera,
  insertApproval,
  insertGrant,
  lockGrant,
  readableApprovals,
  readableGrants,
  revokeGrant,
  toApproval,
  toGrant,
} from '../db/belgium.js';
import { findCamera, type CameraRow } from '../db/cameras.js';
import {
  ACCESS_SCOPES,
  MAX_LOCATION_RADIUS_M,
  approvalCoverage,
  approvalProblems,
  grantProblems,
  needsCouncilApproval,
} from '../domain/belgium.js';
import { endSessions, ofGrant } from '../db/live-view.js';
import { loadCameras } from './camera.reference.js';
import { CAMERA_KINDS, Camera, CameraKind } from './types.js';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
export const AccessScope = asEnum(ACCESS_SCOPES);
registerEnumType(AccessScope, {
  name: 'AccessScope',
  description: 'What a grant lets the police do with a third party’s camera (004)',
});

@ObjectType()
export class ApprovedLocation {
  @Field(() => String) label!: string;
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Float) radiusMeters!: number;
}

@InputType()
export class ApprovedLocationInput {
  @Field(() => String) @Length(1, 200) label!: string;
  @Field(() => Float) @Min(-90) @Max(90) latitude!: number;
  @Field(() => Float) @Min(-180) @Max(180) longitude!: number;
  @Field(() => Float, { description: `1-${MAX_LOCATION_RADIUS_M} m around the point` }) radiusMeters!: number;
}

@ObjectType({
  description:
    "A municipal council's approval of police cameras on the public domain: new types and new locations (004).",
})
export class CouncilApproval {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'The council decision' }) reference!: string;
  @Field(() => Date) decidedAt!: Date;
  @Field(() => [CameraKind], { description: 'Camera types approved for the territory' }) cameraKinds!: string[];
  @Field(() => [ApprovedLocation]) locations!: ApprovedLocation[];
  @Field(() => String) recordedBy!: string;
  @Field(() => Date) recordedAt!: Date;
}

@InputType()
export class RecordCouncilApprovalInput {
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => String) @Length(1, 200) reference!: string;
  @Field(() => Date) decidedAt!: Date;
  @Field(() => [CameraKind], { defaultValue: [] })
  @IsIn(CAMERA_KINDS, { each: true })
  @ArrayMaxSize(20)
  cameraKinds!: string[];
  @Field(() => [ApprovedLocationInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  locations!: ApprovedLocationInput[];
}

@ObjectType({ description: 'Whether a camera may be active under the council approvals (004).' })
export class CouncilApprovalCoverage {
  @Field(() => Boolean, { description: 'The rule applies: a police camera on the public domain in Belgium' })
  required!: boolean;
  @Field(() => Boolean) covered!: boolean;
  @Field(() => String, { nullable: true, description: 'What is missing when not covered' }) reason!: string | null;
  @Field(() => CouncilApproval, { nullable: true, description: 'The decision approving its type' })
  typeApproval!: CouncilApproval | null;
  @Field(() => CouncilApproval, {
    nullable: true,
    description: 'The decision approving its location (null for types used on the whole territory)',
  })
  locationApproval!: CouncilApproval | null;
}

@ObjectType({ description: "Police access to a third party's fixed camera (004), with its scope and period." })
export class CameraAccessGrant {
  @Field(() => ID) id!: string;
  @Field(() => Camera) camera!: Camera;
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'The camera’s owner who grants the access' }) thirdParty!: string;
  @Field(() => [AccessScope]) scope!: string[];
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validUntil!: Date;
  @Field(() => String, { description: 'The agreement or protocol' }) reference!: string;
  @Field(() => String) grantedBy!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
  @Field(() => Boolean, { description: 'In its period and not revoked, now' }) active!: boolean;
  cameraId!: string;
}

@InputType()
export class GrantCameraAccessInput {
  @Field(() => ID) @Length(1, 200) cameraId!: string;
  @Field(() => String) @Length(1, 200) thirdParty!: string;
  @Field(() => [AccessScope]) @IsIn(ACCESS_SCOPES, { each: true }) @ArrayMaxSize(2) scope!: string[];
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validUntil!: Date;
  @Field(() => String) @Length(1, 200) reference!: string;
}

async function coverage(
  on: Queryable,
  cam: Pick<CameraRow, 'kind' | 'operator' | 'latitude' | 'longitude' | 'municipality'>,
  at: Date,
) {
  const country = (await countryOf(on, cam.municipality)) ?? '';
  const facts = { ...cam, country };
  if (!needsCouncilApproval(facts)) return { required: false as const, result: null };
  const approvals = await approvalsOf(on, cam.municipality);
  return { required: true as const, result: approvalCoverage(facts, approvals, at) };
}

/** CONFLICT unless the camera may be active now: a Belgian police camera needs the council's approval first (004). */
export async function assertMayBeActive(
  on: Queryable,
  cam: Pick<CameraRow, 'kind' | 'operator' | 'latitude' | 'longitude' | 'municipality'>,
  at: Date,
): Promise<void> {
  const c = await coverage(on, cam, at);
  if (c.result && !c.result.covered) throw conflict(`Not active: ${c.result.reason}. Register it OFFLINE until then.`);
}

@Resolver(() => CouncilApproval)
export class CouncilApprovalResolver {
  @Query(() => [CouncilApproval], {
    description: 'Council approvals of camera types and locations (004), newest first (at most 200).',
  })
  @Can('read', 'CouncilApproval')
  async councilApprovals(@Ctx() ctx: HubContext, @Arg('municipality', () => String) municipality: string) {
    return readableApprovals(ctx.db, ctx.ability, municipality);
  }

  @Mutation(() => CouncilApproval, {
    description:
      'Record a council decision approving police camera types and/or locations (004; Belgian municipalities). Idempotent by reference.',
  })
  @Can('create', 'CouncilApproval')
  async recordCouncilApproval(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RecordCouncilApprovalInput) input: RecordCouncilApprovalInput,
  ) {
    if (!ctx.ability.can('create', subject('CouncilApproval', { municipality: input.municipality })))
      throw refused(ctx.actor, `record council approvals of ${input.municipality}`);
    const now = ctx.clock.now();
    const problems = approvalProblems(input, now);
    if (problems.length) throw badInput(problems.join('; '));
    return ctx.db.transaction(async (tx) => {
      const country = await countryOf(tx, input.municipality);
      if (!country) throw badInput(`Unknown municipality ${input.municipality}`);
      // in the Netherlands the mayor designates areas instead (003 §4): there is no council approval to record
      if (country !== 'BE')
        throw badInput(
          'council approval of police cameras is Belgian law (004); Dutch areas are designated by the mayor',
        );
      const row = {
        id: randomUUID(),
        municipality: input.municipality,
        reference: input.reference.trim(),
        decidedAt: input.decidedAt,
        cameraKinds: [...new Set(input.cameraKinds)],
        locations: input.locations.map((l) => ({
          label: l.label,
          latitude: l.latitude,
          longitude: l.longitude,
          radiusMeters: l.radiusMeters,
        })),
        recordedBy: ctx.actor.sub,
        recordedAt: now,
      };
      const inserted = await insertApproval(tx, row);
      if (inserted) return toApproval(inserted);
      // a retry of the same decision returns it; another decision under that reference is a conflict
      const existing = await approvalByReference(tx, row.municipality, row.reference);
      const same =
        existing &&
        existing.decidedAt.getTime() === row.decidedAt.getTime() &&
        JSON.stringify([...existing.cameraKinds].sort()) === JSON.stringify([...row.cameraKinds].sort()) &&
        JSON.stringify(existing.locations) === JSON.stringify(row.locations);
      if (!same)
        throw conflict(`A council approval with reference ${row.reference} already exists with other contents`);
      return toApproval(existing);
    });
  }
}

@Resolver(() => CameraAccessGrant)
export class CameraAccessGrantResolver {
  @Query(() => [CameraAccessGrant], {
    description: "Police access to third parties' cameras (004), newest first (at most 200).",
  })
  @Can('read', 'CameraAccessGrant')
  async cameraAccessGrants(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String, { nullable: true }) municipality?: string,
    @Arg('cameraId', () => ID, { nullable: true }) cameraId?: string,
    @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly?: boolean,
  ) {
    return readableGrants(ctx.db, ctx.ability, ctx.clock.now(), { municipality, cameraId, activeOnly });
  }

  @Mutation(() => CameraAccessGrant, {
    description:
      'Record the access a third party grants the police to its fixed camera (004): scope and period (police).',
  })
  @Can('create', 'CameraAccessGrant')
  async grantCameraAccess(
    @Ctx() ctx: HubContext,
    @Arg('input', () => GrantCameraAccessInput) input: GrantCameraAccessInput,
  ) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const cam = await findCamera(tx, ctx.ability, input.cameraId);
      if (!cam) throw notFound(`No camera ${input.cameraId}`);
      if (!ctx.ability.can('create', subject('CameraAccessGrant', { municipality: cam.municipality })))
        throw refused(ctx.actor, 'record access to this camera');
      const problems = grantProblems(input, cam);
      if (problems.length) throw badInput(problems.join('; '));
      const row = await insertGrant(tx, ctx.events, {
        id: randomUUID(),
        cameraId: cam.id,
        municipality: cam.municipality,
        thirdParty: input.thirdParty.trim(),
        scope: [...new Set(input.scope)],
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        reference: input.reference.trim(),
        grantedBy: ctx.actor.sub,
        createdAt: now,
      });
      return toGrant(row, now);
    });
  }

  @Mutation(() => CameraAccessGrant, {
    description:
      'Revoke a grant (the third party withdrew it, or it is replaced): the police have no access from now (police).',
  })
  @Can('update', 'CameraAccessGrant')
  async revokeCameraAccess(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 2000) throw badInput('reason is required (at most 2000 characters)');
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const g = await lockGrant(tx, ctx.ability, id, 'update');
      if (!g) throw notFound(`No access grant ${id}`);
      if (g.revokedAt) throw conflict('The grant was already revoked');
      const row = await revokeGrant(tx, ctx.events, id, { reason: reason.trim(), at: now });
      // watching under the grant stops with it (004; domain/live-view.ts)
      await endSessions(tx, ofGrant(id), { at: now, by: ctx.actor.sub, reason: 'access grant revoked' });
      return toGrant(row, now);
    });
  }

  @FieldResolver(() => Camera)
  async camera(@Root() g: CameraAccessGrant, @Ctx() ctx: HubContext) {
    const [cam] = await loadCameras([g.cameraId], ctx);
    return cam;
  }
}

@Resolver(() => Camera)
export class CameraBelgiumResolver {
  @FieldResolver(() => CouncilApprovalCoverage, {
    description: 'Under which council approvals this camera may be active (004); required: false outside that rule.',
  })
  async councilApproval(@Root() cam: Camera, @Ctx() ctx: HubContext): Promise<CouncilApprovalCoverage> {
    const c = await coverage(
      ctx.db,
      {
        kind: cam.kind,
        operator: cam.operator,
        latitude: cam.location.latitude,
        longitude: cam.location.longitude,
        municipality: cam.municipality,
      },
      ctx.clock.now(),
    );
    if (!c.result) return { required: false, covered: true, reason: null, typeApproval: null, locationApproval: null };
    if (!c.result.covered)
      return { required: true, covered: false, reason: c.result.reason, typeApproval: null, locationApproval: null };
    return {
      required: true,
      covered: true,
      reason: null,
      typeApproval: c.result.type as CouncilApproval,
      locationApproval: (c.result.location as CouncilApproval | null) ?? null,
    };
  }

  @FieldResolver(() => [CameraAccessGrant], {
    description: "The police's grants to this third-party camera (004), newest first.",
  })
  async accessGrants(@Root() cam: Camera, @Ctx() ctx: HubContext) {
    return grantsOfCamera(ctx.db, ctx.ability, cam.id, ctx.clock.now());
  }
}

// Privacy masks on an existing camera: add, change, remove (police; a municipality for its own
// non-covert cameras), each audited in @hub/audit and kept as history (domain/privacy-mask.ts).
import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver, registerEnumType, Args } from 'type-graphql';
import { auditLogOf } from '@hub/audit';
import { subject } from '@hub/auth';
import { Can, badInput, conflict, notFound, pageSize, refused, type HubContext, FirstArgs } from '@hub/subgraph-kit';
import { findCamera, toCamera } from '../db/cameras.js';
import { changeMasks, maskHistory } from '../db/privacy-masks.js';
import { applyMaskChange, type MaskAction } from '../domain/privacy-mask.js';
import { Camera, PrivacyMask, PrivacyMaskInput } from './types.js';

const MASK_ACTIONS = ['ADDED', 'CHANGED', 'REMOVED'] as const;
const PrivacyMaskAction = Object.fromEntries(MASK_ACTIONS.map((v) => [v, v]));
registerEnumType(PrivacyMaskAction, { name: 'PrivacyMaskAction' });

@ObjectType({ description: 'One change of a privacy mask: who, when, before and after (001, 003 §5.2.2, §5.2.3).' })
export class PrivacyMaskChange {
  @Field(() => ID) id!: string;
  @Field(() => ID) cameraId!: string;
  @Field(() => String) municipality!: string;
  @Field(() => PrivacyMaskAction) action!: string;
  @Field(() => String) label!: string;
  @Field(() => PrivacyMask, { nullable: true }) before!: PrivacyMask | null;
  @Field(() => PrivacyMask, { nullable: true }) after!: PrivacyMask | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { description: 'Actor kind: police or municipality' }) changedByKind!: string;
  @Field(() => String) changedBy!: string;
  @Field(() => Date) changedAt!: Date;
}

@Resolver()
export class PrivacyMaskResolver {
  private async change(
    ctx: HubContext,
    cameraId: string,
    action: MaskAction,
    label: string,
    mask: PrivacyMaskInput | undefined,
    reason: string | undefined,
  ) {
    if (reason !== undefined && reason !== null && reason.length > 1000)
      throw badInput('reason is at most 1000 characters');
    return ctx.db.transaction(async (tx) => {
      const cam = await findCamera(tx, ctx.ability, cameraId, { lock: true });
      if (!cam) throw notFound(`No camera ${cameraId}`);
      if (
        !ctx.ability.can('create', subject('PrivacyMaskChange', { municipality: cam.municipality, covert: cam.covert }))
      ) {
        throw refused(ctx.actor, `change the privacy masks of ${cameraId}`);
      }
      const result = applyMaskChange(cam.privacyMasks, {
        action,
        label,
        mask: mask ? { label: mask.label, polygon: mask.polygon } : undefined,
      });
      if ('code' in result)
        throw result.code === 'CONFLICT'
          ? conflict(result.message)
          : result.code === 'NOT_FOUND'
            ? notFound(result.message)
            : badInput(result.message);
      if (result.unchanged) return toCamera(cam);
      const now = ctx.clock.now();
      const updated = await changeMasks(tx, cam, result.masks, {
        action,
        label,
        before: result.before,
        after: result.after,
        reason: reason ?? null,
        changedByKind: ctx.actor.kind,
        changedBy: ctx.actor.sub,
        changedAt: now,
      });
      // last, just before commit: the audit append holds the chain lock until the transaction ends
      await auditLogOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: `cameras.privacyMask.${action.toLowerCase()}`,
        subjectType: 'Camera',
        subjectIds: [cameraId],
        purpose: reason ?? null,
        at: now,
      });
      return toCamera(updated);
    });
  }

  @Mutation(() => Camera, {
    description: 'Add a privacy mask to a camera (police; municipality for its own cameras). Audited.',
  })
  @Can('create', 'PrivacyMaskChange')
  addPrivacyMask(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('mask', () => PrivacyMaskInput) mask: PrivacyMaskInput,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return this.change(ctx, cameraId, 'ADDED', mask.label, mask, reason);
  }

  @Mutation(() => Camera, {
    description: 'Replace the mask with this label (police; municipality for its own cameras). Audited.',
  })
  @Can('create', 'PrivacyMaskChange')
  changePrivacyMask(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('label', () => String) label: string,
    @Arg('mask', () => PrivacyMaskInput) mask: PrivacyMaskInput,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return this.change(ctx, cameraId, 'CHANGED', label, mask, reason);
  }

  @Mutation(() => Camera, {
    description: 'Remove the mask with this label (police; municipality for its own cameras). Audited.',
  })
  @Can('create', 'PrivacyMaskChange')
  removePrivacyMask(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('label', () => String) label: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return this.change(ctx, cameraId, 'REMOVED', label, undefined, reason);
  }

  @Query(() => [PrivacyMaskChange], {
    description:
      'Who changed which mask of a camera, newest first (police, authority, the municipality for its own cameras).',
  })
  @Can('read', 'PrivacyMaskChange')
  async privacyMaskHistory(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Args(() => FirstArgs) { first }: FirstArgs = {},
    @Arg('before', () => ID, { nullable: true, description: 'id of the last change seen: older ones follow' })
    before?: string,
  ) {
    const beforeId = before === undefined || before === null ? null : Number(before);
    if (beforeId !== null && !(Number.isSafeInteger(beforeId) && beforeId > 0))
      throw badInput('before must be a change id');
    return maskHistory(ctx.db, ctx.ability, cameraId, beforeId, pageSize(first));
  }
}

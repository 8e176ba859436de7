// Passage counts of one ANPR camera for municipalities, and the retention runs with their proofs.
// Data access in db/counts.ts, db/replica.ts and db/retention.ts.
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, notFound, refused, type HubContext } from '@hub/subgraph-kit';
import { passagesPerBucket } from '../db/counts.js';
import { replicaCamera } from '../db/replica.js';
import { retentionRunsBetween, runAnprRetention } from '../db/retention.js';
import { auditOf } from './common.js';
import { AnprBucket, AnprCount, AnprRetentionRun } from './types.js';

const DAY_MS = 24 * 3_600_000;
/** The longest period one call may ask for, per bucket width. */
const MAX_SPAN: Record<AnprBucket, number> = { HOUR: 31 * DAY_MS, DAY: 366 * DAY_MS };

@Resolver()
export class AnprCountResolver {
  @Query(() => [AnprCount], {
    description:
      'Passages of one ANPR camera per hour or day (UTC), for traffic and low-emission zones: police, and the municipality of the camera. Counts only.',
  })
  @Can('read', 'AnprCount')
  async anprCounts(
    @Ctx() ctx: HubContext,
    @Arg('cameraId', () => ID) cameraId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('bucket', () => AnprBucket) bucket: AnprBucket,
  ): Promise<AnprCount[]> {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > MAX_SPAN[bucket])
      throw badInput(`a ${bucket} count spans at most ${MAX_SPAN[bucket] / DAY_MS} days`);
    const cam = await replicaCamera(ctx.db, cameraId);
    // To an actor with conditional access, an unknown camera and another municipality's camera look the same.
    const may = (municipality: string) => ctx.ability.can('read', subject('AnprCount', { municipality }));
    if (!cam)
      throw may('\u0000unknown')
        ? notFound(`No camera ${cameraId}`)
        : refused(ctx.actor, `read ANPR counts of camera ${cameraId}`);
    // the camera stub carries what the Camera policy conditions on, so the field guard can judge it;
    // a camera the caller may not see (covert) is refused as a whole rather than half-answered
    const camera = { id: cam.id, municipality: cam.municipality, covert: cam.covert };
    if (!may(cam.municipality) || !ctx.ability.can('read', subject('Camera', camera)))
      throw refused(ctx.actor, `read ANPR counts of camera ${cameraId}`);
    const rows = await passagesPerBucket(ctx.db, cameraId, from, to, bucket);
    return rows.map((r) => ({ camera, municipality: cam.municipality, ...r }));
  }
}

@Resolver()
export class AnprRetentionResolver {
  @Mutation(() => AnprRetentionRun, {
    description:
      'Delete reads without a hit older than 28 days now (the scheduler also runs it); returns the deletion proof.',
  })
  @Can('run', 'RetentionProof')
  async runAnprRetention(@Ctx() ctx: HubContext) {
    return runAnprRetention(
      { database: ctx.database, audit: auditOf(ctx.database) },
      { now: ctx.clock.now(), actor: ctx.actor },
    );
  }

  @Query(() => [AnprRetentionRun], {
    description:
      'Deletion proofs of ANPR retention runs started in the period, newest first (police, authority; at most 500).',
  })
  @Can('read', 'RetentionProof')
  async anprRetentionRuns(
    @Ctx() ctx: HubContext,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ) {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    return retentionRunsBetween(ctx.db, from, to);
  }
}

// Hotlist hits: a list's hits and the live anprHit subscription, every delivery of a hit audited under
// its list. Data access in db/hits.ts; the reference loader in hotlist.reference.ts.
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, type HubContext } from '@hub/subgraph-kit';
import { hitsOfList, toHit } from '../db/hits.js';
import { entriesByIds, findHotlist, listPurposes, toEntry } from '../db/hotlists.js';
import { findRead } from '../db/reads.js';
import { ANPR_HIT, auditOf } from './common.js';
import { AnprHit, AnprRead, Hotlist, HotlistEntry } from './types.js';

/**
 * Log a read of hits (and so of their plates) before they are returned; also when there are none.
 * The purpose is the list's (art. 126jj Sv; db/hotlists.ts listPurposes).
 */
async function auditHitRead(ctx: HubContext, hitIds: string[], hotlistId: string): Promise<void> {
  const purpose = await listPurposes(ctx.db, [hotlistId]);
  await auditOf(ctx.database).append(ctx.db, {
    actor: ctx.actor,
    action: 'anpr.hit.read',
    subjectType: 'AnprHit',
    subjectIds: hitIds,
    purpose: purpose(hotlistId),
    at: ctx.clock.now(),
    request: ctx.auditRequest,
  });
}

@Resolver(() => AnprHit)
export class AnprHitResolver {
  @FieldResolver(() => AnprRead)
  async read(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    return findRead(ctx.db, h.readId, h.observedAt);
  }

  @FieldResolver(() => Hotlist)
  async hotlist(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    return findHotlist(ctx.db, h.hotlistId);
  }

  @FieldResolver(() => HotlistEntry)
  async entry(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    const [e] = await entriesByIds(ctx.db, [h.entryId]);
    return e ? toEntry(e) : null;
  }

  @Query(() => [AnprHit], { description: 'Hits of a hotlist, newest first (police only; at most 500).' })
  @Can('read', 'AnprHit')
  async anprHits(@Ctx() ctx: HubContext, @Arg('hotlistId', () => ID) hotlistId: string) {
    const hits = await hitsOfList(ctx.db, hotlistId);
    await auditHitRead(
      ctx,
      hits.map((h) => h.id),
      hotlistId,
    );
    return hits;
  }

  @Subscription(() => AnprHit, {
    topics: ANPR_HIT,
    description: 'Hotlist hits as reads are ingested (police only).',
    filter: ({ payload, context }: { payload: Record<string, unknown>; context: HubContext }) =>
      context.ability.can('read', subject('AnprHit', payload)),
  })
  @Can('read', 'AnprHit')
  async anprHit(@Root() payload: Parameters<typeof toHit>[0], @Ctx() ctx: HubContext): Promise<AnprHit> {
    // a live hit delivered is a read of it like any other: logged per subscriber before it is sent
    const hit = toHit(payload);
    await auditHitRead(ctx, [hit.id], hit.hotlistId);
    return hit;
  }
}

import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, notFound, type HubContext } from '@hub/subgraph-kit';
import { hitTable, hotlistEntryTable, hotlistTable, readTable } from '../db/schema.js';
import { normaliseCountry, normalisePlate, plateProblem } from '../domain/plate.js';
import { DEFAULT_HIT_RETENTION_DAYS, MAX_HIT_RETENTION_DAYS, hitRetentionProblem } from '../domain/read.js';
import { ANPR_HIT, auditOf, plateCipher, toEntry, toHit, toRead } from './common.js';
import { AnprHit, AnprRead, Hotlist, HotlistEntry } from './types.js';

const text = (name: string, v: string, max: number) => {
  if (!v || !v.trim() || v.length > max) throw badInput(`${name} must be 1-${max} characters`);
  return v.trim();
};

@Resolver(() => Hotlist)
export class HotlistResolver {
  @Query(() => [Hotlist], { description: 'Hotlists, newest first (police only); expired lists only when asked.' })
  @Can('read', 'Hotlist')
  async hotlists(@Ctx() ctx: HubContext, @Arg('includeExpired', () => Boolean, { nullable: true }) includeExpired?: boolean) {
    return ctx.db
      .select()
      .from(hotlistTable)
      .where(includeExpired ? undefined : gt(hotlistTable.validUntil, ctx.clock.now()))
      .orderBy(desc(hotlistTable.createdAt))
      .limit(500);
  }

  @FieldResolver(() => [HotlistEntry], { description: 'Entries, active and removed' })
  async entries(@Root() h: Hotlist, @Ctx() ctx: HubContext) {
    return (await ctx.db.select().from(hotlistEntryTable).where(eq(hotlistEntryTable.hotlistId, h.id)).orderBy(asc(hotlistEntryTable.addedAt))).map(toEntry);
  }

  @Mutation(() => Hotlist, { description: 'Create a hotlist with its reason and legal basis (police; audited).' })
  @Can('create', 'Hotlist')
  async createHotlist(
    @Ctx() ctx: HubContext,
    @Arg('name', () => String) name: string,
    @Arg('reason', () => String) reason: string,
    @Arg('legalBasis', () => String) legalBasis: string,
    @Arg('validUntil', () => Date) validUntil: Date,
    @Arg('hitRetentionDays', () => Int, {
      nullable: true,
      description: `Days a hit (and its read) is kept after the observation, as the legal basis allows (default ${DEFAULT_HIT_RETENTION_DAYS}, at most ${MAX_HIT_RETENTION_DAYS})`,
    })
    hitRetentionDays?: number | null,
  ) {
    const now = ctx.clock.now();
    if (validUntil.getTime() <= now.getTime()) throw badInput('validUntil must be in the future');
    const keepDays = hitRetentionDays ?? DEFAULT_HIT_RETENTION_DAYS;
    const problem = hitRetentionProblem(keepDays);
    if (problem) throw badInput(problem);
    const row = {
      id: randomUUID(),
      name: text('name', name, 200),
      reason: text('reason', reason, 2000),
      legalBasis: text('legalBasis', legalBasis, 500),
      validUntil,
      hitRetentionDays: keepDays,
      createdBy: ctx.actor.sub,
      createdAt: now,
    };
    return ctx.db.transaction(async (tx) => {
      const [h] = await tx.insert(hotlistTable).values(row).returning();
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'anpr.hotlist.create', subjectType: 'Hotlist', subjectIds: [h!.id], purpose: row.reason, at: now });
      return h;
    });
  }

  @Mutation(() => Hotlist, {
    description: "Change how long this list's hits (and the reads they keep) are kept after their observation (police; audited with the reason). Applies to existing hits at the next retention run.",
  })
  @Can('update', 'Hotlist')
  async setHotlistHitRetention(
    @Ctx() ctx: HubContext,
    @Arg('hotlistId', () => ID) hotlistId: string,
    @Arg('hitRetentionDays', () => Int) hitRetentionDays: number,
    @Arg('reason', () => String, { description: 'Why, e.g. the legal basis or case decision' }) reason: string,
  ) {
    const problem = hitRetentionProblem(hitRetentionDays);
    if (problem) throw badInput(problem);
    const why = text('reason', reason, 2000);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const [h] = await tx.update(hotlistTable).set({ hitRetentionDays }).where(eq(hotlistTable.id, hotlistId)).returning();
      if (!h) throw notFound(`No hotlist ${hotlistId}`);
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'anpr.hotlist.hitRetention', subjectType: 'Hotlist', subjectIds: [h.id], purpose: `${hitRetentionDays} days: ${why}`, at: now });
      return h;
    });
  }

  @Mutation(() => HotlistEntry, { description: 'Put a plate on a hotlist (police; audited). Reads ingested from now on are matched against it.' })
  @Can('create', 'HotlistEntry')
  async addHotlistEntry(
    @Ctx() ctx: HubContext,
    @Arg('hotlistId', () => ID) hotlistId: string,
    @Arg('plate', () => String) plate: string,
    @Arg('country', () => String) country: string,
    @Arg('reason', () => String) reason: string,
  ) {
    const p = normalisePlate(plate);
    const c = normaliseCountry(country);
    const problem = plateProblem(p, c);
    if (problem) throw badInput(problem);
    const now = ctx.clock.now();
    const cipher = plateCipher();
    return ctx.db.transaction(async (tx) => {
      const [list] = await tx.select().from(hotlistTable).where(eq(hotlistTable.id, hotlistId));
      if (!list) throw notFound(`No hotlist ${hotlistId}`);
      if (list.validUntil.getTime() <= now.getTime()) throw badInput('this hotlist has expired');
      const [e] = await tx
        .insert(hotlistEntryTable)
        .values({ id: randomUUID(), hotlistId, plateHash: cipher.hash(p), plateCipher: cipher.encrypt(p), country: c, reason: text('reason', reason, 2000), addedBy: ctx.actor.sub, addedAt: now })
        .returning();
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'anpr.hotlist.add', subjectType: 'HotlistEntry', subjectIds: [e!.id], purpose: e!.reason, at: now });
      return toEntry(e!);
    });
  }

  @Mutation(() => HotlistEntry, { description: 'Take a plate off its hotlist (police; audited): it matches nothing from now on.' })
  @Can('delete', 'HotlistEntry')
  async removeHotlistEntry(@Ctx() ctx: HubContext, @Arg('entryId', () => ID) entryId: string) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const [e] = await tx
        .update(hotlistEntryTable)
        .set({ removedAt: now, removedBy: ctx.actor.sub })
        .where(and(eq(hotlistEntryTable.id, entryId), isNull(hotlistEntryTable.removedAt)))
        .returning();
      if (!e) {
        const [exists] = await tx.select({ id: hotlistEntryTable.id }).from(hotlistEntryTable).where(eq(hotlistEntryTable.id, entryId));
        throw exists ? badInput('entry already removed') : notFound(`No hotlist entry ${entryId}`);
      }
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'anpr.hotlist.remove', subjectType: 'HotlistEntry', subjectIds: [e.id], purpose: null, at: now });
      return toEntry(e);
    });
  }
}

@Resolver(() => HotlistEntry)
export class HotlistEntryResolver {
  @FieldResolver(() => String, { description: 'Normalised plate, decrypted for the police' })
  plate(@Root() e: HotlistEntry): string {
    return plateCipher().decrypt(e.plateCipher);
  }

  @FieldResolver(() => Hotlist)
  async hotlist(@Root() e: HotlistEntry, @Ctx() ctx: HubContext) {
    const [h] = await ctx.db.select().from(hotlistTable).where(eq(hotlistTable.id, e.hotlistId));
    return h;
  }
}

@Resolver(() => AnprHit)
export class AnprHitResolver {
  @FieldResolver(() => AnprRead)
  async read(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    // observed_at lets the database look in one day partition only
    const [r] = await ctx.db.select().from(readTable).where(and(eq(readTable.id, h.readId), eq(readTable.observedAt, h.observedAt)));
    return r ? toRead(r) : null;
  }

  @FieldResolver(() => Hotlist)
  async hotlist(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    const [l] = await ctx.db.select().from(hotlistTable).where(eq(hotlistTable.id, h.hotlistId));
    return l;
  }

  @FieldResolver(() => HotlistEntry)
  async entry(@Root() h: AnprHit, @Ctx() ctx: HubContext) {
    const [e] = await ctx.db.select().from(hotlistEntryTable).where(eq(hotlistEntryTable.id, h.entryId));
    return e ? toEntry(e) : null;
  }

  @Query(() => [AnprHit], { description: 'Hits of a hotlist, newest first (police only; at most 500).' })
  @Can('read', 'AnprHit')
  async anprHits(@Ctx() ctx: HubContext, @Arg('hotlistId', () => ID) hotlistId: string) {
    return (await ctx.db.select().from(hitTable).where(eq(hitTable.hotlistId, hotlistId)).orderBy(desc(hitTable.observedAt)).limit(500)).map(toHit);
  }

  @Subscription(() => AnprHit, {
    topics: ANPR_HIT,
    description: 'Hotlist hits as reads are ingested (police only).',
    filter: ({ payload, context }: { payload: Record<string, unknown>; context: HubContext }) => context.ability.can('read', subject('AnprHit', payload)),
  })
  @Can('read', 'AnprHit')
  anprHit(@Root() payload: Parameters<typeof toHit>[0]): AnprHit {
    return toHit(payload);
  }
}

export const hitsById = async (ids: string[], ctx: HubContext) => (await ctx.db.select().from(hitTable).where(inArray(hitTable.id, ids))).map(toHit) as never;

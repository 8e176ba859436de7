import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { subject } from '@hub/auth';
import {
  Can,
  badInput,
  conflict,
  createBatchLoader,
  logTextProblem,
  notFound,
  type HubContext,
} from '@hub/subgraph-kit';
import { hitTable, hotlistEntryTable, hotlistTable, readTable } from '../db/schema.js';
import { normaliseCountry, normalisePlate, plateProblem } from '../domain/plate.js';
import { DEFAULT_HIT_RETENTION_DAYS, MAX_HIT_RETENTION_DAYS, hitRetentionProblem } from '../domain/read.js';
import { ANPR_HIT, auditOf, plateCipher, toEntry, toHit, toRead } from './common.js';
import { AnprHit, AnprRead, Hotlist, HotlistEntry } from './types.js';

const text = (name: string, v: string, max: number) => {
  if (!v || !v.trim() || v.length > max) throw badInput(`${name} must be 1-${max} characters`);
  // it goes into the audit log as the purpose: visible text only (subgraph-kit purpose.ts)
  const problem = logTextProblem(name, v.trim());
  if (problem) throw badInput(problem);
  return v.trim();
};

// Art. 126jj Sv: every consultation of ANPR data is logged, not only plate searches. Hits and list
// entries are read without a purpose argument; the list they belong to is the purpose: its id (which
// leads the authority to its `anpr.hotlist.create` entry with the reason) and its legal basis.
/** The audit purpose of reading under each list: `hotlist <id> (<legal basis>)`, by list id. */
async function listPurposes(ctx: HubContext, ids: string[]): Promise<(id: string) => string> {
  const lists = await ctx.db
    .select({ id: hotlistTable.id, legalBasis: hotlistTable.legalBasis })
    .from(hotlistTable)
    .where(inArray(hotlistTable.id, ids));
  const basis = new Map(lists.map((l) => [l.id, l.legalBasis]));
  return (id) => (basis.has(id) ? `hotlist ${id} (${basis.get(id)})` : `hotlist ${id}`);
}

/** Log a read of hits (and so of their plates) before they are returned; also when there are none. */
async function auditHitRead(ctx: HubContext, hitIds: string[], hotlistId: string): Promise<void> {
  const purpose = await listPurposes(ctx, [hotlistId]);
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

type ListEntries = { id: string; entries: HotlistEntry[] };
/**
 * A list's entries (their plates), by whatever path the list is reached and whatever is selected of
 * them: batched per request, one query and one audit append (one entry per list with entries) before
 * any plate is returned. Under the request's audit bound like every audited read (issue 14 §4): the
 * reads of one client request are merged per list, and a request that would append more than
 * MAX_ENTRIES_PER_REQUEST entries gets none of these plates (BAD_USER_INPUT) and writes nothing.
 */
const entriesOf = createBatchLoader<ListEntries>(async (ids, ctx) => {
  const rows = await ctx.db
    .select()
    .from(hotlistEntryTable)
    .where(inArray(hotlistEntryTable.hotlistId, ids))
    .orderBy(asc(hotlistEntryTable.addedAt), asc(hotlistEntryTable.id));
  const purpose = await listPurposes(ctx, ids);
  const out = ids.map((id) => ({ id, entries: rows.filter((e) => e.hotlistId === id).map(toEntry) }));
  const now = ctx.clock.now();
  await auditOf(ctx.database).appendMany(
    ctx.db,
    out
      .filter((l) => l.entries.length > 0)
      .map((l) => ({
        actor: ctx.actor,
        action: 'anpr.hotlist.read',
        subjectType: 'HotlistEntry',
        subjectIds: l.entries.map((e) => e.id),
        purpose: purpose(l.id),
        at: now,
        request: ctx.auditRequest,
      })),
  );
  return out;
});

@Resolver(() => Hotlist)
export class HotlistResolver {
  @Query(() => [Hotlist], { description: 'Hotlists, newest first (police only); expired lists only when asked.' })
  @Can('read', 'Hotlist')
  async hotlists(
    @Ctx() ctx: HubContext,
    @Arg('includeExpired', () => Boolean, { nullable: true }) includeExpired?: boolean,
  ) {
    return ctx.db
      .select()
      .from(hotlistTable)
      .where(includeExpired ? undefined : gt(hotlistTable.validUntil, ctx.clock.now()))
      .orderBy(desc(hotlistTable.createdAt))
      .limit(500);
  }

  @Query(() => Hotlist, {
    description:
      'One hotlist (police; expired ones too): its entries list by list when all lists at once would pass the audit bound.',
  })
  @Can('read', 'Hotlist')
  async hotlist(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const [h] = await ctx.db.select().from(hotlistTable).where(eq(hotlistTable.id, id));
    if (!h) throw notFound(`No hotlist ${id}`);
    return h;
  }

  @FieldResolver(() => [HotlistEntry], { description: 'Entries, active and removed' })
  async entries(@Root() h: Hotlist, @Ctx() ctx: HubContext) {
    return (await entriesOf(h.id, ctx))?.entries ?? [];
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
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.create',
        subjectType: 'Hotlist',
        subjectIds: [h!.id],
        purpose: row.reason,
        at: now,
      });
      return h;
    });
  }

  @Mutation(() => Hotlist, {
    description:
      "Change how long this list's hits (and the reads they keep) are kept after their observation (police; audited with the reason). Applies to existing hits at the next retention run.",
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
      const [h] = await tx
        .update(hotlistTable)
        .set({ hitRetentionDays })
        .where(eq(hotlistTable.id, hotlistId))
        .returning();
      if (!h) throw notFound(`No hotlist ${hotlistId}`);
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.hitRetention',
        subjectType: 'Hotlist',
        subjectIds: [h.id],
        purpose: `${hitRetentionDays} days: ${why}`,
        at: now,
      });
      return h;
    });
  }

  @Mutation(() => HotlistEntry, {
    description: 'Put a plate on a hotlist (police; audited). Reads ingested from now on are matched against it.',
  })
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
    const why = text('reason', reason, 2000);
    const plateHash = cipher.hash(p);
    return ctx.db.transaction(async (tx) => {
      // the lock serialises adds to one list, so two concurrent adds of one plate cannot both insert;
      // the unique index hotlist_entries_one_active (migration 0006) holds it whatever else writes
      const [list] = await tx.select().from(hotlistTable).where(eq(hotlistTable.id, hotlistId)).for('update');
      if (!list) throw notFound(`No hotlist ${hotlistId}`);
      if (list.validUntil.getTime() <= now.getTime()) throw badInput('this hotlist has expired');
      // Idempotent, like a replayed ingest: a plate already active on this list (same normalised plate
      // and country) is returned as it is; a second entry would make every passage two hits.
      const [active] = await tx
        .select()
        .from(hotlistEntryTable)
        .where(
          and(
            eq(hotlistEntryTable.hotlistId, hotlistId),
            eq(hotlistEntryTable.plateHash, plateHash),
            eq(hotlistEntryTable.country, c),
            isNull(hotlistEntryTable.removedAt),
          ),
        );
      if (active) return toEntry(active);
      const [e] = await tx
        .insert(hotlistEntryTable)
        .values({
          id: randomUUID(),
          hotlistId,
          plateHash,
          plateCipher: cipher.encrypt(p),
          country: c,
          reason: why,
          addedBy: ctx.actor.sub,
          addedAt: now,
        })
        .returning();
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.add',
        subjectType: 'HotlistEntry',
        subjectIds: [e!.id],
        purpose: e!.reason,
        at: now,
      });
      return toEntry(e!);
    });
  }

  @Mutation(() => HotlistEntry, {
    description: 'Take a plate off its hotlist (police; audited): it matches nothing from now on.',
  })
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
        const [exists] = await tx
          .select({ id: hotlistEntryTable.id })
          .from(hotlistEntryTable)
          .where(eq(hotlistEntryTable.id, entryId));
        // removal is a state change, made once: a second one is refused like a second hold release
        throw exists ? conflict('The entry was already removed') : notFound(`No hotlist entry ${entryId}`);
      }
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.remove',
        subjectType: 'HotlistEntry',
        subjectIds: [e.id],
        purpose: null,
        at: now,
      });
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
    const [r] = await ctx.db
      .select()
      .from(readTable)
      .where(and(eq(readTable.id, h.readId), eq(readTable.observedAt, h.observedAt)));
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
    const hits = (
      await ctx.db
        .select()
        .from(hitTable)
        .where(eq(hitTable.hotlistId, hotlistId))
        .orderBy(desc(hitTable.observedAt))
        .limit(500)
    ).map(toHit);
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

export const hitsById = async (ids: string[], ctx: HubContext) =>
  (await ctx.db.select().from(hitTable).where(inArray(hitTable.id, ids))).map(toHit) as never;

// Hotlists and their entries: queries, changes (audited with their reason) and every read of entries
// audited under its list. Data access in db/hotlists.ts; hits in hit.ts; reference loaders in
// hotlist.reference.ts.
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Can,
  badInput,
  conflict,
  createBatchLoader,
  logTextProblem,
  notFound,
  type HubContext,
} from '@hub/subgraph-kit';
import {
  activeEntry,
  entriesOfLists,
  entryExists,
  findHotlist,
  insertEntry,
  insertHotlist,
  listHotlists,
  listPurposes,
  removeEntry,
  setHitRetention,
  toEntry,
} from '../db/hotlists.js';
import { normaliseCountry, normalisePlate, plateProblem } from '../domain/plate.js';
import { DEFAULT_HIT_RETENTION_DAYS, MAX_HIT_RETENTION_DAYS, hitRetentionProblem } from '../domain/read.js';
import { auditOf, plateCipher } from './common.js';
import { Hotlist, HotlistEntry } from './types.js';

const text = (name: string, v: string, max: number) => {
  if (!v || !v.trim() || v.length > max) throw badInput(`${name} must be 1-${max} characters`);
  // it goes into the audit log as the purpose: visible text only (subgraph-kit purpose.ts)
  const problem = logTextProblem(name, v.trim());
  if (problem) throw badInput(problem);
  return v.trim();
};

// Art. 126jj Sv: every consultation of ANPR data is logged, not only plate searches. Hits and list
// entries are read without a purpose argument; the list they belong to is the purpose: its id (which
// leads the authority to its `anpr.hotlist.create` entry with the reason) and its legal basis
// (db/hotlists.ts listPurposes).

type ListEntries = { id: string; entries: HotlistEntry[] };
/**
 * A list's entries (their plates), by whatever path the list is reached and whatever is selected of
 * them: batched per request, one query and one audit append (one entry per list with entries) before
 * any plate is returned. Under the request's audit bound like every audited read (packages/audit
 * MAX_ENTRIES_PER_REQUEST): the
 * reads of one client request are merged per list, and a request that would append more than
 * MAX_ENTRIES_PER_REQUEST entries gets none of these plates (BAD_USER_INPUT) and writes nothing.
 */
const entriesOf = createBatchLoader<ListEntries>(async (ids, ctx) => {
  const rows = await entriesOfLists(ctx.db, ids);
  const purpose = await listPurposes(ctx.db, ids);
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
    return listHotlists(ctx.db, ctx.clock.now(), !!includeExpired);
  }

  @Query(() => Hotlist, {
    description:
      'One hotlist (police; expired ones too): its entries list by list when all lists at once would pass the audit bound.',
  })
  @Can('read', 'Hotlist')
  async hotlist(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const h = await findHotlist(ctx.db, id);
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
      const h = await insertHotlist(tx, row);
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.create',
        subjectType: 'Hotlist',
        subjectIds: [h.id],
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
      const h = await setHitRetention(tx, hotlistId, hitRetentionDays);
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
      const list = await findHotlist(tx, hotlistId, { lock: true });
      if (!list) throw notFound(`No hotlist ${hotlistId}`);
      if (list.validUntil.getTime() <= now.getTime()) throw badInput('this hotlist has expired');
      // Idempotent, like a replayed ingest: a plate already active on this list (same normalised plate
      // and country) is returned as it is; a second entry would make every passage two hits.
      const active = await activeEntry(tx, hotlistId, plateHash, c);
      if (active) return toEntry(active);
      const e = await insertEntry(tx, {
        id: randomUUID(),
        hotlistId,
        plateHash,
        plateCipher: cipher.encrypt(p),
        country: c,
        reason: why,
        addedBy: ctx.actor.sub,
        addedAt: now,
      });
      await auditOf(ctx.database).append(tx, {
        actor: ctx.actor,
        action: 'anpr.hotlist.add',
        subjectType: 'HotlistEntry',
        subjectIds: [e.id],
        purpose: e.reason,
        at: now,
      });
      return toEntry(e);
    });
  }

  @Mutation(() => HotlistEntry, {
    description: 'Take a plate off its hotlist (police; audited): it matches nothing from now on.',
  })
  @Can('delete', 'HotlistEntry')
  async removeHotlistEntry(@Ctx() ctx: HubContext, @Arg('entryId', () => ID) entryId: string) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const e = await removeEntry(tx, entryId, ctx.actor.sub, now);
      if (!e) {
        // removal is a state change, made once: a second one is refused like a second hold release
        throw (await entryExists(tx, entryId))
          ? conflict('The entry was already removed')
          : notFound(`No hotlist entry ${entryId}`);
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
    return findHotlist(ctx.db, e.hotlistId);
  }
}

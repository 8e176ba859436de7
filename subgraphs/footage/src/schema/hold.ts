import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can, badInput, conflict, notFound, pageSize, type HubContext } from '@hub/subgraph-kit';
import { holdItemTable, holdTable, recordingTable } from '../db/schema.js';
import { bumpStats, monthOf } from '../db/stats.js';
import { auditOf, toRecording } from './recording.js';
import { LegalHold, PlaceLegalHoldInput, Recording } from './types.js';

@Resolver(() => LegalHold)
export class LegalHoldResolver {
  @Query(() => [LegalHold], { description: 'Legal holds, newest first, optionally of one case (police).' })
  @Can('hold', 'Recording')
  async legalHolds(
    @Ctx() ctx: HubContext,
    @Arg('caseReference', () => String, { nullable: true }) caseReference?: string,
    @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ) {
    return ctx.db
      .select()
      .from(holdTable)
      .where(and(caseReference ? eq(holdTable.caseReference, caseReference) : undefined, activeOnly ? isNull(holdTable.releasedAt) : undefined))
      .orderBy(desc(holdTable.placedAt))
      .limit(pageSize(first));
  }

  @FieldResolver(() => Int)
  async recordingCount(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    return (await ctx.db.select({ n: count() }).from(holdItemTable).where(eq(holdItemTable.holdId, h.id)))[0]!.n;
  }

  @FieldResolver(() => Boolean)
  active(@Root() h: LegalHold) {
    return h.releasedAt === null;
  }

  @FieldResolver(() => [Recording], { description: 'The secured recordings still stored (first 100 by time).' })
  async recordings(@Root() h: LegalHold, @Ctx() ctx: HubContext) {
    const rows = await ctx.db
      .select({ r: recordingTable })
      .from(holdItemTable)
      .innerJoin(recordingTable, eq(recordingTable.id, holdItemTable.recordingId))
      .where(eq(holdItemTable.holdId, h.id))
      .orderBy(asc(recordingTable.startedAt))
      .limit(100);
    return rows.map((x) => toRecording(x.r));
  }

  @Mutation(() => LegalHold, { description: 'Secure recordings for a criminal investigation or complaint: never deleted while held (police).' })
  @Can('hold', 'Recording')
  async placeLegalHold(@Ctx() ctx: HubContext, @Arg('input', () => PlaceLegalHoldInput) input: PlaceLegalHoldInput) {
    const ids = [...new Set(input.recordingIds)];
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      // lock the rows: a retention batch running now either deleted them already or waits for us
      const found = await tx.select().from(recordingTable).where(inArray(recordingTable.id, ids)).for('update');
      if (found.length !== ids.length) {
        const missing = ids.filter((id) => !found.some((r) => r.id === id));
        throw notFound(`No recording ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
      }
      const [hold] = await tx
        .insert(holdTable)
        .values({ id: randomUUID(), caseReference: input.caseReference, reason: input.reason, placedBy: ctx.actor.sub, placedAt: now })
        .returning();
      // recordings not held before become "used for an investigation" in the statistics
      const alreadyHeld = new Set(
        (await tx.selectDistinct({ id: holdItemTable.recordingId }).from(holdItemTable).where(and(inArray(holdItemTable.recordingId, ids), eq(holdItemTable.active, 1)))).map((r) => r.id),
      );
      await tx.insert(holdItemTable).values(ids.map((recordingId) => ({ holdId: hold!.id, recordingId, active: 1 })));
      const perMonth = new Map<string, { municipality: string; areaId: string | null; month: string; holds: number; investigations: number }>();
      for (const r of found) {
        const k = `${r.municipality}|${r.areaId ?? ''}|${monthOf(now)}`;
        const e = perMonth.get(k) ?? { municipality: r.municipality, areaId: r.areaId, month: monthOf(now), holds: 0, investigations: 0 };
        e.holds++;
        if (!alreadyHeld.has(r.id)) e.investigations++;
        perMonth.set(k, e);
      }
      for (const e of perMonth.values()) await bumpStats(tx, e, { holds: e.holds, investigations: e.investigations });
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'footage.hold.place', subjectType: 'Recording', subjectIds: ids, purpose: `${input.caseReference}: ${input.reason}`, at: now });
      return hold!;
    });
  }

  @Mutation(() => LegalHold, { description: 'Release a hold: its recordings return to normal retention (deleted at the next run if past their date).' })
  @Can('hold', 'Recording')
  async releaseLegalHold(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 2000) throw badInput('reason is required (at most 2000 characters)');
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const [hold] = await tx.select().from(holdTable).where(eq(holdTable.id, id)).for('update');
      if (!hold) throw notFound(`No legal hold ${id}`);
      if (hold.releasedAt) throw conflict('The hold was already released');
      const [released] = await tx
        .update(holdTable)
        .set({ releasedAt: now, releasedBy: ctx.actor.sub, releaseReason: reason })
        .where(eq(holdTable.id, id))
        .returning();
      const items = await tx.update(holdItemTable).set({ active: 0 }).where(eq(holdItemTable.holdId, id)).returning({ id: holdItemTable.recordingId });
      await auditOf(ctx.database).append(tx, { actor: ctx.actor, action: 'footage.hold.release', subjectType: 'Recording', subjectIds: items.map((i) => i.id), purpose: `${hold.caseReference}: ${reason}`, at: now });
      return released!;
    });
  }
}

export const holdLoader = async (ids: string[], ctx: HubContext) =>
  (await ctx.db.select().from(holdTable).where(inArray(holdTable.id, ids))) as unknown as Array<Record<string, unknown>>;

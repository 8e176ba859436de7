import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { subject } from '@hub/auth';
import { Can, badInput, refused, type HubContext } from '@hub/subgraph-kit';
import { monthOf, monthlyCounters } from '../db/stats.js';
import { FootageStatistics } from './types.js';

@Resolver()
export class StatisticsResolver {
  @Query(() => [FootageStatistics], {
    description:
      "Counts per area and month for a municipality's half-yearly council report (003 §6.1). No row-level data.",
  })
  @Can('read', 'FootageStatistics')
  async footageStatistics(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<FootageStatistics[]> {
    if (to.getTime() <= from.getTime()) throw badInput('to must be after from');
    if (to.getTime() - from.getTime() > 5 * 366 * 24 * 3_600_000) throw badInput('the period may span at most 5 years');
    if (!ctx.ability.can('read', subject('FootageStatistics', { municipality })))
      throw refused(ctx.actor, `read statistics of ${municipality}`);
    const rows = await monthlyCounters(
      ctx.db,
      municipality,
      monthOf(from),
      monthOf(to) === monthOf(from) ? nextMonth(from) : monthOf(to),
    );
    return rows.map((r) => ({
      municipality: r.municipality,
      area: r.areaId || null,
      month: r.month.slice(0, 7),
      recordings: r.recordings,
      deletions: r.deletions,
      holds: r.holds,
      investigations: r.investigations,
    }));
  }
}

function nextMonth(d: Date): string {
  return monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

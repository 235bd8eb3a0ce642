import { localDaysWindow } from '@cmb/audit-store';
import { appError, indicatorTable, IndicatorTableType, mayReadStatistics, Scopes, statisticsWindow, wholeMonths } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import indicators from '../reference-data/indicators.json';

/** The regulator's indicator of break-glass accesses: counts by month and verdict, never an event. */
@Resolver()
export class BreakGlassIndicatorResolver {
  @Query(() => IndicatorTableType, {
    description:
      'Break-glass accesses of a window (at most 366 days, widened to the whole months it touches) by month (Africa/Casablanca) and verdict of the review (JUSTIFIED, UNJUSTIFIED, PENDING while unreviewed); small cells suppressed. ANAM, the CNDP and the ministry (statistics:read).',
  })
  @Scopes('statistics:read')
  async breakGlassIndicators(
    @Arg('from', () => DateResolver) from: Date,
    @Arg('to', () => DateResolver) to: Date,
    @Ctx() context: AuditContext,
  ): Promise<IndicatorTableType> {
    const rules = context.rules.statistics;
    if (!mayReadStatistics(context.caller, rules.readers)) throw appError('STATISTICS_READERS_ONLY');
    // Whole months: two windows cut inside a month would give away the accesses of the days between the cuts.
    const window = wholeMonths(statisticsWindow(from, to, rules.maxMonthlyWindowDays));
    const counts = await context.trail.breakGlassCounts(localDaysWindow(window.from, window.to, rules.timeZone), rules.timeZone);
    const cells = counts.map((entry) => ({ values: [entry.month, entry.standing], count: entry.count }));
    return indicatorTable(indicators.breakGlass, cells, rules.minCell, context.caller.language);
  }
}

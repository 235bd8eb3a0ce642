import { appError, IndicatorTableType, mayReadStatistics, Scopes, statisticsWindow, todayIn, toIsoDate } from '@cmb/kit';
import { DateResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { BeneficiariesContext } from '../context';

/** Refuses every caller but the indicators' readers (ANAM, the CNDP, the ministry). */
function assertReader(context: BeneficiariesContext): void {
  if (!mayReadStatistics(context.caller, context.statistics.readers)) throw appError('STATISTICS_READERS_ONLY');
}

/** The regulator's indicators of the registry: aggregated counts, small cells suppressed, never a person. */
@Resolver()
export class StatisticsResolver {
  @Query(() => [IndicatorTableType], {
    description:
      'Coverage on a day (today in Africa/Casablanca by default): INSURED_BY_ORGANISM_REGIME_REGION (principal insured persons with open rights), DEPENDANTS_BY_ORGANISM (dependants with open rights, by role), DOUBLE_REGISTRATIONS_CAUGHT (affiliation batch rows refused as DUPLICATE_REGISTRATION by the a-priori control, by whole month, the month of the day and the 11 before). Small cells suppressed. One day per request (STATISTICS_ONE_DAY_PER_REQUEST otherwise); days are counted one at a time, and a day asked while two others wait is STATISTICS_BUSY (retry in a few seconds). ANAM, the CNDP and the ministry (statistics:read).',
  })
  @Scopes('statistics:read')
  async coverageIndicators(
    @Arg('asOf', () => DateResolver, { nullable: true }) asOf: Date | null | undefined,
    @Ctx() context: BeneficiariesContext,
  ): Promise<IndicatorTableType[]> {
    assertReader(context);
    const day = asOf ? toIsoDate(asOf) : todayIn(context.statistics.timeZone);
    // One day per request, its aliases sharing one computation: each day is a scan of the open affiliations.
    if (context.coverageTables && context.coverageTables.day !== day) throw appError('STATISTICS_ONE_DAY_PER_REQUEST');
    context.coverageTables ??= {
      day,
      tables: context.indicators.coverage(day, context.statistics.minCell, context.caller.language ?? 'fr'),
    };
    return context.coverageTables.tables;
  }

  @Query(() => IndicatorTableType, {
    description:
      "Eligibility decisions of a window of at most 92 days, by day (Africa/Casablanca), outcome and the coverage's regime (NONE without coverage): counted by the registry as it decides, no person kept. Small cells suppressed. ANAM, the CNDP and the ministry (statistics:read).",
  })
  @Scopes('statistics:read')
  async eligibilityCheckIndicators(
    @Arg('from', () => DateResolver) from: Date,
    @Arg('to', () => DateResolver) to: Date,
    @Ctx() context: BeneficiariesContext,
  ): Promise<IndicatorTableType> {
    assertReader(context);
    const window = statisticsWindow(from, to, context.statistics.maxWindowDays);
    return context.indicators.eligibilityChecks(window.from, window.to, context.statistics.minCell, context.caller.language ?? 'fr');
  }
}

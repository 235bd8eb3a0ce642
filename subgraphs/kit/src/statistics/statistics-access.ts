import { z } from 'zod';
import type { Caller } from '../auth/caller';
import statistics from '../reference-data/statistics.json';

/** The purpose of the aggregated indicators. */
export const STATISTICS_PURPOSE = 'statistics:read';

/** An organisation allowed to read the indicators, with the kind its tokens must carry. */
export interface StatisticsReader {
  org: string;
  orgKind: string;
}

/** Who reads the indicators and how they are published. */
export interface StatisticsRules {
  readers: readonly StatisticsReader[];
  /** Smallest published count (`STATISTICS_MIN_CELL`, default from the reference data). */
  minCell: number;
  /** Longest window of a daily indicator, in days. */
  maxWindowDays: number;
  /** Longest window of a monthly indicator, in days. */
  maxMonthlyWindowDays: number;
  /** The time zone of days and months (Africa/Casablanca). */
  timeZone: string;
  version: string;
}

const env = z.object({ STATISTICS_MIN_CELL: z.coerce.number().int().min(1).max(1_000).optional() });

/** Reads the indicators' rules: the reference data, the threshold overridden by `STATISTICS_MIN_CELL`. */
export function readStatisticsRules(values: Record<string, string | undefined>): StatisticsRules {
  const { STATISTICS_MIN_CELL } = env.parse(values);
  return {
    readers: statistics.readers,
    minCell: STATISTICS_MIN_CELL ?? statistics.minCell,
    maxWindowDays: statistics.maxWindowDays,
    maxMonthlyWindowDays: statistics.maxMonthlyWindowDays,
    timeZone: statistics.timeZone,
    version: statistics.version,
  };
}

/**
 * True for a caller that may read the indicators: under `statistics:read`,
 * for an organisation of the readers' list with its kind (ANAM, the CNDP, the
 * ministry), never through the patient portal. The realm grants the purpose
 * to these only; the subgraph checks again (defence in depth).
 */
export function mayReadStatistics(
  caller: Pick<Caller, 'org' | 'orgKind' | 'purposes' | 'nationalId'>,
  readers: readonly StatisticsReader[],
): boolean {
  if (!caller.purposes.includes(STATISTICS_PURPOSE) || caller.nationalId) return false;
  return readers.some((reader) => reader.org === caller.org && reader.orgKind === caller.orgKind);
}

import { daysBetween } from '@cmb/kit';

/** Publication cadence of the registry, from versioned reference data. */
export interface StalenessPolicy {
  /** Working days after which a copy is stale. */
  staleAfterWorkingDays: number;
  /** Days of the week (0 = Sunday) that are not working days. */
  weekendDays: readonly number[];
}

/** Day of the week (0 = Sunday) of a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not
 * later). Public holidays are not counted yet: they belong in reference data.
 */
export function workingDaysBetween(from: string, to: string, weekendDays: readonly number[]): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  const workingPerWeek = 7 - new Set(weekendDays).size;
  let count = Math.floor(days / 7) * workingPerWeek;
  const start = weekday(from);
  for (let offset = 1; offset <= days % 7; offset += 1) {
    if (!weekendDays.includes((start + offset) % 7)) count += 1;
  }
  return count;
}

/**
 * R6 (seeds/001_225b0d72771d4c3f.txt:L921): the registry reaches the OGs every
 * five working days; a copy older than the policy allows is stale, and
 * answers made from it must say so.
 */
export function isRegistryStale(publishedOn: string, today: string, policy: StalenessPolicy): boolean {
  return workingDaysBetween(publishedOn, today, policy.weekendDays) > policy.staleAfterWorkingDays;
}

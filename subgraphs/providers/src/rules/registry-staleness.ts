import { workingDaysBetween, type WorkingCalendar } from '@cmb/kit';

/** When a copy of the registry is stale, from versioned reference data. */
export interface StalenessPolicy {
  /** Working days between two versions (five: seeds/001_225b0d72771d4c3f.txt:L921). */
  staleAfterWorkingDays: number;
  /** Working days of grace after them. */
  staleMarginWorkingDays: number;
  calendar: WorkingCalendar;
}

/** The age past which a copy is stale, for people (`5 working days + 2`). */
export function describeMaxAge(policy: StalenessPolicy): string {
  return `${policy.staleAfterWorkingDays} working days + ${policy.staleMarginWorkingDays}`;
}

/**
 * R6 (seeds/001_225b0d72771d4c3f.txt:L921): the registry reaches the OGs every
 * five working days; a copy extracted more than that plus the margin ago, on
 * the Moroccan working calendar (weekends and public holidays not counted), is
 * stale, and answers made from it must say so.
 */
export function isRegistryStale(extractedOn: string, today: string, policy: StalenessPolicy): boolean {
  return workingDaysBetween(extractedOn, today, policy.calendar) > policy.staleAfterWorkingDays + policy.staleMarginWorkingDays;
}

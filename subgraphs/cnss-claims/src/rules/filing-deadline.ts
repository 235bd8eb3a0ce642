import { addDays } from '@cmb/kit';
import type { ClaimRules, FileDates } from './facts';

/** The last day the insured could file a claim for care that began on this day (configuration: not in the seeds). */
export function filingDeadline(firstCareOn: string, rules: Pick<ClaimRules, 'filingDays'>): string {
  return addDays(firstCareOn, rules.filingDays);
}

/** True when the OG received the file within the filing deadline of its first care. */
export function filedWithinDeadline(file: Pick<FileDates, 'receivedOn' | 'firstCareOn'>, rules: Pick<ClaimRules, 'filingDays'>): boolean {
  return file.receivedOn <= filingDeadline(file.firstCareOn, rules);
}

import type { Period } from './facts';

/** True when the period covers the date, both ends included; an open end never closes. */
export function validOn(period: Period, date: string): boolean {
  return period.validFrom <= date && (period.validUntil === null || date <= period.validUntil);
}

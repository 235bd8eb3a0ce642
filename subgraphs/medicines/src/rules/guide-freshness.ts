import { daysBetween, type ReferenceCopyStatus } from '@cmb/kit';
import type { GmrVersionFact } from './gmr-facts';
import { versionValidOn } from './reimbursement-basis';

/** Stable name of the medicines guide copy on `/readyz`. */
export const GMR_COPY = 'gmr';

/**
 * The freshness of the medicines guide copy: the version in force today,
 * the day it took effect, its age in days, and stale when it is older than
 * the configured age (reference data: ANAM published nine versions in 2022,
 * seeds/001_225b0d72771d4c3f.txt:L443, about one every 40 days) or when no
 * version is in force.
 */
export function guideCopyStatus(versions: readonly GmrVersionFact[], today: string, maxAgeDays: number): ReferenceCopyStatus {
  const inForce = versionValidOn(versions, today);
  const maxAge = `${maxAgeDays} days`;
  if (!inForce) return { copy: GMR_COPY, version: null, asOf: null, ageDays: null, maxAge, stale: true };
  const ageDays = daysBetween(inForce.validFrom, today);
  return { copy: GMR_COPY, version: inForce.code, asOf: inForce.validFrom, ageDays, maxAge, stale: ageDays > maxAgeDays };
}

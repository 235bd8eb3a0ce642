import { addDays } from '@cmb/kit';
import type { GmrVersionFact } from './gmr-facts';

/**
 * The rules of loading and rolling back versions of the medicines guide.
 * ANAM published nine versions in 2022 (seeds/001_225b0d72771d4c3f.txt:L443),
 * each taking effect on a date: the versions form one line in time.
 */

/** The id of the version a file effective on a date becomes: `GMR-2026-06-01` (one version per date). */
export function guideVersionId(effectiveDate: string): string {
  return `GMR-${effectiveDate}`;
}

/** The latest version: the latest effective date (then the greater code). */
export function latestVersion<T extends GmrVersionFact>(versions: readonly T[]): T | null {
  let latest: T | null = null;
  for (const version of versions) {
    if (!latest || version.validFrom > latest.validFrom || (version.validFrom === latest.validFrom && version.code > latest.code)) {
      latest = version;
    }
  }
  return latest;
}

/** Whether a new version may take effect on a date, and which version it follows. */
export type EffectiveDateVerdict<T> = { accepted: true; previous: T | null } | { accepted: false; latest: T };

/**
 * A new version takes effect strictly after the latest one: a date on or
 * before it would rewrite answers already given under the version in force
 * (a file extracted before the current version's is refused, as for the
 * INPE registry). Rolling the latest back first is the way to replace it.
 */
export function checkEffectiveDate<T extends GmrVersionFact>(versions: readonly T[], effectiveDate: string): EffectiveDateVerdict<T> {
  const latest = latestVersion(versions);
  if (latest && effectiveDate <= latest.validFrom) return { accepted: false, latest };
  return { accepted: true, previous: latest };
}

/**
 * The last day of the previous version once a new one takes effect: the day
 * before, unless the previous version already ends earlier.
 */
export function closedUntil(previous: GmrVersionFact, effectiveDate: string): string | null {
  const dayBefore = addDays(effectiveDate, -1);
  return previous.validUntil !== null && previous.validUntil < dayBefore ? previous.validUntil : dayBefore;
}

/** A version as the rollback rule sees it: imported or not (seeded, or loaded before imports existed). */
export interface RollbackCandidate extends GmrVersionFact {
  imported: boolean;
}

/** Whether a version may be rolled back. */
export type RollbackVerdict<T> =
  | { allowed: true; version: T }
  | { allowed: false; reason: 'NOT_FOUND' }
  | { allowed: false; reason: 'NOT_LATEST'; latest: T }
  | { allowed: false; reason: 'NOT_IMPORTED'; version: T };

/**
 * Only the latest version rolls back, newest first, so the versions stay one
 * line in time; and only one loaded by an import, which kept what it changed
 * in the version before it (its end date). No id means the latest.
 */
export function checkRollback<T extends RollbackCandidate>(versions: readonly T[], versionId: string | null): RollbackVerdict<T> {
  const latest = latestVersion(versions);
  if (!latest) return { allowed: false, reason: 'NOT_FOUND' };
  if (versionId !== null && versionId !== latest.code) {
    return versions.some((version) => version.code === versionId)
      ? { allowed: false, reason: 'NOT_LATEST', latest }
      : { allowed: false, reason: 'NOT_FOUND' };
  }
  if (!latest.imported) return { allowed: false, reason: 'NOT_IMPORTED', version: latest };
  return { allowed: true, version: latest };
}

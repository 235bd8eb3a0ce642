import type { ErrorKey } from '@cmb/kit';

/** What the rollback rule reads of a version. */
export interface VersionState {
  id: string;
  status: 'CURRENT' | 'ROLLED_BACK';
  /** Set when the version came from a file: its diff is kept. */
  fileSha256: string | null;
}

/** What to do with a rollback request. */
export type RollbackVerdict = { action: 'ROLL_BACK' } | { action: 'ALREADY_ROLLED_BACK' } | { action: 'REFUSE'; reason: ErrorKey };

/**
 * A rollback restores the copy as it was before the version in force, from
 * the diff that version kept: so only the version in force is rolled back
 * (older ones one by one after it), only when a previous version exists to
 * come back to, and only a version loaded from a file (a seeded version kept
 * no diff). Asking again for a version already rolled back changes nothing.
 */
export function rollbackVerdict(target: VersionState | null, inForce: VersionState | null, previous: VersionState | null): RollbackVerdict {
  if (!target) return { action: 'REFUSE', reason: 'IMPORT_VERSION_NOT_FOUND' };
  if (target.status === 'ROLLED_BACK') return { action: 'ALREADY_ROLLED_BACK' };
  if (!inForce || inForce.id !== target.id) return { action: 'REFUSE', reason: 'IMPORT_ROLLBACK_NOT_IN_FORCE' };
  if (!previous || target.fileSha256 === null) return { action: 'REFUSE', reason: 'IMPORT_ROLLBACK_NO_PREVIOUS' };
  return { action: 'ROLL_BACK' };
}

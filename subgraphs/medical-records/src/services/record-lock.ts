import { lockNamesInTransaction } from '@cmb/kit';
import type { EntityManager } from 'typeorm';

/**
 * Takes the lock of a person's record in the transaction of `manager`, held
 * until it ends: a change of the person's mask and a new version of one of
 * their documents run one after the other, so a new version always reads,
 * as committed, the mask of the version it replaces, and a mask reaches
 * every version there is.
 */
export function lockRecord(manager: EntityManager, personRef: string): Promise<void> {
  return lockNamesInTransaction(manager, [`record:${personRef}`]);
}

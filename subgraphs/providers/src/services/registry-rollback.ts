import { appError, exclusiveTransaction, type Language, type ProgressSink } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { RegistryVersionEntity } from '../entities/registry-version.entity';
import { rollbackVerdict } from '../rules/registry-rollback';
import { isVersionId } from '../rules/registry-version-id';
import { RegistryCopyStore } from './registry-copy-store';
import { REGISTRY_LOCK } from './registry-importer';
import { RegistryWriter } from './registry-writer';

/** What a rollback answers: the version rolled back and the one in force again. */
export interface RegistryRollbackResult {
  rolledBack: RegistryVersionEntity;
  inForce: RegistryVersionEntity | null;
}

/**
 * Rolls the INPE registry copy back to the previous version, in one
 * transaction: the copy is restored from the diff the version in force
 * kept, and that version is marked ROLLED_BACK, so the previous one is in
 * force again. Asking again for a version already rolled back changes nothing.
 */
export class RegistryRollback {
  constructor(
    /** The data source of the registry's writes (on SQLite, one that serves no request). */
    private readonly writer: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Rolls back `versionId`, which must be the version in force (null: the version in force, for the command line). */
  rollBack(
    versionId: string | null,
    options: { rolledBackBy: string; progress: ProgressSink; language?: Language },
  ): Promise<RegistryRollbackResult> {
    if (versionId !== null && !isVersionId(versionId)) {
      throw appError(
        'INVALID_VALUE',
        { field: 'versionId', expected: 'the id of a registry version (INPE-YYYY-MM-DD)' },
        { language: options.language },
      );
    }
    return exclusiveTransaction(this.writer, REGISTRY_LOCK, async (manager) => {
      const store = new RegistryCopyStore(manager);
      const inForce = await store.versionInForce();
      // The command line rolls back the version in force: with none, there is nothing to return to.
      if (versionId === null && !inForce) throw appError('IMPORT_ROLLBACK_NO_PREVIOUS', {}, { language: options.language });
      const target = versionId === null ? inForce : await store.versionById(versionId);
      const previous = inForce ? await store.previousVersion(inForce) : null;
      const verdict = rollbackVerdict(target, inForce, previous);
      if (verdict.action === 'REFUSE') throw appError(verdict.reason, { version: inForce?.id ?? '-' }, { language: options.language });
      if (!target) throw appError('IMPORT_VERSION_NOT_FOUND', {}, { language: options.language });
      if (verdict.action === 'ALREADY_ROLLED_BACK') return { rolledBack: target, inForce };
      if ((await store.referencedAddedCodes(target.id)) > 0)
        throw appError('REGISTRY_ROLLBACK_REFERENCED', {}, { language: options.language });
      const changes = await store.changesOf(target.id);
      options.progress.step('INPE registry: restore the previous version', changes.length);
      const rolledBack = { at: this.now().toISOString(), by: options.rolledBackBy };
      await new RegistryWriter(manager, store.dialect).restoreBefore(target, changes, rolledBack);
      options.progress.advance(changes.length);
      return {
        rolledBack: Object.assign(target, { status: 'ROLLED_BACK' as const, rolledBackAt: rolledBack.at, rolledBackBy: rolledBack.by }),
        inForce: previous,
      };
    });
  }
}

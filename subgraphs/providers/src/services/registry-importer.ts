import { createHash } from 'node:crypto';
import { appError, exclusiveTransaction, fileRefused, LineErrorCollector, todayIn, type Language, type ProgressSink } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { RegistryVersionEntity } from '../entities/registry-version.entity';
import { countChanges, diffRegistry } from '../rules/registry-diff';
import { validateRegistryFile, type RegistryFile } from '../rules/registry-file';
import type { RowVocabulary } from '../rules/registry-row';
import { nextVersionId } from '../rules/registry-version-id';
import { RegistryCopyStore } from './registry-copy-store';
import { readRegistryLines } from './registry-file-reader';
import { RegistryWriter } from './registry-writer';

/** The lock every write of the INPE registry copy takes (imports and rollbacks never interleave). */
export const REGISTRY_LOCK = 'inpe-registry';

/** What an import answers: the version the file made, and whether an earlier sending of the same file had made it. */
export interface RegistryImportResult {
  version: RegistryVersionEntity;
  alreadyLoaded: boolean;
}

/** What an import needs besides the file. */
export interface RegistryImportOptions {
  /** The realm client loading it, or `cli`. */
  loadedBy: string;
  progress: ProgressSink;
  /** The language of the refusals. */
  language?: Language;
}

/** The SHA-256 of a file's text, as UTF-8. */
export function fileSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Loads an INPE registry file ANAM shares as a new version of the copy:
 * validated line by line (any error refuses the whole file, nothing is
 * written), then, in one transaction that no other write of the registry
 * interleaves with, refused when not extracted after the version in force,
 * diffed against the copy, and applied with its diff kept. The same file
 * sent again returns the version it made.
 */
export class RegistryImporter {
  constructor(
    /** The data source of the registry's writes (on SQLite, one that serves no request). */
    private readonly writer: DataSource,
    private readonly settings: { maxRows: number; timeZone: string; vocabulary: RowVocabulary },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async importFile(text: string, options: RegistryImportOptions): Promise<RegistryImportResult> {
    const sha256 = fileSha256(text);
    const known = await new RegistryCopyStore(this.writer.manager).versionOfFile(sha256);
    if (known) return { version: known, alreadyLoaded: true };
    const file = await this.validated(text, options);
    return exclusiveTransaction(this.writer, REGISTRY_LOCK, async (manager) => {
      const store = new RegistryCopyStore(manager);
      const again = await store.versionOfFile(sha256);
      if (again) return { version: again, alreadyLoaded: true };
      const { extractedOn } = file.metadata;
      const inForce = await store.versionInForce();
      if (inForce && extractedOn <= inForce.publishedOn) {
        throw appError(
          'IMPORT_FILE_NOT_NEWER',
          { extractedOn, version: inForce.id, inForceOn: inForce.publishedOn },
          { language: options.language },
        );
      }
      options.progress.step('INPE registry: diff against the copy', file.records.length);
      const changes = diffRegistry(await store.readCopy(), file.records, extractedOn);
      options.progress.advance(file.records.length);
      const counts = countChanges(changes);
      const version = Object.assign(new RegistryVersionEntity(), {
        id: nextVersionId(extractedOn, await store.versionIdsOn(extractedOn)),
        publishedOn: extractedOn,
        providerCount: file.records.length,
        loadedAt: this.now().toISOString(),
        status: 'CURRENT',
        addedCount: counts.ADDED,
        changedCount: counts.CHANGED,
        withdrawnCount: counts.WITHDRAWN,
        loadedBy: options.loadedBy,
        fileSha256: sha256,
        rolledBackAt: null,
        rolledBackBy: null,
      } satisfies RegistryVersionEntity);
      options.progress.step('INPE registry: apply the changed codes', changes.length);
      await new RegistryWriter(manager, store.dialect).applyVersion(version, changes, (count) => options.progress.advance(count));
      return { version, alreadyLoaded: false };
    });
  }

  /** Reads and validates the file; refuses it whole, with its line errors, when any line is wrong. */
  private async validated(text: string, options: RegistryImportOptions): Promise<RegistryFile> {
    const { maxRows, timeZone, vocabulary } = this.settings;
    const read = await readRegistryLines(text, maxRows + 2, options.progress);
    options.progress.step('INPE registry file: validate lines', Math.max(0, read.lines.length - 2));
    const errors = new LineErrorCollector();
    errors.add(...read.errors);
    const verdict = validateRegistryFile(
      read.lines,
      { today: todayIn(timeZone, this.now()), maxRows, vocabulary, complete: read.complete, onLine: () => options.progress.advance(1) },
      errors,
    );
    if (errors.count > 0 || !('file' in verdict)) throw fileRefused(errors, { language: options.language });
    return verdict.file;
  }
}

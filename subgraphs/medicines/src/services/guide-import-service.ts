import { createHash } from 'node:crypto';
import {
  appError,
  dialectOf,
  exclusiveTransaction,
  fileRefused,
  insertRowsInBatches,
  SILENT_PROGRESS,
  type BulkValue,
  type ProgressSink,
} from '@cmb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { GuideImportLimits } from '../config';
import { GmrChangeEntity } from '../entities/gmr-change.entity';
import { GmrImportEntity } from '../entities/gmr-import.entity';
import { GmrMedicineEntity } from '../entities/gmr-medicine.entity';
import { GmrVersionEntity } from '../entities/gmr-version.entity';
import { readGuideFile, type GuideFile } from '../import/guide-file';
import { countChanges, diffGuide, type GuideChange, type GuideListing } from '../rules/guide-diff';
import { checkEffectiveDate, checkRollback, closedUntil, guideVersionId } from '../rules/guide-versions';
import { searchKey } from '../rules/search-key';
import { summariseVersion, type GuideHistory, type GuideVersionSummary } from './guide-history';

/** A file to import and who sends it. */
export interface GuideImportRequest {
  /** The file's text (UTF-8 CSV, the layout of rules/guide-file-layout.ts). */
  csv: string;
  /** The effective date given beside the file; the file's own when null. */
  effectiveDate: string | null;
  /** The realm client importing (`anam-registry`), or `command-line`. */
  importedBy: string;
}

/** What an import did: the version, and whether the same file had already been loaded (nothing changed then). */
export interface GuideImportOutcome {
  version: GuideVersionSummary;
  replayed: boolean;
}

/** What a rollback did: the version removed, and the version now the latest (null when none is left). */
export interface GuideRollbackOutcome {
  rolledBack: GuideVersionSummary;
  latest: GuideVersionSummary | null;
}

const MEDICINE_COLUMNS = [
  'gmr_version',
  'ean13',
  'dci',
  'brand',
  'form',
  'dosage',
  'presentation',
  'public_price_centimes',
  'pbr_centimes',
  'generic',
  'reimbursable',
  'princeps_ean13',
  'therapeutic_class',
  'brand_key',
  'dci_key',
] as const;
/** The PostgreSQL type of each column of MEDICINE_COLUMNS: the rows go as one array per column (`unnest`). */
const MEDICINE_TYPES = [
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'integer',
  'integer',
  'boolean',
  'boolean',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
] as const;
const CHANGE_COLUMNS = ['gmr_version', 'ean13', 'kind', 'fields'] as const;
const CHANGE_TYPES = ['varchar', 'varchar', 'varchar', 'varchar'] as const;
/** The name imports and rollbacks of the guide hold each other off by. */
const LOCK = 'medicines-guide-versions';

/** A stored listing as the diff compares it. */
function toListing(entity: GmrMedicineEntity): GuideListing {
  return {
    ean13: entity.ean13,
    dci: entity.dci,
    brand: entity.brand,
    form: entity.form,
    dosage: entity.dosage,
    presentation: entity.presentation,
    therapeuticClass: entity.therapeuticClass,
    generic: Boolean(entity.generic),
    princepsEan13: entity.princepsEan13,
    publicPriceCentimes: entity.publicPriceCentimes,
    pbrCentimes: entity.pbrCentimes,
    reimbursable: Boolean(entity.reimbursable),
  };
}

function medicineRow(code: string, row: GuideListing): BulkValue[] {
  return [
    code,
    row.ean13,
    row.dci,
    row.brand,
    row.form,
    row.dosage,
    row.presentation,
    row.publicPriceCentimes,
    row.pbrCentimes,
    row.generic,
    row.reimbursable,
    row.princepsEan13,
    row.therapeuticClass,
    searchKey(row.brand),
    searchKey(row.dci),
  ];
}

function changeRow(code: string, change: GuideChange): BulkValue[] {
  return [code, change.ean13, change.kind, change.fields.join(',')];
}

/**
 * Loads new versions of the medicines guide and rolls the latest back, each
 * in one transaction: a file is checked whole before anything is written
 * (refused whole with its line errors otherwise); its version takes effect
 * after the latest; the same file sent again changes nothing; the diff
 * against the version before is kept. Writes are bulk multi-row statements
 * (a full GMR of ~4,600 packs is a handful of statements). One import or
 * rollback at a time, in this process and across processes (the subgraph and
 * the import command): the kit's `exclusiveTransaction`, on the writer data
 * source (on SQLite a connection of its own, so requests never read a load's
 * uncommitted rows).
 */
export class GuideImportService {
  constructor(
    /** The data source of the writes: on SQLite one that serves no request. */
    private readonly writer: DataSource,
    private readonly limits: GuideImportLimits,
    private readonly history: GuideHistory,
    private readonly today: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Imports a guide file as a new version; `BAD_USER_INPUT` with line errors for a malformed file. */
  async importGuide(request: GuideImportRequest, progress: ProgressSink = SILENT_PROGRESS): Promise<GuideImportOutcome> {
    try {
      const verdict = readGuideFile(request.csv, request.effectiveDate, this.limits, progress);
      if (!verdict.file) throw fileRefused(verdict.collected, { max: this.limits.lineErrorsShown });
      const file = verdict.file;
      const digest = createHash('sha256').update(request.csv, 'utf8').digest('hex');
      const outcome = await exclusiveTransaction(this.writer, LOCK, (manager) =>
        this.apply(manager, file, digest, request.importedBy, progress),
      );
      const version = await this.history.version(outcome.versionId);
      if (!version) throw new Error(`version ${outcome.versionId} vanished after its import`);
      return { version, replayed: outcome.replayed };
    } finally {
      progress.end();
    }
  }

  /** Rolls back the latest version (the one named, when a name is given); the version before is in force again. */
  async rollback(versionId: string | null, progress: ProgressSink = SILENT_PROGRESS): Promise<GuideRollbackOutcome> {
    try {
      const outcome = await exclusiveTransaction(this.writer, LOCK, (manager) => this.removeLatest(manager, versionId, progress));
      const latest = outcome.previousId ? await this.history.version(outcome.previousId) : null;
      return { rolledBack: outcome.rolledBack, latest };
    } finally {
      progress.end();
    }
  }

  private async apply(
    manager: EntityManager,
    file: GuideFile,
    digest: string,
    importedBy: string,
    progress: ProgressSink,
  ): Promise<{ versionId: string; replayed: boolean }> {
    const versions = await manager.find(GmrVersionEntity);
    const sameFile = await manager.find(GmrImportEntity, { where: { sourceDigest: digest } });
    const replayed = sameFile.find((record) => versions.some((v) => v.code === record.gmrVersion && v.validFrom === file.effectiveDate));
    if (replayed) return { versionId: replayed.gmrVersion, replayed: true };

    const verdict = checkEffectiveDate(versions, file.effectiveDate);
    if (!verdict.accepted) {
      throw appError('GMR_EFFECTIVE_DATE_NOT_AFTER_LATEST', { latest: verdict.latest.code, latestDate: verdict.latest.validFrom });
    }
    const previous = verdict.previous;
    const code = guideVersionId(file.effectiveDate);

    progress.step(previous ? `compare with ${previous.code}` : 'compare with no earlier version', file.rows.length);
    const before = previous ? await manager.find(GmrMedicineEntity, { where: { gmrVersion: previous.code } }) : [];
    const changes = diffGuide(before.map(toListing), file.rows);
    const counts = countChanges(changes);
    progress.advance(file.rows.length);

    progress.step(`write ${code}`, file.rows.length + changes.length);
    await manager.insert(GmrVersionEntity, { code, publishedOn: this.today(), validFrom: file.effectiveDate, validUntil: null });
    if (previous) {
      const until = closedUntil(previous, file.effectiveDate);
      if (until !== previous.validUntil) await manager.update(GmrVersionEntity, { code: previous.code }, { validUntil: until });
    }
    await manager.insert(GmrImportEntity, {
      gmrVersion: code,
      sourceDigest: digest,
      importedAt: this.now().toISOString(),
      importedBy,
      replacesVersion: previous?.code ?? null,
      replacedValidUntil: previous?.validUntil ?? null,
      medicineCount: file.rows.length,
      addedCount: counts.ADDED,
      changedCount: counts.CHANGED,
      withdrawnCount: counts.WITHDRAWN,
    });
    const dialect = dialectOf(manager.connection.options.type);
    await insertRowsInBatches(manager, dialect, {
      table: 'gmr_medicine',
      columns: MEDICINE_COLUMNS,
      postgresTypes: MEDICINE_TYPES,
      rows: file.rows.map((row) => medicineRow(code, row)),
    });
    progress.advance(file.rows.length);
    await insertRowsInBatches(manager, dialect, {
      table: 'gmr_change',
      columns: CHANGE_COLUMNS,
      postgresTypes: CHANGE_TYPES,
      rows: changes.map((change) => changeRow(code, change)),
    });
    progress.advance(changes.length);
    return { versionId: code, replayed: false };
  }

  private async removeLatest(
    manager: EntityManager,
    versionId: string | null,
    progress: ProgressSink,
  ): Promise<{ rolledBack: GuideVersionSummary; previousId: string | null }> {
    const versions = await manager.find(GmrVersionEntity);
    const records = new Map((await manager.find(GmrImportEntity)).map((record) => [record.gmrVersion, record]));
    const verdict = checkRollback(
      versions.map((version) => ({ ...version, imported: records.has(version.code) })),
      versionId,
    );
    if (!verdict.allowed) {
      if (verdict.reason === 'NOT_LATEST') throw appError('IMPORT_ROLLBACK_NOT_LATEST', { latest: verdict.latest.code });
      if (verdict.reason === 'NOT_IMPORTED') throw appError('IMPORT_ROLLBACK_NOT_IMPORTED', { version: verdict.version.code });
      throw appError('IMPORT_VERSION_NOT_FOUND');
    }
    const version = versions.find((candidate) => candidate.code === verdict.version.code);
    const record = records.get(verdict.version.code);
    if (!version || !record) throw new Error('the version to roll back vanished inside its transaction');
    progress.step(`roll back ${version.code}`, record.medicineCount + record.addedCount + record.changedCount + record.withdrawnCount);
    const rolledBack = summariseVersion(version, record, record.medicineCount, false);
    await manager.delete(GmrChangeEntity, { gmrVersion: version.code });
    await manager.delete(GmrMedicineEntity, { gmrVersion: version.code });
    await manager.delete(GmrImportEntity, { gmrVersion: version.code });
    await manager.delete(GmrVersionEntity, { code: version.code });
    if (record.replacesVersion) {
      await manager.update(GmrVersionEntity, { code: record.replacesVersion }, { validUntil: record.replacedValidUntil });
    }
    progress.advance(record.medicineCount + record.addedCount + record.changedCount + record.withdrawnCount);
    return { rolledBack, previousId: record.replacesVersion };
  }
}

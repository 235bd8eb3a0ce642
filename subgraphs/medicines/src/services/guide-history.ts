import { appError } from '@cmb/kit';
import { In, LessThan, MoreThan, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { GuideImportLimits } from '../config';
import { GmrChangeEntity } from '../entities/gmr-change.entity';
import { GmrImportEntity } from '../entities/gmr-import.entity';
import { GmrMedicineEntity } from '../entities/gmr-medicine.entity';
import { GmrVersionEntity } from '../entities/gmr-version.entity';
import type { GuideChangeKind, GuideField } from '../rules/guide-diff';
import { versionValidOn } from '../rules/reimbursement-basis';
import { changeCursor, decodeChangeCursor, decodeVersionCursor, versionCursor } from './guide-cursor';
import { parseListingCursor, parsePageSize } from './edge-validation';

/** One version of the guide as the import listings show it. */
export interface GuideVersionSummary {
  versionId: string;
  effectiveDate: string;
  /** Last day in force; null while open. */
  validUntil: string | null;
  publishedOn: string;
  /** In force today (Africa/Casablanca). */
  inForce: boolean;
  medicineCount: number;
  /** Loaded by an import: it has a diff and rolls back. */
  imported: boolean;
  /** The diff's counts; null for a version not loaded by an import. */
  addedCount: number | null;
  changedCount: number | null;
  withdrawnCount: number | null;
  /** The version it followed; null for the first or a version not loaded by an import. */
  previousVersionId: string | null;
  /** ISO 8601 instant of the import; null when not imported. */
  importedAt: string | null;
}

/** One change of an imported version. */
export interface GuideChangeRecord {
  versionId: string;
  ean13: string;
  kind: GuideChangeKind;
  fields: GuideField[];
}

/** A page of a listing, with the cursor of each item. */
export interface ListingPage<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** A version's summary from its row, its import record and its size. */
export function summariseVersion(
  version: GmrVersionEntity,
  record: GmrImportEntity | undefined,
  medicineCount: number,
  inForce: boolean,
): GuideVersionSummary {
  return {
    versionId: version.code,
    effectiveDate: version.validFrom,
    validUntil: version.validUntil,
    publishedOn: version.publishedOn,
    inForce,
    medicineCount,
    imported: record !== undefined,
    addedCount: record?.addedCount ?? null,
    changedCount: record?.changedCount ?? null,
    withdrawnCount: record?.withdrawnCount ?? null,
    previousVersionId: record?.replacesVersion ?? null,
    importedAt: record?.importedAt ?? null,
  };
}

/**
 * Reads the versions of the guide and the diffs of the imported ones, a page
 * at a time, with indexed reads only: versions by effective date (unique),
 * changes by (version, EAN-13) or (version, kind, EAN-13).
 */
export class GuideHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: Pick<GuideImportLimits, 'pageSize'>,
    private readonly today: () => string,
  ) {}

  private get pageLimits() {
    return { defaultFirst: this.limits.pageSize.default, maxFirst: this.limits.pageSize.max };
  }

  /** Summaries of some versions, in the order given (one query for the import records, one count for the others). */
  async summaries(versions: readonly GmrVersionEntity[], manager: EntityManager = this.dataSource.manager): Promise<GuideVersionSummary[]> {
    if (versions.length === 0) return [];
    const codes = versions.map((version) => version.code);
    const records = new Map((await manager.find(GmrImportEntity, { where: { gmrVersion: In(codes) } })).map((r) => [r.gmrVersion, r]));
    const uncounted = codes.filter((code) => !records.has(code));
    const counts = new Map<string, number>();
    if (uncounted.length > 0) {
      const rows = await manager
        .createQueryBuilder(GmrMedicineEntity, 'm')
        .select('m.gmrVersion', 'code')
        .addSelect('COUNT(*)', 'count')
        .where('m.gmrVersion IN (:...codes)', { codes: uncounted })
        .groupBy('m.gmrVersion')
        .getRawMany<{ code: string; count: string | number }>();
      for (const row of rows) counts.set(row.code, Number(row.count));
    }
    const all = await manager.find(GmrVersionEntity);
    const inForce = versionValidOn(all, this.today())?.code ?? null;
    return versions.map((version) => {
      const record = records.get(version.code);
      return summariseVersion(version, record, record?.medicineCount ?? counts.get(version.code) ?? 0, version.code === inForce);
    });
  }

  /** One version's summary; null when no version has this id. */
  async version(versionId: string): Promise<GuideVersionSummary | null> {
    const version = await this.dataSource.manager.findOne(GmrVersionEntity, { where: { code: versionId } });
    if (!version) return null;
    const [summary] = await this.summaries([version]);
    return summary ?? null;
  }

  /** A page of the versions, newest effective date first. */
  async versions(args: { first?: number | null; after?: string | null }): Promise<ListingPage<GuideVersionSummary>> {
    const first = parsePageSize(args.first, this.pageLimits);
    const after = parseListingCursor(args.after, decodeVersionCursor);
    const rows = await this.dataSource.manager.find(GmrVersionEntity, {
      where: after ? { validFrom: LessThan(after) } : {},
      order: { validFrom: 'DESC' },
      take: first + 1,
    });
    const page = rows.slice(0, first);
    const summaries = await this.summaries(page);
    return {
      items: summaries.map((node) => ({ cursor: versionCursor(node.effectiveDate), node })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
  }

  /**
   * A page of one version's changes in EAN-13 order, of one kind or all.
   * An unknown version is `NOT_FOUND` (`IMPORT_VERSION_NOT_FOUND`); a version not loaded by an import has
   * no changes recorded (an empty page).
   */
  async changes(args: {
    versionId: string;
    kind?: GuideChangeKind | null;
    first?: number | null;
    after?: string | null;
  }): Promise<ListingPage<GuideChangeRecord>> {
    const first = parsePageSize(args.first, this.pageLimits);
    const after = parseListingCursor(args.after, decodeChangeCursor);
    const exists = await this.dataSource.manager.exists(GmrVersionEntity, { where: { code: args.versionId } });
    if (!exists) throw appError('IMPORT_VERSION_NOT_FOUND');
    const where: FindOptionsWhere<GmrChangeEntity> = { gmrVersion: args.versionId };
    if (args.kind) where.kind = args.kind;
    if (after) where.ean13 = MoreThan(after);
    const rows = await this.dataSource.manager.find(GmrChangeEntity, { where, order: { ean13: 'ASC' }, take: first + 1 });
    return {
      items: rows.slice(0, first).map((row) => ({
        cursor: changeCursor(row.ean13),
        node: {
          versionId: row.gmrVersion,
          ean13: row.ean13,
          kind: row.kind as GuideChangeKind,
          fields: row.fields === '' ? [] : (row.fields.split(',') as GuideField[]),
        },
      })),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
  }
}

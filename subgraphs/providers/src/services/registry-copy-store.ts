import { dialectOf, type Dialect } from '@cmb/kit';
import type { EntityManager } from 'typeorm';
import type { RegistryChangeKind } from '../entities/registry-change.entity';
import { RegistryVersionEntity } from '../entities/registry-version.entity';
import type { CopyRow } from '../rules/registry-diff';

/** A row of `provider` as read by {@link RegistryCopyStore.readCopy}. */
interface ProviderRow {
  inpe: string;
  kind: CopyRow['kind'];
  category: string;
  specialty: string | null;
  name: string;
  sector: CopyRow['sector'];
  region: string;
  status: CopyRow['status'];
  active_from: string;
  active_until: string | null;
  updated_at: string;
}

/** A code of a kept diff, as a rollback reads it. */
export interface KeptChange {
  inpe: string;
  kind: RegistryChangeKind;
  /** The copy's row before (JSON); null for an added code. */
  before: string | null;
}

/** `$n` on PostgreSQL, `?` on SQLite. */
function mark(dialect: Dialect, position: number): string {
  return dialect === 'postgres' ? `$${position}` : '?';
}

/**
 * The reads of an import or a rollback, inside its transaction: the copy
 * as a whole, the versions and a version's kept diff. Dates are read as
 * text on both engines (`CAST(... AS TEXT)` gives `YYYY-MM-DD` on PostgreSQL).
 */
export class RegistryCopyStore {
  readonly dialect: Dialect;

  constructor(private readonly manager: EntityManager) {
    this.dialect = dialectOf(manager.connection.options.type);
  }

  /** Every code of the copy, by INPE. */
  async readCopy(): Promise<Map<string, CopyRow>> {
    const rows = (await this.manager.query(
      `SELECT inpe, kind, category, specialty, name, sector, region, status,
              CAST(active_from AS TEXT) AS active_from, CAST(active_until AS TEXT) AS active_until, updated_at
         FROM provider`,
    )) as ProviderRow[];
    const copy = new Map<string, CopyRow>();
    for (const row of rows) {
      copy.set(row.inpe, {
        inpe: row.inpe,
        kind: row.kind,
        category: row.category,
        specialty: row.specialty,
        name: row.name,
        sector: row.sector,
        region: row.region,
        status: row.status,
        activeFrom: row.active_from,
        activeUntil: row.active_until,
        updatedAt: row.updated_at,
      });
    }
    return copy;
  }

  /** The version in force: the latest one not rolled back. */
  versionInForce(): Promise<RegistryVersionEntity | null> {
    return this.manager
      .getRepository(RegistryVersionEntity)
      .findOne({ where: { status: 'CURRENT' }, order: { publishedOn: 'DESC', id: 'DESC' } });
  }

  /** The version in force before this one: the latest one not rolled back that is older. */
  previousVersion(version: RegistryVersionEntity): Promise<RegistryVersionEntity | null> {
    return this.manager
      .getRepository(RegistryVersionEntity)
      .createQueryBuilder('v')
      .where('v.status = :status', { status: 'CURRENT' })
      .andWhere('(v.publishedOn < :publishedOn OR (v.publishedOn = :publishedOn AND v.id < :id))', {
        publishedOn: version.publishedOn,
        id: version.id,
      })
      .orderBy('v.publishedOn', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .getOne();
  }

  versionById(id: string): Promise<RegistryVersionEntity | null> {
    return this.manager.getRepository(RegistryVersionEntity).findOne({ where: { id } });
  }

  /** The version a file made, by the file's SHA-256. */
  versionOfFile(sha256: string): Promise<RegistryVersionEntity | null> {
    return this.manager.getRepository(RegistryVersionEntity).findOne({ where: { fileSha256: sha256 } });
  }

  /** The ids of the versions of one extraction date (rolled back ones included). */
  async versionIdsOn(publishedOn: string): Promise<Set<string>> {
    const versions = await this.manager.getRepository(RegistryVersionEntity).find({ where: { publishedOn }, select: { id: true } });
    return new Set(versions.map((version) => version.id));
  }

  /** What a rollback needs of the diff a version kept: each code, its kind of change and its row before (raw rows: a diff may hold 50,000). */
  async changesOf(versionId: string): Promise<KeptChange[]> {
    return (await this.manager.query(
      `SELECT inpe, change_kind AS kind, before FROM registry_change WHERE version_id = ${mark(this.dialect, 1)}`,
      [versionId],
    )) as KeptChange[];
  }

  /** How many codes the version added are named by a convention or an attachment (they would lose their provider on rollback). */
  async referencedAddedCodes(versionId: string): Promise<number> {
    const [row] = (await this.manager.query(
      `SELECT COUNT(*) AS total FROM registry_change r
        WHERE r.version_id = ${mark(this.dialect, 1)} AND r.change_kind = 'ADDED'
          AND (EXISTS (SELECT 1 FROM convention c WHERE c.provider_inpe = r.inpe)
            OR EXISTS (SELECT 1 FROM attachment a WHERE a.professional_inpe = r.inpe)
            OR EXISTS (SELECT 1 FROM attachment a WHERE a.establishment_inpe = r.inpe))`,
      [versionId],
    )) as { total: number | string }[];
    return Number(row?.total ?? 0);
  }
}

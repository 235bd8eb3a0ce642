import { In, type DataSource } from 'typeorm';
import { AttachmentEntity } from '../entities/attachment.entity';
import { ConventionEntity } from '../entities/convention.entity';
import { ProviderEntity } from '../entities/provider.entity';
import { RegistryVersionEntity } from '../entities/registry-version.entity';
import { likePattern, type ProviderQuery } from '../rules/provider-filter';

/** The registry version in force and a stamp that changes with every load or rollback. */
export interface RegistryState {
  version: RegistryVersionEntity | null;
  stamp: string;
}

/** Groups rows by a key, in the order of the keys asked. */
function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Reads the INPE registry. Every batch method answers many keys with one
 * indexed `IN (...)` query, in the order of the keys, for request-scoped loaders.
 */
export class ProviderStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Providers by INPE, in the order asked (null where unknown). */
  async findByInpes(inpes: readonly string[]): Promise<(ProviderEntity | null)[]> {
    const rows = await this.dataSource.getRepository(ProviderEntity).find({ where: { inpe: In([...inpes]) } });
    const byInpe = new Map(rows.map((row) => [row.inpe, row]));
    return inpes.map((inpe) => byInpe.get(inpe) ?? null);
  }

  /** Every convention of each provider, oldest first. */
  async conventionsOf(inpes: readonly string[]): Promise<ConventionEntity[][]> {
    const rows = await this.dataSource
      .getRepository(ConventionEntity)
      .find({ where: { providerInpe: In([...inpes]) }, order: { validFrom: 'ASC', organism: 'ASC' } });
    return groupBy(inpes, rows, (row) => row.providerInpe);
  }

  /** Every attachment of each professional to an establishment, whatever its period. */
  async attachmentsOfProfessionals(inpes: readonly string[]): Promise<AttachmentEntity[][]> {
    const rows = await this.dataSource
      .getRepository(AttachmentEntity)
      .find({ where: { professionalInpe: In([...inpes]) }, order: { establishmentInpe: 'ASC' } });
    return groupBy(inpes, rows, (row) => row.professionalInpe);
  }

  /** Every attachment of professionals to one establishment, whatever its period. */
  attachmentsToEstablishment(inpe: string): Promise<AttachmentEntity[]> {
    return this.dataSource.getRepository(AttachmentEntity).find({ where: { establishmentInpe: inpe }, order: { professionalInpe: 'ASC' } });
  }

  /**
   * One page of providers in INPE order, after a key (keyset pagination: no
   * offset scan); `limit` rows at most.
   */
  page(query: ProviderQuery, afterInpe: string | null, limit: number): Promise<ProviderEntity[]> {
    const builder = this.dataSource.getRepository(ProviderEntity).createQueryBuilder('p').orderBy('p.inpe', 'ASC').limit(limit);
    if (query.region) builder.andWhere('p.region = :region', { region: query.region });
    if (query.category) builder.andWhere('p.category = :category', { category: query.category });
    if (query.kind) builder.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.nameContains) builder.andWhere("LOWER(p.name) LIKE :name ESCAPE '\\'", { name: likePattern(query.nameContains) });
    if (afterInpe) builder.andWhere('p.inpe > :after', { after: afterInpe });
    return builder.getMany();
  }

  /**
   * The version in force and a stamp of the registry's history: the stamp
   * changes with every load and every rollback, even one that puts an earlier
   * version back in force (whose id the cache followed before), so what was
   * read in between is never taken for that version's rows.
   */
  async registryState(): Promise<RegistryState> {
    const [version, [history]] = await Promise.all([
      this.currentVersion(),
      this.dataSource
        .getRepository(RegistryVersionEntity)
        .createQueryBuilder('v')
        .select('COUNT(*)', 'versions')
        .addSelect('MAX(v.loaded_at)', 'lastLoad')
        .addSelect('MAX(v.rolled_back_at)', 'lastRollback')
        .getRawMany<{ versions: string | number; lastLoad: string | null; lastRollback: string | null }>(),
    ]);
    const stamp = [version?.id ?? '-', history?.versions ?? 0, history?.lastLoad ?? '-', history?.lastRollback ?? '-'].join('|');
    return { version, stamp };
  }

  /** The version in force: the latest one not rolled back, or null before the first load. */
  async currentVersion(): Promise<RegistryVersionEntity | null> {
    const [latest] = await this.dataSource
      .getRepository(RegistryVersionEntity)
      .find({ where: { status: 'CURRENT' }, order: { publishedOn: 'DESC', id: 'DESC' }, take: 1 });
    return latest ?? null;
  }
}

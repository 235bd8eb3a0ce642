import { In, type DataSource } from 'typeorm';
import { GmrMedicineEntity } from '../entities/gmr-medicine.entity';
import { GmrVersionEntity } from '../entities/gmr-version.entity';
import { prefixRange, type PrefixRange } from '../rules/search-key';
import type { SearchPosition } from './search-cursor';

/** A validated search: a normalised key, maybe a code prefix, where to start, how many rows. */
export interface SearchQuery {
  /** Normalised text (rules/search-key.ts), matched as a prefix of the brand key and of the DCI key. */
  key: string;
  /** Digits matched as a prefix of the EAN13, when the text is a number. */
  codePrefix: string | null;
  after: SearchPosition | null;
  limit: number;
}

/** The indexed columns a search matches a prefix on. */
type SearchColumn = 'brandKey' | 'dciKey' | 'ean13';

/** Search order: brand key, then EAN13 (binary comparison, as the keys are ASCII). */
function searchOrder(a: GmrMedicineEntity, b: GmrMedicineEntity): number {
  if (a.brandKey !== b.brandKey) return a.brandKey < b.brandKey ? -1 : 1;
  return a.ean13 < b.ean13 ? -1 : a.ean13 > b.ean13 ? 1 : 0;
}

/** Reads the GMR with indexed lookups only: primary key, EAN13, search keys, princeps. */
export class GmrStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Every GMR version, oldest first (a handful of rows per year). */
  versions(): Promise<GmrVersionEntity[]> {
    return this.dataSource.getRepository(GmrVersionEntity).find({ order: { validFrom: 'ASC', code: 'ASC' } });
  }

  /** Listings of many codes in one version (primary key), in the order asked; null where not listed. */
  async listingsIn(gmrVersion: string, codes: readonly string[]): Promise<(GmrMedicineEntity | null)[]> {
    const rows =
      codes.length > 0
        ? await this.dataSource.getRepository(GmrMedicineEntity).find({ where: { gmrVersion, ean13: In([...new Set(codes)]) } })
        : [];
    const byCode = new Map(rows.map((row) => [row.ean13, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  }

  /** Every listing of one code, in any version (index on the EAN13). */
  listingsOf(ean13: string): Promise<GmrMedicineEntity[]> {
    return this.dataSource.getRepository(GmrMedicineEntity).find({ where: { ean13 } });
  }

  /** The generics that refer to a princeps in one version (index on version and princeps). */
  genericsOf(gmrVersion: string, princepsEan13: string): Promise<GmrMedicineEntity[]> {
    return this.dataSource.getRepository(GmrMedicineEntity).find({ where: { gmrVersion, princepsEan13 } });
  }

  /**
   * One page of a version's listings whose brand key or DCI key starts with
   * the key (or whose EAN13 starts with the code prefix), in (brand key,
   * EAN13) order after a position. Each match runs as its own index range
   * scan with the same keyset bound, and the branches are merged here: an OR
   * of ranges would let a planner walk the whole version instead.
   */
  async search(gmrVersion: string, query: SearchQuery): Promise<GmrMedicineEntity[]> {
    const branches: [SearchColumn, PrefixRange][] = [
      ['brandKey', prefixRange(query.key)],
      ['dciKey', prefixRange(query.key)],
    ];
    if (query.codePrefix) branches.push(['ean13', prefixRange(query.codePrefix)]);
    const pages = await Promise.all(branches.map(([column, range]) => this.searchBranch(gmrVersion, column, range, query)));
    const merged = new Map<string, GmrMedicineEntity>();
    for (const row of pages.flat()) merged.set(row.ean13, row);
    return [...merged.values()].sort(searchOrder).slice(0, query.limit);
  }

  /** One range of one indexed column, after the keyset position, in search order. */
  private searchBranch(gmrVersion: string, column: SearchColumn, range: PrefixRange, query: SearchQuery): Promise<GmrMedicineEntity[]> {
    const builder = this.dataSource
      .getRepository(GmrMedicineEntity)
      .createQueryBuilder('m')
      .where('m.gmrVersion = :gmrVersion', { gmrVersion })
      .andWhere(`m.${column} >= :from AND m.${column} < :to`, range);
    if (query.after) {
      builder.andWhere('(m.brandKey > :afterKey OR (m.brandKey = :afterKey AND m.ean13 > :afterCode))', {
        afterKey: query.after.brandKey,
        afterCode: query.after.ean13,
      });
    }
    return builder.orderBy('m.brandKey', 'ASC').addOrderBy('m.ean13', 'ASC').limit(query.limit).getMany();
  }

  /** Number of listings per version, by version code. */
  async countsByVersion(): Promise<Map<string, number>> {
    const rows = await this.dataSource
      .getRepository(GmrMedicineEntity)
      .createQueryBuilder('m')
      .select('m.gmrVersion', 'code')
      .addSelect('COUNT(*)', 'count')
      .groupBy('m.gmrVersion')
      .getRawMany<{ code: string; count: string | number }>();
    return new Map(rows.map((row) => [row.code, Number(row.count)]));
  }
}

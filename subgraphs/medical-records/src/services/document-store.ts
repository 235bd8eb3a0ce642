import { In, type DataSource, type Repository } from 'typeorm';
import { DocumentPointerEntity } from '../entities/document-pointer.entity';
import type { DocumentStatusCode } from '../rules/facts';
import type { PageCursor } from './page-cursor';

/** One page asked of one person's record. */
export interface ListingKey {
  personRef: string;
  /** Distinct statuses in canonical order (see `listedStatuses`). */
  statuses: DocumentStatusCode[];
  first: number;
  after: PageCursor | null;
  /** Lists the pointers the person masked too (break-glass only). */
  includeMasked: boolean;
}

/** A page of one person's pointers, newest care first, and whether more follow. */
export interface DocumentPage {
  rows: DocumentPointerEntity[];
  hasNextPage: boolean;
}

/** A count asked of one person's record. */
export interface CountKey {
  personRef: string;
  statuses: DocumentStatusCode[];
  /** Counts the pointers the person masked too (break-glass only). */
  includeMasked: boolean;
}

/** Groups keys that share everything but the person, so each group is one query. */
function groupBy<K extends { personRef: string }>(
  keys: readonly K[],
  signature: (key: K) => string,
): Map<string, { sample: K; refs: string[] }> {
  const groups = new Map<string, { sample: K; refs: string[] }>();
  for (const key of keys) {
    const name = signature(key);
    const group = groups.get(name) ?? { sample: key, refs: [] };
    if (!group.refs.includes(key.personRef)) group.refs.push(key.personRef);
    groups.set(name, group);
  }
  return groups;
}

/** What one listing query shares with the others of its group: everything but the person. */
const listingSignature = (key: ListingKey) => JSON.stringify([key.statuses, key.first, key.after, key.includeMasked]);

/** What one count query shares with the others of its group. */
const countSignature = (key: CountKey) => JSON.stringify([key.statuses, key.includeMasked]);

/** Leaves out the pointers the person masked (one boolean predicate, the same SQL on both engines). */
const NOT_MASKED = 'NOT d.masked';

/** The order of a listing: newest care first, then newest registration, then id (a total order for keyset paging). */
const ORDER = 'd.serviceDate DESC, d.registeredAt DESC, d.id DESC';

/**
 * Reads pointers with indexed lookups only. Every method takes a batch of
 * keys and answers in the order asked, for the request-scoped loaders.
 */
export class DocumentStore {
  private readonly repository: Repository<DocumentPointerEntity>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(DocumentPointerEntity);
  }

  /** Pointers by id, in the order asked (null where unknown): one IN query. */
  async findByIds(ids: readonly string[]): Promise<(DocumentPointerEntity | null)[]> {
    const rows = await this.repository.find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Pages of many persons' records: one query per distinct (statuses, first,
   * after), whatever the number of persons. A window function keeps at most
   * `first + 1` rows per person, so a long record never loads whole.
   */
  async listPages(keys: readonly ListingKey[]): Promise<DocumentPage[]> {
    const pages = new Map<string, DocumentPage>();
    const groups = groupBy(keys, listingSignature);
    for (const [signature, { sample, refs }] of groups) {
      const rows = await this.pageRows(refs, sample.statuses, sample.first + 1, sample.after, sample.includeMasked);
      const byRef = new Map<string, DocumentPointerEntity[]>(refs.map((ref) => [ref, []]));
      for (const row of rows) byRef.get(row.personRef)?.push(row);
      for (const ref of refs) {
        const own = byRef.get(ref) ?? [];
        pages.set(JSON.stringify([ref, signature]), { rows: own.slice(0, sample.first), hasNextPage: own.length > sample.first });
      }
    }
    return keys.map((key) => pages.get(JSON.stringify([key.personRef, listingSignature(key)])) ?? { rows: [], hasNextPage: false });
  }

  /** Number of pointers per person with the given statuses: one grouped query per distinct status set. */
  async countDocuments(keys: readonly CountKey[]): Promise<number[]> {
    const counts = new Map<string, number>();
    for (const [signature, { sample, refs }] of groupBy(keys, countSignature)) {
      const query = this.repository
        .createQueryBuilder('d')
        .select('d.personRef', 'personRef')
        .addSelect('COUNT(*)', 'total')
        .where('d.personRef IN (:...refs)', { refs })
        .andWhere('d.status IN (:...statuses)', { statuses: sample.statuses });
      if (!sample.includeMasked) query.andWhere(NOT_MASKED);
      const rows = await query.groupBy('d.personRef').getRawMany<{ personRef: string; total: number | string }>();
      for (const row of rows) counts.set(JSON.stringify([row.personRef, signature]), Number(row.total));
    }
    return keys.map((key) => counts.get(JSON.stringify([key.personRef, countSignature(key)])) ?? 0);
  }

  private pageRows(
    refs: string[],
    statuses: DocumentStatusCode[],
    limit: number,
    after: PageCursor | null,
    includeMasked: boolean,
  ): Promise<DocumentPointerEntity[]> {
    const outer = this.repository.createQueryBuilder('doc');
    const ranked = outer
      .subQuery()
      .select('d.id', 'id')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY d.personRef ORDER BY ${ORDER})`, 'rn')
      .from(DocumentPointerEntity, 'd')
      .where('d.personRef IN (:...refs)', { refs })
      .andWhere('d.status IN (:...statuses)', { statuses });
    if (!includeMasked) ranked.andWhere(NOT_MASKED);
    if (after) {
      ranked.andWhere(
        '(d.serviceDate < :afterDate OR (d.serviceDate = :afterDate AND (d.registeredAt < :afterAt OR (d.registeredAt = :afterAt AND d.id < :afterId))))',
        { afterDate: after.serviceDate, afterAt: after.registeredAt, afterId: after.id },
      );
    }
    return outer
      .where(`doc.id IN (SELECT ranked.id FROM ${ranked.getQuery()} ranked WHERE ranked.rn <= :limit)`, { limit })
      .orderBy('doc.serviceDate', 'DESC')
      .addOrderBy('doc.registeredAt', 'DESC')
      .addOrderBy('doc.id', 'DESC')
      .getMany();
  }
}

import { appError } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import type { PaginationLimits } from '../config';
import { RegistryChangeEntity, type RegistryChangeKind } from '../entities/registry-change.entity';
import { RegistryVersionEntity } from '../entities/registry-version.entity';
import { encodeCursor, parsePageRequest, parsePageSize, slicePage } from '../rules/page-cursor';
import type { CopyRow } from '../rules/registry-diff';
import { isVersionId } from '../rules/registry-version-id';
import { encodeVersionCursor, parseVersionCursor } from '../rules/version-cursor';
import type { RegistryChangeKindValue } from '../types/registry-enums';
import type { RegistryEntryType } from '../types/registry-entry.type';

/** A page before GraphQL: items with their cursors. */
export interface HistoryPage<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A change as the API shows it. */
export interface ChangeView {
  inpe: string;
  kind: RegistryChangeKindValue;
  changedFields: string[];
  before: RegistryEntryType | null;
  after: RegistryEntryType;
}

function pageOf<T>(items: T[], hasNextPage: boolean, cursorOf: (item: T) => string): HistoryPage<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, nodes: items, endCursor: edges[edges.length - 1]?.cursor ?? null, hasNextPage };
}

/** A kept row (JSON) as an entry of the API, without its code and timestamp. */
function entryOf(json: string): RegistryEntryType {
  const row = JSON.parse(json) as CopyRow;
  return {
    kind: row.kind,
    category: row.category,
    specialty: row.specialty,
    name: row.name,
    sector: row.sector,
    region: row.region,
    status: row.status,
    activeFrom: row.activeFrom,
    activeUntil: row.activeUntil,
  };
}

/**
 * The history of the registry copy: its versions, newest first, and the
 * diff each kept, by pages (keyset pagination, bounded page sizes, opaque
 * cursors).
 */
export class RegistryHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: PaginationLimits,
  ) {}

  /** One page of versions, newest first (extraction date, then id). */
  async versions(first: number | null | undefined, after: string | null | undefined): Promise<HistoryPage<RegistryVersionEntity>> {
    const size = parsePageSize(first, this.limits);
    const key = parseVersionCursor(after);
    const builder = this.dataSource
      .getRepository(RegistryVersionEntity)
      .createQueryBuilder('v')
      .orderBy('v.publishedOn', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(size + 1);
    if (key) builder.where('(v.publishedOn < :publishedOn OR (v.publishedOn = :publishedOn AND v.id < :id))', key);
    const { items, hasNextPage } = slicePage(await builder.getMany(), size);
    return pageOf(items, hasNextPage, (version) => encodeVersionCursor(version));
  }

  /** One page of a version's changes in INPE order, of one kind when asked; an unknown version is `NOT_FOUND`. */
  async changes(
    versionId: string,
    kind: RegistryChangeKind | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<HistoryPage<ChangeView>> {
    const request = parsePageRequest(first, after, this.limits);
    if (!isVersionId(versionId)) {
      throw appError('INVALID_VALUE', { field: 'versionId', expected: 'the id of a registry version (INPE-YYYY-MM-DD)' });
    }
    const version = await this.dataSource.getRepository(RegistryVersionEntity).findOne({ where: { id: versionId }, select: { id: true } });
    if (!version) throw appError('IMPORT_VERSION_NOT_FOUND');
    const builder = this.dataSource
      .getRepository(RegistryChangeEntity)
      .createQueryBuilder('c')
      .where('c.versionId = :versionId', { versionId })
      .orderBy('c.inpe', 'ASC')
      .limit(request.size + 1);
    if (kind) builder.andWhere('c.kind = :kind', { kind });
    if (request.afterInpe) builder.andWhere('c.inpe > :after', { after: request.afterInpe });
    const { items, hasNextPage } = slicePage(await builder.getMany(), request.size);
    const views = items.map((change) => ({
      inpe: change.inpe,
      kind: change.kind as RegistryChangeKindValue,
      changedFields: change.changedFields.split(',').filter(Boolean),
      before: change.before === null ? null : entryOf(change.before),
      after: entryOf(change.after),
    }));
    return pageOf(views, hasNextPage, (change) => encodeCursor(change.inpe));
  }
}

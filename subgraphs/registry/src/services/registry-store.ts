import { typesDeclaredSince } from '../rules/foreign-types';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { RegisteredSubgraphEntity } from '../entities/registered-subgraph.entity';
import { SubgraphVersionEntity } from '../entities/subgraph-version.entity';
import { SupergraphVersionEntity } from '../entities/supergraph-version.entity';
import type { Member } from './supergraph-composer';

/** A supergraph version without its number: the store numbers it. */
export type NewSupergraph = Omit<SupergraphVersionEntity, 'version'>;

/** Everything one change writes, in one transaction. */
export interface RegistryChange {
  /** The latest supergraph version the change was composed on (0: none yet). */
  composedOn: number;
  subgraphs: RegisteredSubgraphEntity[];
  versions: SubgraphVersionEntity[];
  supergraph: NewSupergraph;
}

/** Another change landed between composing and committing: compose again on the new latest. */
export class StaleSupergraphError extends Error {
  constructor() {
    super('another change composed a supergraph meanwhile');
  }
}

/** The registry's reads and writes; every write of a change in one transaction. */
export class RegistryStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The highest supergraph version, the one every gateway serves; null before the first. */
  latestSupergraph(): Promise<SupergraphVersionEntity | null> {
    return this.dataSource.getRepository(SupergraphVersionEntity).findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** The supergraph versions, newest first. */
  supergraphs(limit: number, subgraph?: string): Promise<SupergraphVersionEntity[]> {
    return this.dataSource.getRepository(SupergraphVersionEntity).find({
      where: subgraph ? { subgraph } : {},
      order: { version: 'DESC' },
      take: limit,
      select: ['version', 'sha256', 'cause', 'subgraph', 'subgraphVersion', 'composedByClient', 'composedByOrg', 'requestId', 'composedAt'],
    });
  }

  /**
   * The supergraph versions an organisation's changes (publishes, rollbacks,
   * retirements; not the build's) made since a time (ISO), and when the
   * oldest of them was made.
   */
  async changesBy(org: string, sinceIso: string): Promise<{ count: number; oldest: string | null }> {
    const row = await this.dataSource
      .getRepository(SupergraphVersionEntity)
      .createQueryBuilder('s')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(s.composedAt)', 'oldest')
      .where('s.composedByOrg = :org AND s.composedAt >= :since AND s.cause <> :build', { org, since: sinceIso, build: 'BUILD' })
      .getRawOne<{ count: number | string; oldest: string | null }>();
    return { count: Number(row?.count ?? 0), oldest: row?.oldest ?? null };
  }

  /** One supergraph version, with its SDL and access matrix. */
  supergraph(version: number): Promise<SupergraphVersionEntity | null> {
    return this.dataSource.getRepository(SupergraphVersionEntity).findOne({ where: { version } });
  }

  subgraph(name: string): Promise<RegisteredSubgraphEntity | null> {
    return this.dataSource.getRepository(RegisteredSubgraphEntity).findOne({ where: { name } });
  }

  /** Every subgraph the registry knows, retired ones included, by name. */
  subgraphs(): Promise<RegisteredSubgraphEntity[]> {
    return this.dataSource.getRepository(RegisteredSubgraphEntity).find({ order: { name: 'ASC' } });
  }

  /** A subgraph's versions, newest first. */
  versions(name: string, limit: number): Promise<SubgraphVersionEntity[]> {
    return this.dataSource
      .getRepository(SubgraphVersionEntity)
      .find({ where: { subgraph: name }, order: { version: 'DESC' }, take: limit });
  }

  version(name: string, version: number): Promise<SubgraphVersionEntity | null> {
    return this.dataSource.getRepository(SubgraphVersionEntity).findOne({ where: { subgraph: name, version } });
  }

  /** The subgraphs the supergraph composes now, each at its current version, with since when it has declared each type it serves. */
  async members(): Promise<Member[]> {
    const subgraphs = (await this.subgraphs()).filter((s) => s.currentVersion !== null);
    if (subgraphs.length === 0) return [];
    const versions = await this.dataSource
      .getRepository(SubgraphVersionEntity)
      .find({ where: { subgraph: In(subgraphs.map((s) => s.name)) } });
    return subgraphs.flatMap((s) => {
      const own = versions.filter((v) => v.subgraph === s.name);
      const current = own.find((v) => v.version === s.currentVersion);
      return current
        ? [
            {
              name: s.name,
              owner: s.owner,
              version: current.version,
              routingUrl: current.routingUrl,
              sdl: current.sdl,
              createdAt: s.createdAt,
              typesSince: typesDeclaredSince(own, s.currentVersion),
            },
          ]
        : [];
    });
  }

  /** Which of these coordinates had traffic on or after a day (`YYYY-MM-DD`, UTC), over every gateway. */
  async usedCoordinates(coordinates: readonly string[], sinceDay: string): Promise<Set<string>> {
    const used = new Set<string>();
    const postgres = this.dataSource.options.type === 'postgres';
    // Bounded batches: a retirement may reach many fields.
    for (let start = 0; start < coordinates.length; start += 500) {
      const batch = coordinates.slice(start, start + 500);
      const list = batch.map((_, i) => (postgres ? `$${i + 2}` : '?')).join(', ');
      const rows = (await this.dataSource.query(
        `SELECT DISTINCT coordinate FROM registry_field_usage WHERE day >= ${postgres ? '$1' : '?'} AND requests > 0 AND coordinate IN (${list})`,
        [sinceDay, ...batch],
      )) as { coordinate: string }[];
      for (const row of rows) used.add(row.coordinate);
    }
    return used;
  }

  /**
   * Writes a change: the subgraphs' rows, the new SDL versions and the next
   * supergraph version, in one transaction, only if no other change landed
   * since it was composed (`StaleSupergraphError` otherwise, nothing written).
   * Returns the supergraph version written.
   */
  async commit(change: RegistryChange): Promise<number> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const latest = await this.latestIn(manager);
        if (latest !== change.composedOn) throw new StaleSupergraphError();
        const version = latest + 1;
        // The key (version) refuses a second writer composing on the same latest: it retries.
        await manager.getRepository(SupergraphVersionEntity).insert({ ...change.supergraph, version });
        for (const subgraph of change.subgraphs) await manager.getRepository(RegisteredSubgraphEntity).save(subgraph);
        if (change.versions.length > 0) await manager.getRepository(SubgraphVersionEntity).insert(change.versions);
        return version;
      });
    } catch (error) {
      if (error instanceof StaleSupergraphError) throw error;
      // A key collision with another registry's commit reads as a new latest.
      if ((await this.latestIn(this.dataSource.manager)) !== change.composedOn) throw new StaleSupergraphError();
      throw error;
    }
  }

  private async latestIn(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query('SELECT MAX(version) AS latest FROM registry_supergraph')) as { latest: number | string | null }[];
    return Number(row?.latest ?? 0);
  }
}

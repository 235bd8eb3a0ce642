import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { FieldUsageEntity } from './entities/field-usage.entity';
import { RegisteredSubgraphEntity } from './entities/registered-subgraph.entity';
import { SubgraphVersionEntity } from './entities/subgraph-version.entity';
import { SupergraphVersionEntity } from './entities/supergraph-version.entity';
import { InitialRegistry1768000000000 } from './migrations/1768000000000-initial-registry';

/** Every entity of the registry. */
export const REGISTRY_ENTITIES = [RegisteredSubgraphEntity, SubgraphVersionEntity, SupergraphVersionEntity, FieldUsageEntity];

/** The registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function registryDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, { entities: REGISTRY_ENTITIES, migrations: [InitialRegistry1768000000000] });
}

import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { AffiliationBatchEntity } from './entities/affiliation-batch.entity';
import { AffiliationEntity } from './entities/affiliation.entity';
import { CareRelationshipEntity } from './entities/care-relationship.entity';
import { PersonEntity } from './entities/person.entity';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';
import { CareRelationship1766000000000 } from './migrations/1766000000000-care-relationship';
import { IdempotencyPerOrganisation1767000000000 } from './migrations/1767000000000-idempotency-per-organisation';

/** The registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function beneficiariesDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [PersonEntity, AffiliationEntity, AffiliationBatchEntity, CareRelationshipEntity],
    migrations: [InitialRegistry1764000000000, CareRelationship1766000000000, IdempotencyPerOrganisation1767000000000],
  });
}

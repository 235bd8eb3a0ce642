import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { AffiliationBatchEntity } from './entities/affiliation-batch.entity';
import { AffiliationEntity } from './entities/affiliation.entity';
import { CareRelationshipEntity } from './entities/care-relationship.entity';
import { IdentityConflictEntity } from './entities/identity-conflict.entity';
import { IndicatorCountEntity } from './entities/indicator-count.entity';
import { PersonEntity } from './entities/person.entity';
import { InitialRegistry1764000000000 } from './migrations/1764000000000-initial-registry';
import { CareRelationship1766000000000 } from './migrations/1766000000000-care-relationship';
import { IdempotencyPerOrganisation1767000000000 } from './migrations/1767000000000-idempotency-per-organisation';
import { IdentityConflict1767000000100 } from './migrations/1767000000100-identity-conflict';
import { CareRelationshipExpiry1767000000200 } from './migrations/1767000000200-care-relationship-expiry';
import { Indicators1768000000000 } from './migrations/1768000000000-indicators';

/** The registry's data source: the same entities and migrations on PostgreSQL and SQLite. */
export function beneficiariesDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: [
      PersonEntity,
      AffiliationEntity,
      AffiliationBatchEntity,
      CareRelationshipEntity,
      IdentityConflictEntity,
      IndicatorCountEntity,
    ],
    migrations: [
      InitialRegistry1764000000000,
      CareRelationship1766000000000,
      IdempotencyPerOrganisation1767000000000,
      IdentityConflict1767000000100,
      CareRelationshipExpiry1767000000200,
      Indicators1768000000000,
    ],
  });
}

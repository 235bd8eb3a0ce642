import { createDataSource, type DatabaseConfig } from '@cmb/kit';
import type { DataSource } from 'typeorm';
import { LongTermIllnessEntity } from './entities/long-term-illness.entity';
import { PathwayExceptionEntity } from './entities/pathway-exception.entity';
import { PathwayWriteEntity } from './entities/pathway-write.entity';
import { PcsEnrolmentEntity } from './entities/pcs-enrolment.entity';
import { PriorApprovalEntity } from './entities/prior-approval.entity';
import { ReferralEntity } from './entities/referral.entity';
import { ReferringDoctorEntity } from './entities/referring-doctor.entity';
import { InitialPathways1764000000400 } from './migrations/1764000000400-initial-pathways';
import { PathwayWrites1767000000400 } from './migrations/1767000000400-pathway-writes';

/** Every entity of the care-pathways subgraph, for the data source and the store. */
export const CARE_PATHWAYS_ENTITIES = [
  ReferringDoctorEntity,
  LongTermIllnessEntity,
  PcsEnrolmentEntity,
  ReferralEntity,
  PathwayExceptionEntity,
  PriorApprovalEntity,
  PathwayWriteEntity,
];

/** The care-pathways data source: the same entities and migrations on PostgreSQL and SQLite. */
export function carePathwaysDataSource(database: DatabaseConfig): DataSource {
  return createDataSource(database, {
    entities: CARE_PATHWAYS_ENTITIES,
    migrations: [InitialPathways1764000000400, PathwayWrites1767000000400],
  });
}

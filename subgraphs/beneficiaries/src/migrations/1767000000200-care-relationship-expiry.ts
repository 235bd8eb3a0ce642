import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes `care_relationship` by the day of the last check, so the recorder
 * purges expired relationships in bounded batches without scanning the
 * table. Table API, so one migration serves PostgreSQL and SQLite.
 */
export class CareRelationshipExpiry1767000000200 implements MigrationInterface {
  name = 'CareRelationshipExpiry1767000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'care_relationship',
      new TableIndex({ name: 'care_relationship_last_check_idx', columnNames: ['last_check_on'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('care_relationship', 'care_relationship_last_check_idx');
  }
}

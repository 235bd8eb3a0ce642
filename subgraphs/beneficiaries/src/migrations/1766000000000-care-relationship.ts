import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Adds `care_relationship`: the last day each establishment or professional
 * checked a person's eligibility, one row per (person, organisation), the
 * pair being the primary key (the upsert's conflict target). No foreign key:
 * rows are written in background batches, and a batch must never fail on one
 * row. Table API, so one migration serves PostgreSQL and SQLite.
 */
export class CareRelationship1766000000000 implements MigrationInterface {
  name = 'CareRelationship1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'care_relationship',
        columns: [
          { name: 'person_ref', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org', type: 'varchar', length: '16', isPrimary: true },
          { name: 'last_check_on', type: 'date' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('care_relationship');
  }
}

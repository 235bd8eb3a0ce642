import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes `break_glass_access` by request id: ANAM's officers read the
 * justification of the break-glass events of their review queue by the
 * request that broke the glass. Table API, so one migration serves
 * PostgreSQL and SQLite.
 */
export class JustificationByRequest1768000000000 implements MigrationInterface {
  name = 'JustificationByRequest1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'break_glass_access',
      new TableIndex({ name: 'break_glass_access_request_idx', columnNames: ['request_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('break_glass_access', 'break_glass_access_request_idx');
  }
}

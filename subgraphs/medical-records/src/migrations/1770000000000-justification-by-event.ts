import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Files each break-glass access under the audit event of its request, an id
 * the gateway mints per request and signs in the caller context
 * (`caller.eventId`): the request id is the client's choice, and a client
 * reusing one joined the words of two accesses under each event. Rows
 * written before have none and are still found by request id and client.
 * Table API, so one migration serves PostgreSQL and SQLite.
 */
export class JustificationByEvent1770000000000 implements MigrationInterface {
  name = 'JustificationByEvent1770000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'break_glass_access',
      new TableColumn({ name: 'event_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createIndex(
      'break_glass_access',
      new TableIndex({ name: 'break_glass_access_event_idx', columnNames: ['event_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('break_glass_access', 'break_glass_access_event_idx');
    await queryRunner.dropColumn('break_glass_access', 'event_id');
  }
}

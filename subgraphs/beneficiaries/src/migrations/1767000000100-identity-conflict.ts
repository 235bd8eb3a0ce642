import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Adds `identity_conflict`: batch rows whose identity differs from the
 * registry's, queued for ANAM's review (what the row said where it differs,
 * which OG, when). Indexed for the newest-first review listing. Table API, so
 * one migration serves PostgreSQL and SQLite.
 */
export class IdentityConflict1767000000100 implements MigrationInterface {
  name = 'IdentityConflict1767000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'identity_conflict',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_ref', type: 'varchar', length: '36' },
          { name: 'organism', type: 'varchar', length: '16' },
          { name: 'idempotency_key', type: 'varchar', length: '128' },
          { name: 'row_index', type: 'integer' },
          { name: 'differs', type: 'varchar', length: '64' },
          { name: 'first_name', type: 'varchar', length: '80', isNullable: true },
          { name: 'last_name', type: 'varchar', length: '80', isNullable: true },
          { name: 'birth_date', type: 'date', isNullable: true },
          { name: 'sex', type: 'varchar', length: '1', isNullable: true },
          { name: 'received_at', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ name: 'identity_conflict_received_idx', columnNames: ['received_at', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('identity_conflict');
  }
}

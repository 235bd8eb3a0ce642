import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Adds the person's consent and the break-glass log: a `masked` flag on
 * document pointers, `consent_block` (a person blocks an establishment or a
 * professional by INPE) and `break_glass_access` (every emergency access,
 * the flag for the officers' review and the notice for the patient). Table
 * API, so one migration serves PostgreSQL and SQLite.
 */
export class ConsentAndBreakGlass1766000000000 implements MigrationInterface {
  name = 'ConsentAndBreakGlass1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ALTER: the same statement on both engines, and neither copies the table (TypeORM's addColumn rebuilds it on SQLite).
    await queryRunner.query('ALTER TABLE document_pointer ADD COLUMN masked boolean NOT NULL DEFAULT false');
    await queryRunner.createTable(
      new Table({
        name: 'consent_block',
        columns: [
          { name: 'person_ref', type: 'varchar', length: '36', isPrimary: true },
          { name: 'blocked_inpe', type: 'varchar', length: '16', isPrimary: true },
          { name: 'since', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'break_glass_access',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_ref', type: 'varchar', length: '36' },
          { name: 'org', type: 'varchar', length: '16' },
          { name: 'client_id', type: 'varchar', length: '100' },
          { name: 'token_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'justification', type: 'varchar', length: '2000' },
          { name: 'accessed_at', type: 'varchar', length: '30' },
          { name: 'reviewed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'reviewer', type: 'varchar', length: '100', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'break_glass_access_person_idx', columnNames: ['person_ref', 'accessed_at'] }),
          new TableIndex({ name: 'break_glass_access_review_idx', columnNames: ['reviewed_at', 'accessed_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('break_glass_access');
    await queryRunner.dropTable('consent_block');
    await queryRunner.query('ALTER TABLE document_pointer DROP COLUMN masked');
  }
}

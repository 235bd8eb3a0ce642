import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Creates the registry tables; written with TypeORM's table API so one migration serves PostgreSQL and SQLite. */
export class InitialRegistry1764000000000 implements MigrationInterface {
  name = 'InitialRegistry1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          { name: 'ref', type: 'varchar', length: '36', isPrimary: true },
          { name: 'national_id_scheme', type: 'varchar', length: '16' },
          { name: 'national_id', type: 'varchar', length: '32' },
          { name: 'first_name', type: 'varchar', length: '80' },
          { name: 'last_name', type: 'varchar', length: '80' },
          { name: 'birth_date', type: 'date' },
          { name: 'sex', type: 'varchar', length: '1' },
        ],
        indices: [new TableIndex({ name: 'person_national_id_uq', columnNames: ['national_id'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'affiliation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_ref', type: 'varchar', length: '36' },
          { name: 'organism', type: 'varchar', length: '16' },
          { name: 'regime', type: 'varchar', length: '32' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'insured_ref', type: 'varchar', length: '36' },
          { name: 'member_number', type: 'varchar', length: '32' },
          { name: 'valid_from', type: 'date' },
          { name: 'valid_until', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'suspension_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'student', type: 'boolean', default: 'false' },
          { name: 'disabled', type: 'boolean', default: 'false' },
          { name: 'migrated', type: 'boolean', default: 'false' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [{ columnNames: ['person_ref'], referencedTableName: 'person', referencedColumnNames: ['ref'] }],
        indices: [
          new TableIndex({ name: 'affiliation_person_idx', columnNames: ['person_ref'] }),
          new TableIndex({ name: 'affiliation_insured_idx', columnNames: ['insured_ref'] }),
          new TableIndex({ name: 'affiliation_natural_uq', columnNames: ['person_ref', 'organism', 'regime'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'affiliation_batch',
        columns: [
          { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'organism', type: 'varchar', length: '16' },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'result_json', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('affiliation_batch');
    await queryRunner.dropTable('affiliation');
    await queryRunner.dropTable('person');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Creates the claim files and their care sheets; TypeORM's table API, so one migration serves PostgreSQL and SQLite. */
export class InitialClaims1768100000000 implements MigrationInterface {
  name = 'InitialClaims1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'claim_file',
        columns: [
          { name: 'file_number', type: 'varchar', length: '32', isPrimary: true },
          { name: 'person_ref', type: 'varchar', length: '36' },
          { name: 'received_on', type: 'date' },
          { name: 'first_care_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'amount_claimed_centimes', type: 'integer' },
          { name: 'amount_reimbursed_centimes', type: 'integer', isNullable: true },
          { name: 'reimbursed_on', type: 'date', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'claim_file_person_idx', columnNames: ['person_ref'] }),
          // The overdue list: open files by receipt date, paged by file number.
          new TableIndex({ name: 'claim_file_open_idx', columnNames: ['status', 'received_on', 'file_number'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'care_sheet',
        columns: [
          { name: 'sheet_number', type: 'varchar', length: '40', isPrimary: true },
          { name: 'file_number', type: 'varchar', length: '32' },
          { name: 'care_type', type: 'varchar', length: '32' },
          { name: 'provider_inpe', type: 'varchar', length: '16' },
          { name: 'care_date', type: 'date' },
          { name: 'amount_claimed_centimes', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'care_sheet_file_idx', columnNames: ['file_number'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('care_sheet');
    await queryRunner.dropTable('claim_file');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Creates the document-pointer registry; written with TypeORM's table API so one migration serves PostgreSQL and SQLite. */
export class InitialRecords1764500000000 implements MigrationInterface {
  name = 'InitialRecords1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'document_pointer',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_ref', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'author_inpe', type: 'varchar', length: '16' },
          { name: 'custodian_inpe', type: 'varchar', length: '16' },
          { name: 'repository_url', type: 'varchar', length: '2048' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'size_bytes', type: 'integer' },
          { name: 'mime_type', type: 'varchar', length: '127' },
          { name: 'confidentiality', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'supersedes', type: 'varchar', length: '36', isNullable: true },
          { name: 'service_date', type: 'date' },
          { name: 'registered_at', type: 'varchar', length: '30' },
          { name: 'status_changed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'withdrawal_reason', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['supersedes'], referencedTableName: 'document_pointer', referencedColumnNames: ['id'] }],
        indices: [
          new TableIndex({ name: 'document_pointer_person_idx', columnNames: ['person_ref', 'status', 'service_date'] }),
          new TableIndex({ name: 'document_pointer_supersedes_uq', columnNames: ['supersedes'], isUnique: true }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('document_pointer');
  }
}

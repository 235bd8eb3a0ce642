import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Versions loaded from ANAM's files: each version's counts, who loaded it,
 * the file's hash and whether it was rolled back; the diff each kept
 * (`registry_change`). Table API, so one migration serves PostgreSQL and SQLite.
 */
export class RegistryImport1764200000000 implements MigrationInterface {
  name = 'RegistryImport1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('registry_version', [
      new TableColumn({ name: 'status', type: 'varchar', length: '16', default: "'CURRENT'" }),
      new TableColumn({ name: 'added_count', type: 'integer', default: 0 }),
      new TableColumn({ name: 'changed_count', type: 'integer', default: 0 }),
      new TableColumn({ name: 'withdrawn_count', type: 'integer', default: 0 }),
      new TableColumn({ name: 'loaded_by', type: 'varchar', length: '64', default: "'seed'" }),
      new TableColumn({ name: 'file_sha256', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'rolled_back_at', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'rolled_back_by', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'registry_version',
      new TableIndex({ name: 'registry_version_status_idx', columnNames: ['status', 'published_on'] }),
    );
    await queryRunner.createIndex(
      'registry_version',
      new TableIndex({ name: 'registry_version_sha256_uq', columnNames: ['file_sha256'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registry_change',
        columns: [
          { name: 'version_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'inpe', type: 'varchar', length: '16', isPrimary: true },
          { name: 'change_kind', type: 'varchar', length: '16' },
          { name: 'changed_fields', type: 'varchar', length: '200' },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text' },
        ],
        foreignKeys: [{ columnNames: ['version_id'], referencedTableName: 'registry_version', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'registry_change_kind_idx', columnNames: ['version_id', 'change_kind', 'inpe'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('registry_change');
    await queryRunner.dropIndex('registry_version', 'registry_version_sha256_uq');
    await queryRunner.dropIndex('registry_version', 'registry_version_status_idx');
    for (const column of [
      'rolled_back_by',
      'rolled_back_at',
      'file_sha256',
      'loaded_by',
      'withdrawn_count',
      'changed_count',
      'added_count',
      'status',
    ]) {
      await queryRunner.dropColumn('registry_version', column);
    }
  }
}

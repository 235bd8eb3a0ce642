import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Imports of new GMR versions: one row per imported version (`gmr_import`),
 * its diff (`gmr_change`), and one version per effective date (a unique
 * index, so two versions can never take effect on the same day). New tables
 * and an index only: the existing tables are left as they are.
 */
export class GmrImports1768000000000 implements MigrationInterface {
  name = 'GmrImports1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const binary = queryRunner.connection.driver.options.type === 'postgres' ? { collation: 'C' } : {};
    await queryRunner.createIndex(
      'gmr_version',
      new TableIndex({ name: 'gmr_version_valid_from_uq', columnNames: ['valid_from'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gmr_import',
        columns: [
          { name: 'gmr_version', type: 'varchar', length: '16', isPrimary: true },
          { name: 'source_digest', type: 'varchar', length: '64' },
          { name: 'imported_at', type: 'varchar', length: '30' },
          { name: 'imported_by', type: 'varchar', length: '80' },
          { name: 'replaces_version', type: 'varchar', length: '16', isNullable: true },
          { name: 'replaced_valid_until', type: 'date', isNullable: true },
          { name: 'medicine_count', type: 'integer' },
          { name: 'added_count', type: 'integer' },
          { name: 'changed_count', type: 'integer' },
          { name: 'withdrawn_count', type: 'integer' },
        ],
        foreignKeys: [{ columnNames: ['gmr_version'], referencedTableName: 'gmr_version', referencedColumnNames: ['code'] }],
        indices: [new TableIndex({ name: 'gmr_import_digest_idx', columnNames: ['source_digest'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gmr_change',
        columns: [
          { name: 'gmr_version', type: 'varchar', length: '16', isPrimary: true },
          { name: 'ean13', type: 'varchar', length: '13', isPrimary: true, ...binary },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'fields', type: 'varchar', length: '200' },
        ],
        checks: [{ name: 'gmr_change_kind_ck', expression: `"kind" IN ('ADDED', 'CHANGED', 'WITHDRAWN')` }],
        foreignKeys: [{ columnNames: ['gmr_version'], referencedTableName: 'gmr_version', referencedColumnNames: ['code'] }],
        indices: [new TableIndex({ name: 'gmr_change_kind_idx', columnNames: ['gmr_version', 'kind', 'ean13'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('gmr_change');
    await queryRunner.dropTable('gmr_import');
    await queryRunner.dropIndex('gmr_version', 'gmr_version_valid_from_uq');
  }
}

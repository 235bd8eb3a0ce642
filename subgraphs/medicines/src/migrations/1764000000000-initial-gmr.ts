import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Creates the GMR tables; written with TypeORM's table API so one migration
 * serves PostgreSQL and SQLite. Search keys and codes use binary collation
 * ("C" on PostgreSQL, SQLite's default BINARY) so that a prefix search is an
 * index range scan whatever the cluster's locale.
 */
export class InitialGmr1764000000000 implements MigrationInterface {
  name = 'InitialGmr1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const binary = queryRunner.connection.driver.options.type === 'postgres' ? { collation: 'C' } : {};
    await queryRunner.createTable(
      new Table({
        name: 'gmr_version',
        columns: [
          { name: 'code', type: 'varchar', length: '16', isPrimary: true },
          { name: 'published_on', type: 'date' },
          { name: 'valid_from', type: 'date' },
          { name: 'valid_until', type: 'date', isNullable: true },
        ],
        checks: [{ name: 'gmr_version_period_ck', expression: '"valid_until" IS NULL OR "valid_until" >= "valid_from"' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gmr_medicine',
        columns: [
          { name: 'gmr_version', type: 'varchar', length: '16', isPrimary: true },
          { name: 'ean13', type: 'varchar', length: '13', isPrimary: true, ...binary },
          { name: 'dci', type: 'varchar', length: '160' },
          { name: 'brand', type: 'varchar', length: '120' },
          { name: 'form', type: 'varchar', length: '80' },
          { name: 'dosage', type: 'varchar', length: '60' },
          { name: 'presentation', type: 'varchar', length: '120' },
          { name: 'public_price_centimes', type: 'integer' },
          { name: 'pbr_centimes', type: 'integer' },
          { name: 'generic', type: 'boolean' },
          { name: 'reimbursable', type: 'boolean' },
          { name: 'princeps_ean13', type: 'varchar', length: '13', isNullable: true },
          { name: 'therapeutic_class', type: 'varchar', length: '120', isNullable: true },
          { name: 'brand_key', type: 'varchar', length: '120', ...binary },
          { name: 'dci_key', type: 'varchar', length: '160', ...binary },
        ],
        checks: [{ name: 'gmr_medicine_prices_ck', expression: '"public_price_centimes" >= 0 AND "pbr_centimes" >= 0' }],
        foreignKeys: [{ columnNames: ['gmr_version'], referencedTableName: 'gmr_version', referencedColumnNames: ['code'] }],
        indices: [
          new TableIndex({ name: 'gmr_medicine_ean13_idx', columnNames: ['ean13'] }),
          new TableIndex({ name: 'gmr_medicine_brand_key_idx', columnNames: ['gmr_version', 'brand_key', 'ean13'] }),
          new TableIndex({ name: 'gmr_medicine_dci_key_idx', columnNames: ['gmr_version', 'dci_key'] }),
          new TableIndex({ name: 'gmr_medicine_princeps_idx', columnNames: ['gmr_version', 'princeps_ean13'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('gmr_medicine');
    await queryRunner.dropTable('gmr_version');
  }
}

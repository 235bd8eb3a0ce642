import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Creates the INPE registry tables; written with TypeORM's table API so one migration serves PostgreSQL and SQLite. */
export class InitialProviderRegistry1764100000000 implements MigrationInterface {
  name = 'InitialProviderRegistry1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'registry_version',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'published_on', type: 'date' },
          { name: 'provider_count', type: 'integer' },
          { name: 'loaded_at', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ name: 'registry_version_published_idx', columnNames: ['published_on'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'provider',
        columns: [
          { name: 'inpe', type: 'varchar', length: '16', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'specialty', type: 'varchar', length: '48', isNullable: true },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'sector', type: 'varchar', length: '8' },
          { name: 'region', type: 'varchar', length: '8' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'active_from', type: 'date' },
          { name: 'active_until', type: 'date', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({ name: 'provider_region_idx', columnNames: ['region', 'inpe'] }),
          new TableIndex({ name: 'provider_category_idx', columnNames: ['category', 'inpe'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'convention',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'provider_inpe', type: 'varchar', length: '16' },
          { name: 'organism', type: 'varchar', length: '16' },
          { name: 'valid_from', type: 'date' },
          { name: 'valid_until', type: 'date', isNullable: true },
          { name: 'payment_mode', type: 'varchar', length: '16' },
        ],
        foreignKeys: [{ columnNames: ['provider_inpe'], referencedTableName: 'provider', referencedColumnNames: ['inpe'] }],
        indices: [
          new TableIndex({ name: 'convention_provider_idx', columnNames: ['provider_inpe'] }),
          new TableIndex({ name: 'convention_natural_uq', columnNames: ['provider_inpe', 'organism', 'valid_from'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'attachment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'professional_inpe', type: 'varchar', length: '16' },
          { name: 'establishment_inpe', type: 'varchar', length: '16' },
          { name: 'valid_from', type: 'date' },
          { name: 'valid_until', type: 'date', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['professional_inpe'], referencedTableName: 'provider', referencedColumnNames: ['inpe'] },
          { columnNames: ['establishment_inpe'], referencedTableName: 'provider', referencedColumnNames: ['inpe'] },
        ],
        indices: [
          new TableIndex({ name: 'attachment_professional_idx', columnNames: ['professional_inpe'] }),
          new TableIndex({ name: 'attachment_establishment_idx', columnNames: ['establishment_inpe'] }),
          new TableIndex({
            name: 'attachment_natural_uq',
            columnNames: ['professional_inpe', 'establishment_inpe', 'valid_from'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('attachment');
    await queryRunner.dropTable('convention');
    await queryRunner.dropTable('provider');
    await queryRunner.dropTable('registry_version');
  }
}

import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Payment terms per care type (R7, domain.md: which payment mode applies per
 * provider, OG and care type is reference data): a convention may name the
 * care type its terms apply to; null keeps them for every care type. The
 * natural key takes the care type. Table API, so one migration serves
 * PostgreSQL and SQLite.
 */
export class ConventionCareType1768000000000 implements MigrationInterface {
  name = 'ConventionCareType1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('convention', new TableColumn({ name: 'care_type', type: 'varchar', length: '32', isNullable: true }));
    await queryRunner.dropIndex('convention', 'convention_natural_uq');
    await queryRunner.createIndex(
      'convention',
      new TableIndex({
        name: 'convention_natural_uq',
        columnNames: ['provider_inpe', 'organism', 'care_type', 'valid_from'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('convention', 'convention_natural_uq');
    await queryRunner.dropColumn('convention', 'care_type');
    await queryRunner.createIndex(
      'convention',
      new TableIndex({ name: 'convention_natural_uq', columnNames: ['provider_inpe', 'organism', 'valid_from'], isUnique: true }),
    );
  }
}

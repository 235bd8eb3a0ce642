import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The regulator's indicators: `person.region` (one of the twelve regions of
 * the reference list; null when the identity source gave none) and
 * `indicator_count`, daily counts of the registry's own events (eligibility
 * decisions by outcome and regime, double registrations refused by the a
 * priori control), never a person. Table API, so one migration serves
 * PostgreSQL and SQLite.
 */
export class Indicators1768000000000 implements MigrationInterface {
  name = 'Indicators1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('person', new TableColumn({ name: 'region', type: 'varchar', length: '8', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'indicator_count',
        columns: [
          { name: 'indicator', type: 'varchar', length: '40', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'first_value', type: 'varchar', length: '40', isPrimary: true },
          { name: 'second_value', type: 'varchar', length: '40', isPrimary: true },
          { name: 'occurrences', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('indicator_count');
    await queryRunner.dropColumn('person', 'region');
  }
}

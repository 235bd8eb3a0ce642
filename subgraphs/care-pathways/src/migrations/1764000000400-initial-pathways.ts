import { type MigrationInterface, type QueryRunner, Table, TableIndex, type TableColumnOptions } from 'typeorm';

const ID: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const PERSON_REF: TableColumnOptions = { name: 'person_ref', type: 'varchar', length: '36' };
const VALID_FROM: TableColumnOptions = { name: 'valid_from', type: 'date' };
const VALID_UNTIL: TableColumnOptions = { name: 'valid_until', type: 'date', isNullable: true };

/** A per-person table: every lookup is by `person_ref`, so each table has that index. */
function personTable(name: string, columns: TableColumnOptions[]): Table {
  return new Table({
    name,
    columns: [ID, PERSON_REF, ...columns],
    indices: [new TableIndex({ name: `${name}_person_idx`, columnNames: ['person_ref'] })],
  });
}

/** Creates the care-pathways tables; written with TypeORM's table API so one migration serves PostgreSQL and SQLite. */
export class InitialPathways1764000000400 implements MigrationInterface {
  name = 'InitialPathways1764000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      personTable('referring_doctor', [
        { name: 'doctor_inpe', type: 'varchar', length: '16' },
        { name: 'organism', type: 'varchar', length: '16' },
        VALID_FROM,
        VALID_UNTIL,
      ]),
    );
    await queryRunner.createTable(
      personTable('long_term_illness', [
        { name: 'ald_code', type: 'varchar', length: '48' },
        { name: 'list_version', type: 'varchar', length: '32' },
        VALID_FROM,
        VALID_UNTIL,
      ]),
    );
    await queryRunner.createTable(
      personTable('pcs_enrolment', [
        { name: 'organism', type: 'varchar', length: '16' },
        { name: 'regime', type: 'varchar', length: '32' },
        { name: 'region_code', type: 'varchar', length: '8' },
        { name: 'pathology_code', type: 'varchar', length: '48' },
        { name: 'referring_doctor_inpe', type: 'varchar', length: '16' },
        VALID_FROM,
        VALID_UNTIL,
      ]),
    );
    await queryRunner.createTable(
      personTable('referral', [
        { name: 'from_inpe', type: 'varchar', length: '16' },
        { name: 'to_specialty', type: 'varchar', length: '48', isNullable: true },
        { name: 'to_inpe', type: 'varchar', length: '16', isNullable: true },
        { name: 'issued_on', type: 'date' },
        { name: 'valid_until', type: 'date' },
      ]),
    );
    await queryRunner.createTable(
      personTable('pathway_exception', [{ name: 'kind', type: 'varchar', length: '32' }, VALID_FROM, VALID_UNTIL]),
    );
    await queryRunner.createTable(
      personTable('prior_approval', [
        { name: 'organism', type: 'varchar', length: '16' },
        { name: 'care_type', type: 'varchar', length: '32' },
        { name: 'act_code', type: 'varchar', length: '32', isNullable: true },
        { name: 'status', type: 'varchar', length: '16' },
        VALID_FROM,
        VALID_UNTIL,
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['prior_approval', 'pathway_exception', 'referral', 'pcs_enrolment', 'long_term_illness', 'referring_doctor']) {
      await queryRunner.dropTable(table);
    }
  }
}

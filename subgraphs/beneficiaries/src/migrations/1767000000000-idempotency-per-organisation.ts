import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** `affiliation_batch` with the given primary key: the organisation that wrote and its key, or the key alone (before). */
function batchTable(name: string, scoped: boolean): Table {
  return new Table({
    name,
    columns: [
      ...(scoped ? [{ name: 'writer_org', type: 'varchar', length: '16', isPrimary: true }] : []),
      { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
      { name: 'organism', type: 'varchar', length: '16' },
      { name: 'content_hash', type: 'varchar', length: '64' },
      { name: 'result_json', type: 'text' },
      { name: 'created_at', type: 'varchar', length: '30' },
    ],
  });
}

/**
 * Scopes the idempotency keys of affiliation batches per organisation: the
 * primary key becomes (writer_org, idempotency_key), so one OG can no longer
 * occupy, block or replay another's key. Existing batches are kept, each
 * under the organism it was written for (until now an OG wrote only its
 * own). SQLite cannot change a primary key in place, so the table is rebuilt
 * the same way on both engines.
 */
export class IdempotencyPerOrganisation1767000000000 implements MigrationInterface {
  name = 'IdempotencyPerOrganisation1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(batchTable('affiliation_batch_scoped', true));
    await queryRunner.query(
      `INSERT INTO affiliation_batch_scoped (writer_org, idempotency_key, organism, content_hash, result_json, created_at)
       SELECT organism, idempotency_key, organism, content_hash, result_json, created_at FROM affiliation_batch`,
    );
    await queryRunner.dropTable('affiliation_batch');
    await queryRunner.renameTable('affiliation_batch_scoped', 'affiliation_batch');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(batchTable('affiliation_batch_unscoped', false));
    // A key two organisations used keeps its earliest batch.
    await queryRunner.query(
      `INSERT INTO affiliation_batch_unscoped (idempotency_key, organism, content_hash, result_json, created_at)
       SELECT b.idempotency_key, b.organism, b.content_hash, b.result_json, b.created_at FROM affiliation_batch b
       WHERE NOT EXISTS (SELECT 1 FROM affiliation_batch e WHERE e.idempotency_key = b.idempotency_key
                         AND (e.created_at < b.created_at OR (e.created_at = b.created_at AND e.writer_org < b.writer_org)))`,
    );
    await queryRunner.dropTable('affiliation_batch');
    await queryRunner.renameTable('affiliation_batch_unscoped', 'affiliation_batch');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const text = (name: string, length: number): TableColumn =>
  new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true });

/** Who recorded a row and with which request: the OG's code, the gateway request id, the time. */
const writerColumns = () => [text('recorded_by', 16), text('request_id', 64), text('recorded_at', 30)];

/**
 * The writes of care pathways: who recorded each referring doctor, illness
 * and referral (organism, gateway request id, time), the protocol attached to
 * an illness, a prior approval's request and decision (the establishment that
 * asked, the day planned, when and under which request it was asked and
 * decided, the reason of a refusal), and the first result of each write under
 * its writer's idempotency key. New columns are nullable: rows loaded before
 * (seed, earlier data) keep them empty. Written with TypeORM's table API so
 * one migration serves PostgreSQL and SQLite.
 */
export class PathwayWrites1767000000400 implements MigrationInterface {
  name = 'PathwayWrites1767000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('referring_doctor', writerColumns());
    await queryRunner.addColumns('referral', writerColumns());
    await queryRunner.addColumns('long_term_illness', [...writerColumns(), text('protocol_code', 48), text('protocol_version', 32)]);
    await queryRunner.addColumns('prior_approval', [
      new TableColumn({ name: 'planned_on', type: 'date', isNullable: true }),
      text('requested_by', 16),
      text('requested_at', 30),
      text('request_id', 64),
      text('decided_at', 30),
      text('decision_request_id', 64),
      text('refusal_reason', 48),
    ]);
    await queryRunner.createIndex(
      'prior_approval',
      new TableIndex({ name: 'prior_approval_organism_idx', columnNames: ['organism', 'requested_at'] }),
    );
    await queryRunner.createIndex(
      'prior_approval',
      new TableIndex({ name: 'prior_approval_requester_idx', columnNames: ['requested_by', 'requested_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'pathway_write',
        columns: [
          { name: 'writer_org', type: 'varchar', length: '16', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'operation', type: 'varchar', length: '32' },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'result_json', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pathway_write');
    await queryRunner.dropIndex('prior_approval', 'prior_approval_requester_idx');
    await queryRunner.dropIndex('prior_approval', 'prior_approval_organism_idx');
    for (const column of [
      'refusal_reason',
      'decision_request_id',
      'decided_at',
      'request_id',
      'requested_at',
      'requested_by',
      'planned_on',
    ])
      await queryRunner.dropColumn('prior_approval', column);
    for (const column of ['protocol_version', 'protocol_code', 'recorded_at', 'request_id', 'recorded_by'])
      await queryRunner.dropColumn('long_term_illness', column);
    for (const table of ['referral', 'referring_doctor'])
      for (const column of ['recorded_at', 'request_id', 'recorded_by']) await queryRunner.dropColumn(table, column);
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const TIMESTAMP = { type: 'varchar', length: '30' } as const;

/** The PostgreSQL group role of the gateways' logins to the registry's database (created by its administrator). */
export const REGISTRY_FOLLOWER_ROLE = 'cmb_registry_follower';

/**
 * Creates the registry's tables; written with TypeORM's table API so one
 * migration serves PostgreSQL and SQLite. The gateways read
 * `registry_supergraph` and add to `registry_field_usage` (upsert on its key).
 */
export class InitialRegistry1768000000000 implements MigrationInterface {
  name = 'InitialRegistry1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'registry_subgraph',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '32' },
          { name: 'current_version', type: 'integer', isNullable: true },
          { name: 'created_at', ...TIMESTAMP },
          { name: 'retired_at', ...TIMESTAMP, isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registry_subgraph_version',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subgraph', type: 'varchar', length: '40' },
          { name: 'version', type: 'integer' },
          { name: 'sdl', type: 'text' },
          { name: 'sdl_sha256', type: 'varchar', length: '64' },
          { name: 'routing_url', type: 'varchar', length: '512' },
          { name: 'published_by_client', type: 'varchar', length: '128' },
          { name: 'published_by_org', type: 'varchar', length: '32' },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'published_at', ...TIMESTAMP },
        ],
        indices: [new TableIndex({ name: 'registry_subgraph_version_uq', columnNames: ['subgraph', 'version'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registry_supergraph',
        columns: [
          // Versions are numbered by the registry (latest + 1): two registries composing at once collide on the key and retry.
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'sdl', type: 'text' },
          { name: 'members', type: 'text' },
          { name: 'access_matrix', type: 'text' },
          { name: 'cause', type: 'varchar', length: '16' },
          { name: 'subgraph', type: 'varchar', length: '40', isNullable: true },
          { name: 'subgraph_version', type: 'integer', isNullable: true },
          { name: 'composed_by_client', type: 'varchar', length: '128' },
          { name: 'composed_by_org', type: 'varchar', length: '32' },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'composed_at', ...TIMESTAMP },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registry_field_usage',
        columns: [
          { name: 'coordinate', type: 'varchar', length: '256', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'requests', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'registry_field_usage_day_idx', columnNames: ['day'] })],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      // The gateways' group role, when the database's administrator created it: it reads the supergraphs and adds usage counts, nothing else.
      await queryRunner.query(`DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REGISTRY_FOLLOWER_ROLE}') THEN
          GRANT SELECT ON registry_supergraph TO ${REGISTRY_FOLLOWER_ROLE};
          GRANT SELECT, INSERT, UPDATE ON registry_field_usage TO ${REGISTRY_FOLLOWER_ROLE};
        END IF;
      END $$`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['registry_field_usage', 'registry_supergraph', 'registry_subgraph_version', 'registry_subgraph']) {
      await queryRunner.dropTable(table);
    }
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, ENGINES } from '../../../../test/support/test-database';
import { openAuditDatabase, type AuditDatabase, type AuditDatabaseConfig } from '../../database';
import { migrateAuditStore } from '../../schema';

/** The stores every audit integration test runs on. */
export const AUDIT_ENGINES = ENGINES;

/** A migrated audit store for one test file, opened by its owner (a superuser on PostgreSQL). */
export interface AuditTestStore {
  engine: (typeof ENGINES)[number];
  config: AuditDatabaseConfig;
  db: AuditDatabase;
  /**
   * A connection as a new login of a group role (`cmb_audit_writer`...), to
   * act with that role's rights. SQLite has no roles: the owner's connection.
   */
  loginAs(group: string): Promise<AuditDatabase>;
  /** Empties the store (as only its owner can, triggers off) and restores its append-only triggers, for the next test. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

/** Creates and migrates an audit store; on PostgreSQL, with monthly partitions from `partitionsFrom`. */
export async function createAuditTestStore(
  engine: (typeof ENGINES)[number],
  label: string,
  options: { partitionsFrom?: Date } = {},
): Promise<AuditTestStore> {
  const database = await createTestDatabase(engine, label);
  const config: AuditDatabaseConfig = database.config.url ? { url: database.config.url } : { sqlitePath: database.config.sqlitePath };
  const db = openAuditDatabase(config);
  const migrate = () => migrateAuditStore(db, { from: options.partitionsFrom });
  await migrate();
  const logins: { name: string; db: AuditDatabase }[] = [];
  return {
    engine,
    config,
    db,
    async loginAs(group) {
      if (!config.url) return db;
      const name = `t_login_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      await db.execScript(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'; GRANT ${group} TO ${name}`);
      const url = new URL(config.url);
      url.username = name;
      url.password = password;
      const login = openAuditDatabase({ url: url.toString(), maxConnections: 1 });
      logins.push({ name, db: login });
      return login;
    },
    async reset() {
      const allowDeletes = config.url
        ? 'ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_delete;'
        : 'DROP TRIGGER IF EXISTS audit_checkpoint_no_delete;';
      await db.execScript(`${allowDeletes} DELETE FROM audit_event; DELETE FROM audit_checkpoint;`);
      await migrate();
    },
    async drop() {
      for (const login of logins) await login.db.close();
      await db.close();
      await database.drop();
      if (!config.url || logins.length === 0) return;
      const adminUrl = new URL(config.url);
      adminUrl.pathname = '/postgres';
      const admin = new Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      for (const login of logins) await admin.query(`DROP ROLE IF EXISTS ${login.name}`);
      await admin.end();
    },
  };
}

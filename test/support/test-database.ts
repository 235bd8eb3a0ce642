import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@cmb/kit';
import { Client } from 'pg';
import { inject, it } from 'vitest';

/** Database engines every subgraph is tested against. */
export const ENGINES = ['sqlite', 'postgres'] as const;

/** A database for one test file, and how to remove it. */
export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** Creates an empty database: a SQLite file in a temporary directory, or a new database in the run's PostgreSQL cluster. */
export async function createTestDatabase(engine: (typeof ENGINES)[number], label: string): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `cmb-${label}-`));
    return { config: { sqlitePath: join(dir, `${label}.sqlite`) }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { url: url.toString(), sqlitePath: '', poolSize: 5 },
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A test that exists only on one engine (a PostgreSQL role, a SQLite
 * particularity): defined there, absent elsewhere, never reported as skipped.
 */
export function itOn(
  wanted: (typeof ENGINES)[number],
  engine: (typeof ENGINES)[number],
): (name: string, test: () => Promise<void>) => void {
  return (name, test) => {
    if (engine === wanted) it(name, test);
  };
}

import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { serialiseTransactions } from './one-at-a-time';

/** Where a subgraph keeps its data: PostgreSQL when a URL is given, else an embedded SQLite file. */
export interface DatabaseConfig {
  /** `postgres://...`; when set, PostgreSQL is used. */
  url?: string;
  /** SQLite file used when no URL is set. */
  sqlitePath: string;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
}

/** Entities and migrations of one subgraph, the same for both engines. */
export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** The engine behind a data source. */
export type Engine = 'postgres' | 'sqlite';

/** Which engine a database config selects. */
export function engineOf(config: DatabaseConfig): Engine {
  return config.url ? 'postgres' : 'sqlite';
}

/**
 * Builds (does not open) the TypeORM data source of a subgraph: PostgreSQL in
 * production and tests, better-sqlite3 for the embedded default (its work
 * one piece at a time: {@link serialiseTransactions}). Schema
 * changes only through migrations, never `synchronize`.
 */
export function createDataSource(config: DatabaseConfig, schema: SchemaDefinition): DataSource {
  const common = { entities: schema.entities, migrations: schema.migrations, synchronize: false, logging: false } as const;
  if (config.url) {
    return new DataSource({
      ...common,
      type: 'postgres',
      url: config.url,
      extra: { max: config.poolSize ?? 10 },
    } satisfies DataSourceOptions);
  }
  mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const sqlite = new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    prepareDatabase: (db: { pragma: (statement: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  } satisfies DataSourceOptions);
  // One connection: a transaction holds it until it ends, every statement from outside waits its turn.
  return serialiseTransactions(sqlite);
}

/** Opens a data source and applies its pending migrations, in one transaction each. */
export async function openDatabase(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

import Database from 'better-sqlite3';
import { Pool } from 'pg';

/** One subgraph of a registry supergraph, as the gateway reads it. */
export interface RegistryMember {
  name: string;
  /** The owning organisation (ANAM, or an OG). */
  owner: string;
  /** True for the national subgraphs (ANAM's). */
  national: boolean;
}

/** A supergraph version of the registry. */
export interface RegistrySupergraph {
  version: number;
  sha256: string;
  sdl: string;
  members: RegistryMember[];
}

/**
 * What a gateway reads from and writes to the subgraph registry's database:
 * the latest supergraph version (polled), one version's SDL and members, and
 * its field usage counts (added to the day's). The registry subgraph owns
 * the tables (its migrations); a gateway's login needs SELECT on
 * `registry_supergraph` and INSERT, UPDATE on `registry_field_usage` only.
 */
export interface RegistryClient {
  latest(): Promise<{ version: number; sha256: string } | null>;
  supergraph(version: number): Promise<RegistrySupergraph | null>;
  /** Adds counts (`Type.field` → operations) to a day's (`YYYY-MM-DD`), in one transaction. */
  addUsage(day: string, counts: ReadonlyMap<string, number>): Promise<void>;
  close(): Promise<void>;
}

/** How long a statement may take before the registry counts as unreachable this time. */
const STATEMENT_TIMEOUT_MS = 5_000;

const LATEST = 'SELECT version, sha256 FROM registry_supergraph ORDER BY version DESC LIMIT 1';

/** The members of a version as stored (`[{ name, owner, national, ... }]`); anything malformed is left out. */
function membersOf(text: unknown): RegistryMember[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(text));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: Record<string, unknown>) =>
    typeof entry?.name === 'string' && typeof entry.owner === 'string'
      ? [{ name: entry.name, owner: entry.owner, national: entry.national === true }]
      : [],
  );
}

interface SupergraphRow {
  version: number | string;
  sha256: string;
  sdl: string;
  members: string;
}

const toSupergraph = (row: SupergraphRow | undefined): RegistrySupergraph | null =>
  row ? { version: Number(row.version), sha256: row.sha256, sdl: row.sdl, members: membersOf(row.members) } : null;

function postgresClient(url: string): RegistryClient {
  const pool = new Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
  });
  // A dropped idle connection is only discarded: the next poll opens another.
  pool.on('error', () => undefined);
  return {
    async latest() {
      const { rows } = await pool.query<{ version: number | string; sha256: string }>(LATEST);
      return rows[0] ? { version: Number(rows[0].version), sha256: rows[0].sha256 } : null;
    },
    async supergraph(version) {
      const { rows } = await pool.query<SupergraphRow>('SELECT version, sha256, sdl, members FROM registry_supergraph WHERE version = $1', [
        version,
      ]);
      return toSupergraph(rows[0]);
    },
    async addUsage(day, counts) {
      if (counts.size === 0) return;
      await pool.query(
        `INSERT INTO registry_field_usage (coordinate, day, requests)
         SELECT coordinate, $1, requests FROM unnest($2::text[], $3::bigint[]) AS usage(coordinate, requests)
         ON CONFLICT (coordinate, day) DO UPDATE SET requests = registry_field_usage.requests + EXCLUDED.requests`,
        [day, [...counts.keys()], [...counts.values()]],
      );
    },
    close: () => pool.end(),
  };
}

function sqliteClient(path: string): RegistryClient {
  // Opened when first needed, and only once the registry has created the file: a gateway never creates it.
  let db: Database.Database | null = null;
  const open = () => {
    db ??= new Database(path, { fileMustExist: true, timeout: STATEMENT_TIMEOUT_MS });
    return db;
  };
  return {
    async latest() {
      const row = open().prepare(LATEST).get() as { version: number; sha256: string } | undefined;
      return row ? { version: Number(row.version), sha256: row.sha256 } : null;
    },
    async supergraph(version) {
      return toSupergraph(
        open().prepare('SELECT version, sha256, sdl, members FROM registry_supergraph WHERE version = ?').get(version) as
          SupergraphRow | undefined,
      );
    },
    async addUsage(day, counts) {
      if (counts.size === 0) return;
      const database = open();
      const upsert = database.prepare(
        'INSERT INTO registry_field_usage (coordinate, day, requests) VALUES (?, ?, ?) ON CONFLICT (coordinate, day) DO UPDATE SET requests = requests + excluded.requests',
      );
      database.transaction(() => {
        for (const [coordinate, requests] of counts) upsert.run(coordinate, day, requests);
      })();
    },
    async close() {
      db?.close();
      db = null;
    },
  };
}

/** Opens the registry's database: PostgreSQL when a URL is given, else its SQLite file. */
export function openRegistryClient(database: { url?: string; sqlitePath?: string }): RegistryClient {
  if (database.url) return postgresClient(database.url);
  if (database.sqlitePath) return sqliteClient(database.sqlitePath);
  throw new Error('registry: give a PostgreSQL URL or a SQLite path');
}

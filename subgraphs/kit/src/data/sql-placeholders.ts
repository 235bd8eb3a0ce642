import type { DataSource } from 'typeorm';

/**
 * Parameter placeholders for a raw statement: `$1, $2, ...` on PostgreSQL,
 * `?, ?, ...` on SQLite. SQLite's anonymous parameters are positional, so a
 * statement repeating the list needs the values repeated too.
 */
export function sqlPlaceholders(dataSource: DataSource, count: number): string {
  const postgres = dataSource.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
}

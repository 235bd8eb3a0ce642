/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/**
 * A time column as ISO-8601 UTC, whatever the dialect gave (a `Date` from
 * PostgreSQL, text from SQLite); an unreadable one is kept as is, so
 * verification reports it instead of failing.
 */
export function isoTime(value: unknown): string {
  const time = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(time.getTime()) ? String(value) : time.toISOString();
}

import pino, { type DestinationStream, type Logger } from 'pino';
import { replaceNationalIdsInText } from '../identifiers/identifiers';

/** Structured JSON logger. Log lines carry request and event ids, never personal data. */
export type { Logger };

/** Properties by which a database driver's error is recognised (PostgreSQL's SQLSTATE, SQLite's codes, TypeORM's wrapper). */
function isDatabaseError(error: Error & Record<string, unknown>): boolean {
  return (
    error.name === 'QueryFailedError' ||
    error.name === 'SqliteError' ||
    'driverError' in error ||
    'parameters' in error ||
    ('severity' in error && 'code' in error) ||
    (typeof error.code === 'string' && /^SQLITE_/.test(error.code))
  );
}

/** The error and the errors it wraps (`originalError` of a GraphQL error, `cause`), outermost first, at most a few deep. */
function chainOf(error: Error): Error[] {
  const chain: Error[] = [error];
  for (let current: unknown = error; chain.length < 8;) {
    const inner = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    if (!(inner instanceof Error) || chain.includes(inner)) break;
    chain.push(inner);
    current = inner;
  }
  return chain;
}

/** An error's text (a message, a stack; a string or not) with every national id in it replaced: a safety net under words no one chose to log. */
const withoutNationalIds = (text: unknown) => replaceNationalIdsInText(typeof text === 'string' ? text : String(text), '<national id>');

/**
 * What a log line may say of an error: its kind, message and stack with
 * every national id in them replaced (`replaceNationalIdsInText`). When a database error is in it (or
 * wrapped in it: a resolver's GraphQL error carries the database error, and
 * its stack), the line says the database error's kind, its SQLSTATE or
 * driver code and the constraint or table it names, never a message, detail,
 * statement, parameters or stack: those repeat the values written
 * (`Key (national_id)=(...)`, `invalid input syntax ...: "..."`).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const database = chainOf(error).find((link) => isDatabaseError(link as Error & Record<string, unknown>));
  if (database) {
    const fields = database as Error & Record<string, unknown>;
    const driver = (fields.driverError ?? fields) as Record<string, unknown>;
    const safe: Record<string, unknown> = { type: database.name, code: driver.code ?? fields.code };
    for (const key of ['constraint', 'table', 'routine'] as const) if (typeof driver[key] === 'string') safe[key] = driver[key];
    return safe;
  }
  return {
    type: error.name,
    message: withoutNationalIds(error.message),
    stack: error.stack === undefined ? undefined : withoutNationalIds(error.stack),
  };
}

/**
 * Creates the process logger. Errors go through {@link describeError}, and
 * known personal-data keys are redacted as a safety net; callers must not
 * log them in the first place.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: describeError },
    redact: {
      paths: [
        'nationalId',
        '*.nationalId',
        'justification',
        '*.justification',
        'variables',
        '*.variables',
        'authorization',
        '*.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

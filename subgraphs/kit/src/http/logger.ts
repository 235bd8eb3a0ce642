import pino, { type Logger } from 'pino';

/** Structured JSON logger. Log lines carry request and event ids, never personal data. */
export type { Logger };

/**
 * Creates the process logger. Known personal-data keys are redacted as a
 * safety net; callers must not log them in the first place.
 */
export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
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
  });
}

import { createLogger, type Logger } from '@cmb/kit';

/**
 * A process logger (the kit's, with its error serializer and redaction)
 * writing into memory, and the text it has written so far: a test reads every
 * line to assert what a log never holds.
 */
export function memoryLogger(name = 'test'): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  return { logger: createLogger(name, 'info', { write: (line: string) => void lines.push(line) }), text: () => lines.join('') };
}

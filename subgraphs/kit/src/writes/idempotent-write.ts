import { createHash } from 'node:crypto';
import { appError } from '../errors/app-error';
import type { ErrorKey } from '../errors/error-catalog';

/** What an idempotency key may look like: 8 to 128 letters, digits or `. _ : -`. */
const IDEMPOTENCY_KEY_FORM = /^[A-Za-z0-9._:-]{8,128}$/;

/** Refuses a malformed idempotency key (`BAD_USER_INPUT`, never echoing it). */
export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_FORM.test(key)) {
    throw appError('INVALID_VALUE', { field: 'idempotencyKey', expected: '8 to 128 letters, digits or . _ : -' });
  }
}

/** Refuses an empty batch and one longer than `max` rows (`BAD_USER_INPUT`). */
export function checkBatchLength(length: number, max: number): void {
  if (length === 0) throw appError('BATCH_EMPTY');
  if (length > max) throw appError('BATCH_TOO_LARGE', { max });
}

/**
 * A stable SHA-256 of a write's content as GraphQL coerced it (its JSON,
 * dates as JSON writes them), to tell a retry (same content) from another
 * write under the same key.
 */
export function contentHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The first result of a write, as kept under its idempotency key. */
export interface StoredWrite {
  contentHash: string;
  resultJson: string;
}

/** What {@link writeOnce} needs: where the first result is kept, the content's hash, and the write itself. */
export interface WriteOnceOptions<R> {
  /** The result kept under the writer's key, or null when the key is new. */
  find: () => Promise<StoredWrite | null>;
  /** {@link contentHash} of the content. */
  hash: string;
  /** Applies the write and keeps its result under the key, in the same transaction. */
  run: () => Promise<R>;
  /** The error for a key reused with other content (default `IDEMPOTENCY_KEY_REUSED`). */
  reused?: ErrorKey;
}

/**
 * Applies a write once per idempotency key: a retry with the same content is
 * answered with the first result (`replayed`), a key reused with other
 * content is refused; when two retries race, the one whose commit lost is
 * answered with the winner's result.
 */
export async function writeOnce<R>(options: WriteOnceOptions<R>): Promise<{ result: R; replayed: boolean }> {
  const replay = (stored: StoredWrite) => {
    if (stored.contentHash !== options.hash) throw appError(options.reused ?? 'IDEMPOTENCY_KEY_REUSED');
    return { result: JSON.parse(stored.resultJson) as R, replayed: true };
  };
  const previous = await options.find();
  if (previous) return replay(previous);
  try {
    return { result: await options.run(), replayed: false };
  } catch (error) {
    // A concurrent retry may have committed the same key first: answer with its result.
    const winner = await options.find();
    if (winner) return replay(winner);
    throw error;
  }
}

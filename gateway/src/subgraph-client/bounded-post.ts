import type { Dispatcher } from 'undici';
import { AnswerTooLargeError } from './bounded-answer';

/** A call that did not end within its timeout: its request is aborted and its connection closed. */
export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the call took longer than its timeout (${timeoutMs} ms)`);
    this.name = 'TimeoutError';
  }
}

/** One POST to a subgraph: where, what, and the bounds it is held to. */
export interface BoundedPost {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Past it, the request is aborted and the call fails with {@link CallTimeoutError}. */
  timeoutMs: number;
  /** Past it, the answer is no longer read and the call fails with {@link AnswerTooLargeError}. */
  maxBytes: number;
}

/** What a subgraph answered: its HTTP status and its body's text. */
export interface PostedAnswer {
  statusCode: number;
  text: string;
}

const CONTENT_LENGTH = 'content-length';

/** The length an answer declares among undici's raw headers (name, value, name, value, ...), or null. */
function declaredLength(rawHeaders: Buffer[]): number | null {
  for (let at = 0; at + 1 < rawHeaders.length; at += 2) {
    const name = rawHeaders[at];
    const value = rawHeaders[at + 1];
    if (name && value && name.length === CONTENT_LENGTH.length && name.toString('latin1').toLowerCase() === CONTENT_LENGTH) {
      const text = value.toString('latin1');
      return /^\d+$/.test(text) ? Number(text) : null;
    }
  }
  return null;
}

/**
 * Posts a body over a keep-alive pool and reads the answer's text within
 * bounds: a deadline on the whole call (the wait for a connection included),
 * and at most `maxBytes` of answer (an answer declaring more is refused
 * before a byte is read; every answer is counted as it comes, so a subgraph
 * that declares less than it sends is cut too). Past either bound the request
 * is aborted, which closes its connection.
 *
 * It takes undici's dispatch hooks directly: `Pool.request` wraps each answer
 * in a stream, an async resource and an abort signal, which on the
 * eligibility path cost the gateway more than reading the few hundred bytes
 * a subgraph answers.
 */
export function postWithinBounds(dispatcher: Dispatcher, post: BoundedPost): Promise<PostedAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let statusCode = 0;
    let abort: ((reason: Error) => void) | null = null;
    let ended = false;
    const fail = (error: Error) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      abort?.(error);
      reject(error);
    };
    const timer = setTimeout(() => fail(new CallTimeoutError(post.timeoutMs)), post.timeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortCall) {
        if (ended) abortCall(new Error('the call already ended'));
        else abort = abortCall;
      },
      onHeaders(status, rawHeaders) {
        if (status < 200) return true;
        statusCode = status;
        const declared = declaredLength(rawHeaders);
        if (declared !== null && declared > post.maxBytes) fail(new AnswerTooLargeError(post.maxBytes));
        return !ended;
      },
      onData(chunk) {
        size += chunk.length;
        if (size > post.maxBytes) fail(new AnswerTooLargeError(post.maxBytes));
        else chunks.push(chunk);
        return !ended;
      },
      onComplete() {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        resolve({ statusCode, text: Buffer.concat(chunks, size).toString('utf8') });
      },
      onError(error) {
        fail(error);
      },
    };
    try {
      dispatcher.dispatch({ path: post.path, method: 'POST', headers: post.headers, body: post.body }, handler);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

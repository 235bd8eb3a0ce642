/** The body of a subgraph's answer as undici gives it. */
interface AnswerBody extends AsyncIterable<Buffer> {
  text(): Promise<string>;
  destroy(error?: Error): unknown;
}

/** A subgraph answered more bytes than the gateway reads from it: the call fails (`SUBGRAPH_UNAVAILABLE`), the process stays whole. */
export class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`subgraph answered more than ${maxBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

/**
 * An answer's text, read only up to `maxBytes`: a subgraph (an insurer's
 * above all) that answers a huge body fails its own call instead of filling
 * the gateway's memory. An answer that declares its length within the bound
 * is read whole at once (the hot path); one over it is refused before a byte
 * is read; one without a length is counted as it comes and cut at the bound.
 */
export async function answerText(body: AnswerBody, contentLength: string | string[] | undefined, maxBytes: number): Promise<string> {
  const declared = typeof contentLength === 'string' && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
  if (declared !== null && declared <= maxBytes) return body.text();
  const tooLarge = new AnswerTooLargeError(maxBytes);
  if (declared !== null) {
    body.destroy(tooLarge);
    throw tooLarge;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy(tooLarge);
      throw tooLarge;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * The JSON of an answer's text; an answer that is not JSON fails with an
 * error of our own words: the parser's message quotes the text's first
 * characters, which an insurer's subgraph chooses (a national id, into the
 * gateway's logs).
 */
export function answerJson(text: string, statusCode: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`subgraph answered HTTP ${statusCode} with a body that is not JSON`);
  }
}

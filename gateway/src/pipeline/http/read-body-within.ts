import { BodyTooLargeError, readBody, refusal } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** Reads a POST body up to the limit; beyond it, 413 and the connection closes. */
export function readBodyWithin(maxBodyBytes: number): HttpStep {
  return async (exchange) => {
    if (exchange.req.method !== 'POST') return;
    try {
      exchange.body = await readBody(exchange.req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      throw refusal(
        'REQUEST_TOO_LARGE',
        { max: maxBodyBytes },
        { language: exchange.language, status: 413, headers: { connection: 'close' } },
      );
    }
  };
}

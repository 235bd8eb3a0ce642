import { BodyTooLargeError, readBody, refusal } from '@cmb/kit';
import { actsForImport } from '../../import-limits';
import type { HttpStep } from '../steps';

/** The body limits: the interactive one, and the one of an import (a registry file under `reference:import`). */
export interface BodyLimits {
  maxBodyBytes: number;
  importMaxBodyBytes: number;
}

/**
 * Reads a POST body up to the limit of the caller's purpose (authentication
 * ran before, so only a verified import token gets the import limit);
 * beyond it, 413 and the connection closes.
 */
export function readBodyWithin(limits: BodyLimits): HttpStep {
  return async (exchange) => {
    if (exchange.req.method !== 'POST') return;
    const max = actsForImport(exchange.caller) ? limits.importMaxBodyBytes : limits.maxBodyBytes;
    try {
      exchange.body = await readBody(exchange.req, max);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      throw refusal('REQUEST_TOO_LARGE', { max }, { language: exchange.language, status: 413, headers: { connection: 'close' } });
    }
  };
}

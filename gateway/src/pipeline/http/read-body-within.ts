import { BodyTimeoutError, BodyTooLargeError, readBody, refusal } from '@cmb/kit';
import { actsForImport } from '../../import-limits';
import type { HttpStep } from '../steps';

/** The body limits: the interactive ones, and those of an import (a registry file under `reference:import`). */
export interface BodyLimits {
  maxBodyBytes: number;
  importMaxBodyBytes: number;
  /** How long an interactive body may take to arrive whole. */
  bodyTimeoutMs: number;
  /** How long an import's body may take to arrive whole. */
  importBodyTimeoutMs: number;
}

/**
 * Reads a POST body up to the limits of the caller's purpose (authentication
 * ran before, so only a verified import token gets the import limits):
 * beyond its size, 413; not received whole within its time (a body trickled
 * in holds memory), 408; the connection closes either way.
 */
export function readBodyWithin(limits: BodyLimits): HttpStep {
  return async (exchange) => {
    if (exchange.req.method !== 'POST') return;
    const importing = actsForImport(exchange.caller);
    const max = importing ? limits.importMaxBodyBytes : limits.maxBodyBytes;
    const timeoutMs = importing ? limits.importBodyTimeoutMs : limits.bodyTimeoutMs;
    const close = { language: exchange.language, headers: { connection: 'close' } };
    try {
      exchange.body = await readBody(exchange.req, max, timeoutMs);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw refusal('REQUEST_TOO_LARGE', { max }, { ...close, status: 413 });
      if (error instanceof BodyTimeoutError) throw refusal('REQUEST_TOO_SLOW', { seconds: timeoutMs / 1000 }, { ...close, status: 408 });
      throw error;
    }
  };
}

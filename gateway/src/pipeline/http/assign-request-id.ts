import { randomUUID } from 'node:crypto';
import type { HttpStep } from '../steps';

/** The form a client's own request id must have to be kept (bounded, no free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives the request its id: the client's `x-request-id` when it has a safe
 * form, else a new UUID; every answer carries it back.
 */
export const assignRequestId: HttpStep = (exchange) => {
  const incoming = exchange.req.headers['x-request-id'];
  exchange.requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  exchange.res.setHeader('x-request-id', exchange.requestId);
};

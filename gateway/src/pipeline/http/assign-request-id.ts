import { randomUUID } from 'node:crypto';
import { replaceNationalIdForms } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** The form a client's own request id must have to be kept (bounded, no free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** True when no piece of a text has the form of a national id (as the audit trail finds them in client texts). */
const namesNoOne = (text: string) => replaceNationalIdForms(text, () => '') === text;

/**
 * Gives the request its id: the client's `x-request-id` when it has a safe
 * form and holds nothing shaped like a national id (the id travels in clear
 * to the logs, the subgraphs and their records), else a new UUID; every
 * answer carries it back.
 */
export const assignRequestId: HttpStep = (exchange) => {
  const incoming = exchange.req.headers['x-request-id'];
  exchange.requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) && namesNoOne(incoming) ? incoming : randomUUID();
  exchange.res.setHeader('x-request-id', exchange.requestId);
};

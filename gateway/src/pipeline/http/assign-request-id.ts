import { randomUUID } from 'node:crypto';
import { recogniseNationalId } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** The form a client's own request id must have to be kept (bounded, no free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Shortest piece taken for a national id: a CIN as issued (a letter or two,
 * then five or six digits). Shorter letter-digit runs are common in the
 * groups of a UUID, which clients send as request ids.
 */
const SHORTEST_NATIONAL_ID = 6;

/** A piece written as national ids are (upper case): a lower-case UUID's groups never are. */
const namesSomeone = (piece: string) =>
  piece.length >= SHORTEST_NATIONAL_ID && piece === piece.toUpperCase() && recogniseNationalId(piece) !== null;

/** True when no piece of an id (between `.`, `_` and `-`) is written as a national id. */
const namesNoOne = (id: string) => !id.split(/[._-]/).some(namesSomeone);

/**
 * Gives the request its id: the client's `x-request-id` when it has a safe
 * form and no piece of it is written as a national id (the id travels in
 * clear to the logs, the subgraphs and their records; an upper-case UUID
 * loses its id about once in 130, a lower-case one never), else a new UUID; every answer
 * carries it back.
 */
export const assignRequestId: HttpStep = (exchange) => {
  const incoming = exchange.req.headers['x-request-id'];
  exchange.requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) && namesNoOne(incoming) ? incoming : randomUUID();
  exchange.res.setHeader('x-request-id', exchange.requestId);
};

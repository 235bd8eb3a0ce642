import { randomUUID } from 'node:crypto';
import { replaceNationalIdForms } from '@cmb/kit';
import { isNationalIdText } from '../../personal-arguments';
import type { HttpStep } from '../steps';

/** The form a client's own request id must have to be kept (bounded, no free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A UUID, whatever the case of its hexadecimal digits (case-insensitive on input, RFC 9562). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-case hexadecimal: what random ids (UUIDs, trace ids) are made of, kept whatever a piece of it looks like upper-cased. */
const LOWER_HEX = /^[0-9a-f]+$/;

/** A piece that is a national id, in any case (it is read upper-cased) unless it is lower-case hexadecimal. */
const isNationalIdPiece = (piece: string) => !LOWER_HEX.test(piece) && isNationalIdText(piece);

/**
 * The client's request id as kept, or null when it names someone: no piece
 * (between `.`, `_` and `-`) is a national id, in any case
 * (`visit-jk123456-01`) but lower-case hexadecimal (random ids, a lower-case
 * UUID's groups: an upper-case UUID loses its id about once in 130, a
 * lower-case one never); and, but for a UUID, none is written inside a piece
 * (`bgAB123456`), since the trail keeps such a form as its pseudonym and the
 * id would no longer match it (a break-glass justification is found by
 * request id). A UUID is kept in lower case, as the trail then keeps it too.
 */
export function keptRequestId(incoming: string): string | null {
  if (!REQUEST_ID.test(incoming)) return null;
  if (UUID.test(incoming)) return incoming.split('-').some(isNationalIdPiece) ? null : incoming.toLowerCase();
  const namesSomeone = incoming.split(/[._-]/).some(isNationalIdPiece) || replaceNationalIdForms(incoming, () => '') !== incoming;
  return namesSomeone ? null : incoming;
}

/**
 * Gives the request its id: the client's `x-request-id` when it has a safe
 * form and names no one (it travels in clear to the logs, the subgraphs and
 * their records: {@link keptRequestId}), else a new UUID; every answer
 * carries it back.
 */
export const assignRequestId: HttpStep = (exchange) => {
  const incoming = exchange.req.headers['x-request-id'];
  exchange.requestId = (typeof incoming === 'string' ? keptRequestId(incoming) : null) ?? randomUUID();
  exchange.res.setHeader('x-request-id', exchange.requestId);
};

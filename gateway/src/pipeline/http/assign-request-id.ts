import { randomUUID } from 'node:crypto';
import { holdsNationalIdText, isNationalIdText } from '../../personal-arguments';
import type { HttpStep } from '../steps';

/** The form a client's own request id must have to be kept (bounded, no free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A UUID, whatever the case of its hexadecimal digits (case-insensitive on input, RFC 9562). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-case hexadecimal: what random ids (UUIDs, trace ids) are made of, kept whatever a piece of it looks like upper-cased. */
const LOWER_HEX = /^[0-9a-f]+$/;

/** A UUID's group that is a national id: written in upper case (a lower-case group is random hexadecimal). */
const isNationalIdGroup = (group: string) => !LOWER_HEX.test(group) && isNationalIdText(group);

/** A piece of any other id that holds a national id, in any case, unless it is lower-case hexadecimal. */
const namesSomeone = (piece: string) => !LOWER_HEX.test(piece) && holdsNationalIdText(piece);

/**
 * The client's request id as kept, or null when it names someone. A UUID:
 * none of its groups a national id written in upper case (an upper-case UUID
 * loses its id about once in 110, a lower-case one never); kept in lower
 * case. Any other id: no piece (between `.`, `_` and `-`) holds a national
 * id, in any case, whole or inside (`visit-jk123456-01`, `bgAB123456`),
 * lower-case hexadecimal pieces (random ids) excepted. Forms shorter than a
 * national id (`E11`) are kept.
 */
export function keptRequestId(incoming: string): string | null {
  if (!REQUEST_ID.test(incoming)) return null;
  if (UUID.test(incoming)) return incoming.split('-').some(isNationalIdGroup) ? null : incoming.toLowerCase();
  return incoming.split(/[._-]/).some(namesSomeone) ? null : incoming;
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

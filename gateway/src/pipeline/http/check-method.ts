import { refusal } from '@cmb/kit';
import type { HttpStep } from '../steps';

/** Methods GraphQL over HTTP uses: POST for everything, GET for queries without personal data. */
const METHODS = new Set(['GET', 'POST']);

/** Refuses any method other than GET and POST on `/graphql` (405 with `Allow`), before a token is even read. */
export const checkMethod: HttpStep = (exchange) => {
  if (METHODS.has(exchange.req.method ?? 'GET')) return;
  throw refusal('METHOD_NOT_ALLOWED_ON_GRAPHQL', {}, { language: exchange.language, headers: { allow: 'GET, POST' } });
};

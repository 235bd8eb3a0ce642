import { accessToken, forget, SignInRequired, type Grant } from '../auth/session';
import { consoleConfig } from '../config';
import { language, t } from '../i18n/i18n';

/** An error to show: its message is in the user's language (the gateway writes its own in the Accept-Language asked). */
export class ConsoleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The gateway's reason, when it gave one (e.g. CONSENT_BLOCKED). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

/**
 * Runs an operation at the gateway under one grant's token: always a POST,
 * so no national id ever sits in a URL. A token the gateway no longer takes
 * (HTTP 401) is forgotten and {@link SignInRequired} thrown; an error of the
 * answer becomes a {@link ConsoleError} with the gateway's message.
 */
export async function graphql<T>(grant: Grant, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await accessToken(grant);
  let answer: Response;
  try {
    answer = await fetch(consoleConfig().gatewayUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': language() },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ConsoleError('NETWORK', t('errorNetwork'));
  }
  if (answer.status === 401) {
    await forget(grant);
    throw new SignInRequired(grant);
  }
  let body: GraphQLAnswer<T>;
  try {
    body = (await answer.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ConsoleError(`HTTP_${answer.status}`, t('errorUnexpected', { code: `HTTP ${answer.status}` }));
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    // Apollo's own validation messages are in English: the user gets their language and the code.
    const message = code.startsWith('GRAPHQL_') ? t('errorUnexpected', { code }) : first.message;
    throw new ConsoleError(code, message, first.extensions?.reason);
  }
  if (!body.data) throw new ConsoleError('NO_DATA', t('errorUnexpected', { code: `HTTP ${answer.status}` }));
  return body.data;
}

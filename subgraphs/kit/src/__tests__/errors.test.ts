import { describe, expect, it } from 'vitest';
import { appError, errorBody, headersOf, refusal, renderMessage, statusOf } from '../errors/app-error';
import { ERROR_CATALOG } from '../errors/error-catalog';
import { pickLanguage } from '../errors/language';

describe('the error catalogue', () => {
  it('has a message in French, English and Arabic for every key', () => {
    for (const [key, entry] of Object.entries(ERROR_CATALOG)) {
      for (const language of ['fr', 'en', 'ar'] as const) expect(entry.messages[language], `${key}/${language}`).toMatch(/\S/);
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const [key, entry] of Object.entries(ERROR_CATALOG)) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(entry.messages.en), key).toEqual(placeholders(entry.messages.fr));
      expect(placeholders(entry.messages.ar), key).toEqual(placeholders(entry.messages.fr));
    }
  });

  it('builds errors with a stable code, the reason and its parameters', () => {
    const error = appError('BATCH_TOO_LARGE', { max: 1000 });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'BATCH_TOO_LARGE', params: { max: 1000 } });
    expect(error.message).toBe('Lot trop volumineux : 1000 lignes au plus par lot.');
    expect(renderMessage('BATCH_TOO_LARGE', { max: 1000 }, 'en')).toBe('Batch too large: at most 1000 rows per batch.');
  });

  it('gives a refusal the HTTP status of its code, or the one asked, with its headers', () => {
    expect(statusOf(refusal('UNAUTHENTICATED'))).toBe(401);
    expect(statusOf(refusal('FORBIDDEN', { paths: 'eligibility' }))).toBe(403);
    expect(statusOf(refusal('QUERY_TOO_COMPLEX', { limit: 'depth' }))).toBe(400);
    const limited = refusal('RATE_LIMITED', { seconds: 2 }, { headers: { 'retry-after': '2' } });
    expect(statusOf(limited)).toBe(429);
    expect(headersOf(limited)).toEqual({ 'retry-after': '2' });
    expect(statusOf(refusal('REQUEST_TOO_LARGE', { max: 10 }, { status: 413 }))).toBe(413);
  });

  it('leaves errors raised while resolving without an HTTP status', () => {
    expect(appError('BATCH_EMPTY').extensions.http).toBeUndefined();
  });

  it('writes the body of a refusal without its HTTP details, in the language asked', () => {
    const body = errorBody(refusal('RATE_LIMITED', { seconds: 3 }, { language: 'en', headers: { 'retry-after': '3' } }));
    expect(body).toEqual({
      errors: [
        {
          message: renderMessage('RATE_LIMITED', { seconds: 3 }, 'en'),
          extensions: { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', params: { seconds: 3 } },
        },
      ],
    });
  });
});

describe('pickLanguage', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE, ar;q=0.5, en;q=0.4', 'ar'],
    ['fr;q=0.2, en;q=0.9', 'en'],
    ['es, de', 'fr'],
    ['en;q=0', 'fr'],
  ])('%s → %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});

import { describe, expect, it } from 'vitest';
import { appError, renderMessage } from '../errors/app-error';
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

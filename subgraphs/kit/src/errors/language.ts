import type { Language } from './error-catalog';

const SUPPORTED: readonly Language[] = ['fr', 'en', 'ar'];

/**
 * Picks the message language from an Accept-Language header: the first
 * supported language by preference weight, French when none matches.
 */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...options] = part.trim().toLowerCase().split(';');
      const q = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
      return { primary: (tag ?? '').split('-')[0], weight: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const match = ranked.find((entry) => SUPPORTED.includes(entry.primary as Language));
  return (match?.primary as Language | undefined) ?? 'fr';
}

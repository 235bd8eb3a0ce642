import { MESSAGES, type Language, type MessageKey } from './messages';

export type { Language, MessageKey } from './messages';

/** The languages offered, in the switch's order, each named in itself. */
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'fr', name: 'Français' },
  { code: 'ar', name: 'العربية' },
  { code: 'en', name: 'English' },
];
const STORAGE_KEY = 'cmb.console.language';
/** Dates as Morocco reads them, in each language (Latin digits throughout, as the administration writes them). */
const LOCALES: Record<Language, string> = { fr: 'fr-MA', ar: 'ar-MA-u-nu-latn', en: 'en-GB' };

let current: Language = 'fr';
const listeners = new Set<(language: Language) => void>();

/** The language chosen with the switch, else the browser's first supported language, else French. */
export function detectLanguage(preferred: readonly string[] = navigator.languages): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'fr' || stored === 'ar' || stored === 'en') return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'ar' || base === 'en') return base;
  }
  return 'fr';
}

/** Sets the page's language and direction (Arabic right to left); the switch's choice is remembered. */
export function setLanguage(language: Language, remember = false): void {
  current = language;
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  for (const listener of listeners) listener(language);
}

/** The page's language. */
export function language(): Language {
  return current;
}

/** Calls back on each change of language; returns the unsubscribe. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A text in the page's language, its `{name}` parameters filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A text whose key is built from data (a purpose, an indicator id), or the fallback when there is none. */
export function tOr(key: string, fallback: string): string {
  return key in MESSAGES[current] ? t(key as MessageKey) : fallback;
}

/** A date and time in the page's language. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Casablanca' }).format(
    new Date(iso),
  );
}

/** A day in the page's language. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'medium', timeZone: 'Africa/Casablanca' }).format(new Date(iso));
}

/** A count in the page's language. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(LOCALES[current]).format(value);
}

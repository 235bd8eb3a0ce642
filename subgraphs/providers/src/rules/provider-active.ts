import { periodCovers } from './periods';

/** What the activity rule reads of a registry entry. */
export interface ProviderActivity {
  status: string;
  activeFrom: string;
  activeUntil: string | null;
}

/**
 * R6 (seeds/001_225b0d72771d4c3f.txt:L891, L893): the INPE code is active on
 * the date. An ACTIVE code is active within its dates. A withdrawn code
 * (CLOSED) was active up to its last day, so care given before the
 * withdrawal stays authorised; without a last day nothing proves it was. A
 * SUSPENDED code is never active.
 */
export function isActiveOn(provider: ProviderActivity, date: string): boolean {
  if (!periodCovers(provider.activeFrom, provider.activeUntil, date)) return false;
  if (provider.status === 'ACTIVE') return true;
  return provider.status === 'CLOSED' && provider.activeUntil !== null;
}

import type { RealmClient } from './realm';

/**
 * True when a redirect URI matches one of a client's patterns as Keycloak
 * matches them: equal, or, for a pattern ending in `*`, starting with what
 * precedes the `*` (a wildcard suffix only). A URI with a fragment, or that
 * is not an absolute http(s) URL, never matches.
 */
export function redirectUriAllowed(patterns: readonly string[], uri: string | null): boolean {
  if (!uri || uri.includes('#')) return false;
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return patterns.some((pattern) => (pattern.endsWith('*') ? uri.startsWith(pattern.slice(0, -1)) : uri === pattern));
}

/** The origins a client's browser pages run on: its web origins, `+` standing for the origins of its redirect URIs. */
export function webOriginsOf(client: Pick<RealmClient, 'webOrigins' | 'redirectUris'>): string[] {
  const origins = new Set<string>();
  for (const origin of client.webOrigins) {
    if (origin !== '+') origins.add(origin);
    else
      for (const pattern of client.redirectUris) {
        try {
          origins.add(new URL(pattern.replace(/\*$/, '')).origin);
        } catch {
          // A pattern that is no URL gives no origin.
        }
      }
  }
  return [...origins];
}

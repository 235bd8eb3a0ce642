import type { Realm, RealmClient } from './realm';

/** Moves a redirect pattern or web origin to another origin, keeping its path (and `*`); `+` and what is no URL stay as they are. */
function moved(pattern: string, origin: string): string {
  if (pattern === '+') return pattern;
  try {
    const url = new URL(pattern.replace(/\*$/, ''));
    return pattern.replace(url.origin, origin);
  } catch {
    return pattern;
  }
}

/**
 * The realm with its browser clients (officer-console, patient-portal) moved
 * to the console's origin (`CONSOLE_ORIGIN` of `npm start`): their redirect
 * URIs, post-logout redirect URIs and web origins. For the development
 * issuer only; a Keycloak needs the realm itself changed.
 */
export function withConsoleOrigin(realm: Realm, consoleOrigin: string | undefined): Realm {
  if (!consoleOrigin) return realm;
  const origin = new URL(consoleOrigin).origin;
  const clients = new Map<string, RealmClient>();
  for (const [id, client] of realm.clients) {
    clients.set(
      id,
      client.standardFlow
        ? {
            ...client,
            redirectUris: client.redirectUris.map((pattern) => moved(pattern, origin)),
            postLogoutRedirectUris: client.postLogoutRedirectUris.map((pattern) => moved(pattern, origin)),
            webOrigins: client.webOrigins.map((pattern) => moved(pattern, origin)),
          }
        : client,
    );
  }
  return { ...realm, clients };
}

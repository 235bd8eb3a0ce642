import type { RealmClient } from './realm';

/**
 * The scopes granted for a request, as Keycloak grants them: the client's
 * defaults plus the optional ones asked (`openid` passes through); null when
 * one asked is not the client's (`invalid_scope`). A scope restricted to some
 * roles (`scopeMappings`) is left out silently when the user or service
 * account holds none of them.
 */
export function grantedScopes(
  client: Pick<RealmClient, 'defaultScopes' | 'optionalScopes'>,
  asked: string | null,
  roles: readonly string[],
  scopeRoles: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const requested = (asked ?? '').split(' ').filter(Boolean);
  if (requested.some((scope) => !client.optionalScopes.includes(scope) && !client.defaultScopes.includes(scope) && scope !== 'openid'))
    return null;
  const permitted = (scope: string) => {
    const needed = scopeRoles.get(scope);
    return !needed || needed.some((role) => roles.includes(role));
  };
  return [...new Set([...client.defaultScopes, ...requested])].filter(permitted);
}

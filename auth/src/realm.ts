import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of the realm export, the single source of truth for clients and purposes. */
export const REALM_PATH = resolve(__dirname, '../realm/cmb-realm.json');

/** A protocol mapper of the realm export. */
export interface ProtocolMapper {
  protocolMapper: string;
  config?: Record<string, string>;
}

interface RealmClientExport {
  clientId: string;
  secret?: string;
  publicClient?: boolean;
  serviceAccountsEnabled?: boolean;
  standardFlowEnabled?: boolean;
  enabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  protocolMappers?: ProtocolMapper[];
}

interface RealmUserExport {
  username: string;
  enabled?: boolean;
  serviceAccountClientId?: string;
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value: string }[];
  realmRoles?: string[];
}

interface RealmExport {
  realm: string;
  accessTokenLifespan?: number;
  clients: RealmClientExport[];
  clientScopes?: { name: string; attributes?: Record<string, string>; protocolMappers?: ProtocolMapper[] }[];
  scopeMappings?: { clientScope?: string; roles?: string[] }[];
  users?: RealmUserExport[];
}

/** A client of the realm, as the development issuer and the access matrix need it. */
export interface RealmClient {
  clientId: string;
  secret: string | null;
  confidential: boolean;
  serviceAccount: boolean;
  defaultScopes: string[];
  optionalScopes: string[];
  /** Claims every token of this client carries (hardcoded and service-account attribute mappers). */
  claims: Record<string, string>;
  audiences: string[];
  /** The realm roles of the client's service account (client credentials). */
  serviceRoles: string[];
  /** A browser client signing users in with the authorization code flow (public, PKCE). */
  standardFlow: boolean;
  /** Where it may send users back after sign-in, and after sign-out (Keycloak's patterns: exact, or a `*` suffix). */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** The origins its browser pages run on (CORS of the token endpoint); `+` means those of `redirectUris`. */
  webOrigins: string[];
  /** The PKCE method it requires (`S256`), or null. */
  pkceMethod: string | null;
  /** The mappers its user tokens apply (the client's and its default scopes'), read against the signed-in user. */
  userMappers: ProtocolMapper[];
}

/** A user of the realm (the development users): their password and attributes, for the development issuer's sign-in. */
export interface RealmUser {
  username: string;
  /** A stable id (the `sub` of their tokens), derived from the username. */
  id: string;
  /** The development password (`credentials` of the export); null when none. */
  password: string | null;
  attributes: Record<string, string[]>;
  realmRoles: string[];
}

/** The parts of the realm export the project reads. */
export interface Realm {
  name: string;
  accessTokenLifespan: number;
  clients: Map<string, RealmClient>;
  /** The users who sign in (not the service accounts), by username. */
  users: Map<string, RealmUser>;
  /** The roles a client scope is restricted to (a user or service account without one of them does not get it). */
  scopeRoles: Map<string, string[]>;
  /** Client scopes left out of a token's `scope` claim (`include.in.token.scope` false: basic, web-origins, ...). */
  untoldScopes: Set<string>;
}

function mappedClaims(
  mappers: ProtocolMapper[],
  attributes: Record<string, string[]>,
): { claims: Record<string, string>; audiences: string[] } {
  const claims: Record<string, string> = {};
  const audiences: string[] = [];
  for (const mapper of mappers) {
    const config = mapper.config ?? {};
    if (mapper.protocolMapper === 'oidc-hardcoded-claim-mapper' && config['claim.name'] && config['claim.value'] !== undefined) {
      claims[config['claim.name']] = config['claim.value'];
    } else if (mapper.protocolMapper === 'oidc-usermodel-attribute-mapper' && config['claim.name'] && config['user.attribute']) {
      const value = attributes[config['user.attribute']]?.[0];
      if (value !== undefined) claims[config['claim.name']] = value;
    } else if (mapper.protocolMapper === 'oidc-audience-mapper') {
      const audience = config['included.custom.audience'] ?? config['included.client.audience'];
      if (audience) audiences.push(audience);
    }
  }
  return { claims, audiences };
}

/**
 * The claims a user's access token or ID token carries from its mappers:
 * hardcoded claims, user attributes (`username` included), as Keycloak's
 * mappers give them, each only in the tokens its `access.token.claim` /
 * `id.token.claim` names (the ID token travels in the sign-out URL).
 */
export function userClaims(
  mappers: readonly ProtocolMapper[],
  user: Pick<RealmUser, 'username' | 'attributes'>,
  token: 'access' | 'id',
): Record<string, string> {
  return mappedClaims(
    mappers.filter((mapper) => mapper.protocolMapper !== 'oidc-audience-mapper' && mapper.config?.[`${token}.token.claim`] === 'true'),
    { ...user.attributes, username: [user.username] },
  ).claims;
}

/** A stable UUID-shaped id from a username, for the development issuer's `sub`. */
function userId(username: string): string {
  const hex = createHash('sha256').update(`cmb-dev-user:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Reads the realm export: clients with their scopes and the claims their tokens carry. */
export function loadRealm(path: string = REALM_PATH): Realm {
  const realm = JSON.parse(readFileSync(path, 'utf8')) as RealmExport;
  const scopeMappers = new Map((realm.clientScopes ?? []).map((scope) => [scope.name, scope.protocolMappers ?? []]));
  const clients = new Map<string, RealmClient>();
  for (const client of realm.clients) {
    if (client.enabled === false) continue;
    const serviceUser = realm.users?.find((user) => user.serviceAccountClientId === client.clientId);
    const defaults = client.defaultClientScopes ?? [];
    const mappers = [...(client.protocolMappers ?? []), ...defaults.flatMap((scope) => scopeMappers.get(scope) ?? [])];
    const { claims, audiences } = mappedClaims(mappers, serviceUser?.attributes ?? {});
    clients.set(client.clientId, {
      clientId: client.clientId,
      secret: client.secret ?? null,
      confidential: client.publicClient !== true,
      serviceAccount: client.serviceAccountsEnabled === true,
      defaultScopes: defaults,
      optionalScopes: client.optionalClientScopes ?? [],
      claims,
      audiences,
      serviceRoles: serviceUser?.realmRoles ?? [],
      standardFlow: client.standardFlowEnabled === true,
      redirectUris: client.redirectUris ?? [],
      postLogoutRedirectUris: (client.attributes?.['post.logout.redirect.uris'] ?? '').split('##').filter(Boolean),
      webOrigins: client.webOrigins ?? [],
      pkceMethod: client.attributes?.['pkce.code.challenge.method'] ?? null,
      userMappers: mappers,
    });
  }
  const users = new Map<string, RealmUser>();
  for (const user of realm.users ?? []) {
    if (user.serviceAccountClientId || user.enabled === false) continue;
    users.set(user.username, {
      username: user.username,
      id: userId(user.username),
      password: user.credentials?.find((credential) => credential.type === 'password')?.value ?? null,
      attributes: user.attributes ?? {},
      realmRoles: user.realmRoles ?? [],
    });
  }
  const scopeRoles = new Map<string, string[]>();
  for (const mapping of realm.scopeMappings ?? []) {
    if (mapping.clientScope)
      scopeRoles.set(mapping.clientScope, [...(scopeRoles.get(mapping.clientScope) ?? []), ...(mapping.roles ?? [])]);
  }
  const untoldScopes = new Set(
    (realm.clientScopes ?? []).filter((scope) => scope.attributes?.['include.in.token.scope'] === 'false').map((scope) => scope.name),
  );
  return { name: realm.realm, accessTokenLifespan: realm.accessTokenLifespan ?? 300, clients, users, scopeRoles, untoldScopes };
}

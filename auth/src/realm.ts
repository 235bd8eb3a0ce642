import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of the realm export, the single source of truth for clients and purposes. */
export const REALM_PATH = resolve(__dirname, '../realm/cmb-realm.json');

interface ProtocolMapper {
  protocolMapper: string;
  config?: Record<string, string>;
}

interface RealmClientExport {
  clientId: string;
  secret?: string;
  publicClient?: boolean;
  serviceAccountsEnabled?: boolean;
  enabled?: boolean;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  protocolMappers?: ProtocolMapper[];
}

interface RealmExport {
  realm: string;
  accessTokenLifespan?: number;
  clients: RealmClientExport[];
  clientScopes?: { name: string; protocolMappers?: ProtocolMapper[] }[];
  users?: { username: string; serviceAccountClientId?: string; attributes?: Record<string, string[]> }[];
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
}

/** The parts of the realm export the project reads. */
export interface Realm {
  name: string;
  accessTokenLifespan: number;
  clients: Map<string, RealmClient>;
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
    });
  }
  return { name: realm.realm, accessTokenLifespan: realm.accessTokenLifespan ?? 300, clients };
}

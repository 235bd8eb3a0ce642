import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Realm, RealmClient } from './realm';

/** A running development issuer. */
export interface DevIssuer {
  issuer: string;
  tokenUrl: string;
  jwksUrl: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > 16_384) break;
  }
  return new URLSearchParams(text);
}

/** Client id and secret from HTTP Basic authentication or the form, as Keycloak accepts both. */
function credentials(req: IncomingMessage, form: URLSearchParams): { clientId: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { clientId: form.get('client_id'), secret: form.get('client_secret') };
}

/** The scopes granted for a request: the client's defaults plus the optional ones asked; unknown ones are an error. */
function grantedScopes(client: RealmClient, asked: string | null): string[] | null {
  const requested = (asked ?? '').split(' ').filter(Boolean);
  if (requested.some((scope) => !client.optionalScopes.includes(scope) && !client.defaultScopes.includes(scope) && scope !== 'openid'))
    return null;
  return [...new Set([...client.defaultScopes, ...requested.filter((scope) => scope !== 'openid')])];
}

/**
 * An OpenID Connect issuer for development only, reading the same realm
 * export as Keycloak and serving Keycloak's paths (`/realms/<realm>/...`):
 * discovery, JWKS and the client-credentials token endpoint. It keeps
 * `npm start` self-contained; tests and production use Keycloak.
 */
export async function startDevIssuer(realm: Realm, options: { host?: string; port?: number; production: boolean }): Promise<DevIssuer> {
  if (options.production)
    throw new Error('the development issuer starts only with NODE_ENV=development or test: in production use Keycloak (AUTH_ISSUER)');
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const host = options.host ?? '127.0.0.1';
  let issuer = '';
  const base = `/realms/${realm.name}`;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === `${base}/.well-known/openid-configuration`) {
      return send(res, 200, {
        issuer,
        token_endpoint: `${issuer}/protocol/openid-connect/token`,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        grant_types_supported: ['client_credentials'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.method === 'GET' && path === `${base}/protocol/openid-connect/certs`) return send(res, 200, { keys: [jwk] });
    if (req.method === 'POST' && path === `${base}/protocol/openid-connect/token`) {
      readForm(req)
        .then(async (form) => {
          if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
          const { clientId, secret } = credentials(req, form);
          const client = clientId ? realm.clients.get(clientId) : undefined;
          if (!client || !client.serviceAccount || !client.confidential || client.secret !== secret) {
            return send(res, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
          }
          const scopes = grantedScopes(client, form.get('scope'));
          if (!scopes) return send(res, 400, { error: 'invalid_scope', error_description: 'Invalid scopes' });
          const now = Math.floor(Date.now() / 1000);
          const token = await new SignJWT({
            ...client.claims,
            typ: 'Bearer',
            azp: client.clientId,
            scope: scopes.join(' '),
            preferred_username: `service-account-${client.clientId}`,
          })
            .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
            .setIssuer(issuer)
            .setSubject(`service-account-${client.clientId}`)
            .setAudience(client.audiences.length > 0 ? client.audiences : ['account'])
            .setIssuedAt(now)
            .setExpirationTime(now + realm.accessTokenLifespan)
            .setJti(randomUUID())
            .sign(privateKey);
          send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: realm.accessTokenLifespan, scope: scopes.join(' ') });
        })
        .catch(() => send(res, 500, { error: 'server_error' }));
      return;
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  issuer = `http://${host}:${(server.address() as AddressInfo).port}${base}`;
  return {
    issuer,
    tokenUrl: `${issuer}/protocol/openid-connect/token`,
    jwksUrl: `${issuer}/protocol/openid-connect/certs`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

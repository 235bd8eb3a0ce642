import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { CodeFlow, readForm, sendReply, sessionCookieOf, type GrantedCode } from './code-flow';
import { grantedScopes } from './granted-scopes';
import { userClaims, type Realm } from './realm';
import { webOriginsOf } from './redirect-uris';

/** A running development issuer. */
export interface DevIssuer {
  issuer: string;
  tokenUrl: string;
  jwksUrl: string;
  /** The authorization endpoint of the code flow (browser clients). */
  authorizationUrl: string;
  /** The end-session (sign-out) endpoint. */
  endSessionUrl: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendReply(res, { status, json: body }, headers);
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

/** The `azp` of an unverified ID token hint (the end-session request names its client with it); null when unreadable. */
function clientOfHint(hint: string | null): string | null {
  try {
    const payload = JSON.parse(Buffer.from((hint ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as { azp?: unknown };
    return typeof payload.azp === 'string' ? payload.azp : null;
  } catch {
    return null;
  }
}

/**
 * An OpenID Connect issuer for development only, reading the same realm
 * export as Keycloak and serving Keycloak's paths (`/realms/<realm>/...`):
 * discovery, JWKS, the token endpoint (client credentials; authorization code
 * with PKCE for the browser clients), the authorization endpoint with a
 * sign-in form for the realm's users, and the end-session endpoint. It keeps
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
  const oidc = `${base}/protocol/openid-connect`;
  const flow = new CodeFlow(realm, () => issuer);
  const browserOrigins = new Set(
    [...realm.clients.values()].filter((client) => client.standardFlow).flatMap((client) => webOriginsOf(client)),
  );

  /** Keycloak writes a single audience as a string, several as a list. */
  const audienceOf = (audiences: readonly string[]): string | string[] =>
    audiences.length === 0 ? 'account' : audiences.length === 1 ? (audiences[0] ?? 'account') : [...audiences];
  const sign = (claims: JWTPayload, audience: string | string[], lifetime: number) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .setJti(randomUUID())
      .sign(privateKey);
  };

  /** The tokens of a redeemed code: the access token with the claims the realm's mappers give, and an ID token with the nonce. */
  const userTokens = async (granted: GrantedCode) => {
    const client = realm.clients.get(granted.clientId);
    if (!client) return { error: 'invalid_client' };
    const scope = granted.scopes.filter((name) => !realm.untoldScopes.has(name)).join(' ');
    const sid = randomUUID();
    const common = { sub: granted.user.id, azp: client.clientId, sid, auth_time: granted.authTime };
    const accessToken = await sign(
      {
        ...userClaims(client.userMappers, granted.user, 'access'),
        ...common,
        typ: 'Bearer',
        scope,
        ...(client.defaultScopes.includes('web-origins') ? { 'allowed-origins': webOriginsOf(client) } : {}),
      },
      audienceOf(client.audiences),
      realm.accessTokenLifespan,
    );
    const idToken = await sign(
      { ...userClaims(client.userMappers, granted.user, 'id'), ...common, typ: 'ID', ...(granted.nonce ? { nonce: granted.nonce } : {}) },
      client.clientId,
      realm.accessTokenLifespan,
    );
    return { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: realm.accessTokenLifespan, scope };
  };

  const clientCredentials = async (req: IncomingMessage, form: URLSearchParams, res: ServerResponse, cors: Record<string, string>) => {
    const { clientId, secret } = credentials(req, form);
    const client = clientId ? realm.clients.get(clientId) : undefined;
    if (!client || !client.serviceAccount || !client.confidential || client.secret !== secret) {
      return send(res, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }, cors);
    }
    const scopes = grantedScopes(client, form.get('scope'), client.serviceRoles, realm.scopeRoles)?.filter(
      (scope) => scope !== 'openid' && !realm.untoldScopes.has(scope),
    );
    if (!scopes) return send(res, 400, { error: 'invalid_scope', error_description: 'Invalid scopes' }, cors);
    const token = await sign(
      {
        ...client.claims,
        typ: 'Bearer',
        azp: client.clientId,
        sub: `service-account-${client.clientId}`,
        scope: scopes.join(' '),
        preferred_username: `service-account-${client.clientId}`,
      },
      audienceOf(client.audiences),
      realm.accessTokenLifespan,
    );
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: realm.accessTokenLifespan, scope: scopes.join(' ') }, cors);
  };

  const token = async (req: IncomingMessage, res: ServerResponse, cors: Record<string, string>) => {
    const form = await readForm(req);
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') return clientCredentials(req, form, res, cors);
    if (grant !== 'authorization_code') return send(res, 400, { error: 'unsupported_grant_type' }, cors);
    const granted = flow.redeem(form);
    if ('error' in granted) return send(res, 400, { error: granted.error, error_description: granted.description }, cors);
    const tokens = await userTokens(granted);
    send(res, 'error' in tokens ? 400 : 200, tokens, cors);
  };

  const server: Server = createServer((req, res) => {
    const url = URL.parse(req.url ?? '/', 'http://issuer.invalid');
    // A target that is no path (`//`) would throw out of the handler and stop the issuer.
    if (!url) return send(res, 400, { error: 'invalid_request' });
    const path = url.pathname;
    // Browser pages of the realm's clients call discovery, keys and the token endpoint from their own origin.
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && browserOrigins.has(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (req.method === 'GET' && path === `${base}/.well-known/openid-configuration`) {
      return send(
        res,
        200,
        {
          issuer,
          authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
          token_endpoint: `${issuer}/protocol/openid-connect/token`,
          jwks_uri: `${issuer}/protocol/openid-connect/certs`,
          end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
          grant_types_supported: ['authorization_code', 'client_credentials'],
          response_types_supported: ['code'],
          response_modes_supported: ['query'],
          code_challenge_methods_supported: ['S256'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
          scopes_supported: ['openid', ...new Set([...realm.clients.values()].flatMap((client) => client.optionalScopes))],
          claims_parameter_supported: false,
          request_parameter_supported: false,
          authorization_response_iss_parameter_supported: true,
        },
        cors,
      );
    }
    if (req.method === 'GET' && path === `${oidc}/certs`) return send(res, 200, { keys: [jwk] }, cors);
    if (req.method === 'GET' && path === `${oidc}/auth`) return sendReply(res, flow.authorize(url.searchParams, sessionCookieOf(req)));
    if (req.method === 'POST' && path === `${base}/login-actions/authenticate`) {
      readForm(req)
        .then((form) => sendReply(res, flow.signIn(url.searchParams, form)))
        .catch(() => send(res, 500, { error: 'server_error' }));
      return;
    }
    if (req.method === 'GET' && path === `${oidc}/logout`)
      return sendReply(res, flow.endSession(url.searchParams, clientOfHint(url.searchParams.get('id_token_hint')), sessionCookieOf(req)));
    if (req.method === 'POST' && path === `${oidc}/token`) {
      token(req, res, cors).catch(() => send(res, 500, { error: 'server_error' }, cors));
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
    authorizationUrl: `${issuer}/protocol/openid-connect/auth`,
    endSessionUrl: `${issuer}/protocol/openid-connect/logout`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

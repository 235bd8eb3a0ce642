import { fetchClientCredentialsToken, loadRealm } from '@cmb/auth';
import { inject } from 'vitest';
// @ts-expect-error plain ESM helper shared with the scripts
import { authorizationCodeToken } from '../../scripts/lib/keycloak.mjs';

const realm = loadRealm();
const cache = new Map<string, { token: Promise<string>; obtainedAt: number }>();
/** Tokens live 5 minutes in the realm; renew well before. */
const RENEW_AFTER_MS = 3 * 60_000;

/**
 * An access token for a realm client acting under one purpose, obtained with
 * client credentials from the run's identity provider (cached per client and purpose).
 */
export function tokenFor(clientId: string, scope: string = 'eligibility:check'): Promise<string> {
  const key = `${clientId} ${scope}`;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.obtainedAt < RENEW_AFTER_MS) return cached.token;
  const client = realm.clients.get(clientId);
  if (!client?.secret) throw new Error(`no confidential client ${clientId} in the realm`);
  const token = fetchClientCredentialsToken({
    tokenUrl: inject('tokenUrl'),
    clientId,
    clientSecret: client.secret,
    scope: scope || undefined,
  });
  cache.set(key, { token, obtainedAt: Date.now() });
  return token;
}

/** The Authorization header of a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The Authorization header for a client and purpose. */
export async function authAs(clientId: string, scope?: string): Promise<Record<string, string>> {
  return bearer(await tokenFor(clientId, scope));
}

/** The console's origin, where both user-facing clients of the realm redirect (`CONSOLE_ORIGIN` of `npm start`). */
const CONSOLE_ORIGIN = 'http://127.0.0.1:5173';

/** The redirect URI each user-facing client of the realm registers. */
const REDIRECT_URIS = { 'patient-portal': `${CONSOLE_ORIGIN}/callback`, 'officer-console': `${CONSOLE_ORIGIN}/callback` };

/** A user's access token: authorization code with PKCE against the run's identity provider. */
export async function userToken(clientId: keyof typeof REDIRECT_URIS, username: string, scope: string): Promise<Record<string, string>> {
  const issuer = inject('issuer');
  const answer = (await authorizationCodeToken(
    { authorizationUrl: `${issuer}/protocol/openid-connect/auth`, tokenUrl: inject('tokenUrl') },
    { clientId, username, scope, redirectUri: REDIRECT_URIS[clientId] },
  )) as { status: number; body: { access_token?: string } };
  if (answer.status !== 200 || !answer.body.access_token) throw new Error(`no token for ${username} (HTTP ${answer.status})`);
  return bearer(answer.body.access_token);
}

/** A patient portal user's access token. */
export function patientToken(username: string, scope: string): Promise<Record<string, string>> {
  return userToken('patient-portal', username, scope);
}

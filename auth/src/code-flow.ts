import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderLoginPage } from './login-page';
import { OneTimeStore } from './one-time-store';
import { isS256Challenge, pkceVerifierMatches } from './pkce';
import type { Realm, RealmClient, RealmUser } from './realm';
import { redirectUriAllowed } from './redirect-uris';
import { grantedScopes } from './granted-scopes';

/** A sign-in asked for by a browser client, waiting for the user's password. */
interface PendingSignIn {
  clientId: string;
  redirectUri: string;
  state: string | null;
  nonce: string | null;
  challenge: string;
  scope: string | null;
}

/** What an authorization code stands for, until the client redeems it once. */
export interface GrantedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  user: RealmUser;
  scopes: string[];
  /** Seconds since the epoch, when the user signed in. */
  authTime: number;
}

/** How long an authorization code lives (Keycloak's default: one minute). */
const CODE_TTL_MS = 60_000;
/** How long the sign-in form waits for the password. */
const SIGN_IN_TTL_MS = 10 * 60_000;
/** Most codes and pending sign-ins held at once; past it the oldest are dropped. */
const MAX_PENDING = 10_000;
/** How long a browser stays signed in to the issuer (Keycloak's SSO session idle default: 30 minutes). */
const SESSION_TTL_MS = 30 * 60_000;
/** The cookie of the issuer's sign-in session, as Keycloak keeps one: a second client or purpose asked signs in without the form. */
export const SESSION_COOKIE = 'CMB_DEV_SESSION';

/** The same message for an unknown user and a wrong password: the form never tells which usernames exist. */
const INVALID_CREDENTIALS = 'Invalid username or password.';

/** What the routes answer with. */
export interface CodeFlowReply {
  status: number;
  headers?: Record<string, string>;
  html?: string;
  json?: unknown;
}

function redirectTo(uri: string, params: Record<string, string | null>): CodeFlowReply {
  const target = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== null) target.searchParams.set(name, value);
  return { status: 302, headers: { location: target.toString() } };
}

const errorPage = (message: string): CodeFlowReply => ({
  status: 400,
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p>${message}</p></main></body></html>`,
});

/**
 * The authorization code flow of the development issuer, for the realm's
 * public browser clients (`standardFlowEnabled`): the authorization request
 * (PKCE S256 required, the redirect URI matched as Keycloak does, `state` and
 * `nonce` carried through), the sign-in form of the realm's users, one-time
 * codes that expire after a minute, and their redemption with the verifier.
 * Nothing is kept on disk; a restart forgets every pending sign-in and code.
 */
export class CodeFlow {
  private readonly pending = new OneTimeStore<PendingSignIn>(SIGN_IN_TTL_MS, MAX_PENDING);
  private readonly codes = new OneTimeStore<GrantedCode>(CODE_TTL_MS, MAX_PENDING);
  /** Signed-in browsers, by the random value of their session cookie. */
  private readonly sessions = new OneTimeStore<{ user: RealmUser; authTime: number }>(SESSION_TTL_MS, MAX_PENDING);

  constructor(
    private readonly realm: Realm,
    private readonly issuer: () => string,
  ) {}

  private browserClient(clientId: string | null): RealmClient | null {
    const client = clientId ? this.realm.clients.get(clientId) : undefined;
    return client && client.standardFlow && !client.confidential ? client : null;
  }

  /**
   * GET the authorization endpoint: checks the request, then shows the
   * sign-in form, or, for a browser already signed in (its session cookie,
   * unless `prompt=login`), sends the code at once (errors go back to a valid
   * redirect URI only).
   */
  authorize(query: URLSearchParams, sessionId: string | null = null): CodeFlowReply {
    const client = this.browserClient(query.get('client_id'));
    if (!client) return errorPage('Unknown client, or a client that does not sign users in.');
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri || !redirectUriAllowed(client.redirectUris, redirectUri)) return errorPage('Invalid parameter: redirect_uri.');
    const state = query.get('state');
    const back = (error: string, description: string) => redirectTo(redirectUri, { error, error_description: description, state });
    if (query.get('response_type') !== 'code')
      return back('unsupported_response_type', 'Only the authorization code flow (response_type=code) is served.');
    const challenge = query.get('code_challenge');
    if (query.get('code_challenge_method') !== 'S256' || !isS256Challenge(challenge))
      return back('invalid_request', 'Missing parameter: code_challenge with code_challenge_method=S256 (PKCE) is required.');
    if (!grantedScopes(client, query.get('scope'), [], new Map()))
      return back('invalid_scope', 'Invalid scopes: ' + (query.get('scope') ?? ''));
    const request: PendingSignIn = {
      clientId: client.clientId,
      redirectUri,
      state,
      nonce: query.get('nonce'),
      challenge,
      scope: query.get('scope'),
    };
    const session = query.get('prompt') === 'login' ? null : this.sessions.peek(sessionId);
    if (session) return this.grant(request, session.user, session.authTime);
    const id = this.pending.put(request);
    return { status: 200, html: renderLoginPage({ action: this.loginAction(id), clientName: client.clientId }) };
  }

  /** The code for a signed-in user, sent back to the client's redirect URI (an error there when the user may not have the scopes). */
  private grant(request: PendingSignIn, user: RealmUser, authTime: number): CodeFlowReply {
    const client = this.browserClient(request.clientId);
    const scopes = client ? grantedScopes(client, request.scope, user.realmRoles, this.realm.scopeRoles) : null;
    if (!scopes) return redirectTo(request.redirectUri, { error: 'invalid_scope', state: request.state });
    const code = this.codes.put({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      nonce: request.nonce,
      user,
      scopes,
      authTime,
    });
    return redirectTo(request.redirectUri, { code, state: request.state, iss: this.issuer() });
  }

  /** The session cookie's attributes: the issuer's own path, never sent to the applications, not readable by scripts. */
  private cookie(value: string, maxAgeSeconds: number): string {
    const path = new URL(this.issuer()).pathname;
    return `${SESSION_COOKIE}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
  }

  private loginAction(id: string): string {
    return `${this.issuer()}/login-actions/authenticate?session_code=${encodeURIComponent(id)}`;
  }

  /** POST the sign-in form: a wrong password or an unknown user shows the form again with one message; a right one sends the code. */
  signIn(query: URLSearchParams, form: URLSearchParams): CodeFlowReply {
    const id = query.get('session_code');
    const request = this.pending.peek(id);
    if (!id || !request) return errorPage('This sign-in has expired: start again from the application.');
    const username = form.get('username') ?? '';
    const user = this.realm.users.get(username);
    if (!user || user.password === null || user.password !== (form.get('password') ?? '')) {
      return {
        status: 200,
        html: renderLoginPage({ action: this.loginAction(id), clientName: request.clientId, username, error: INVALID_CREDENTIALS }),
      };
    }
    this.pending.take(id);
    const authTime = Math.floor(Date.now() / 1000);
    const session = this.sessions.put({ user, authTime });
    const reply = this.grant(request, user, authTime);
    return { ...reply, headers: { ...reply.headers, 'set-cookie': this.cookie(session, SESSION_TTL_MS / 1000) } };
  }

  /**
   * Redeems a code at the token endpoint: once, within its minute, by the
   * client it was issued to, with the same redirect URI and the PKCE verifier
   * of its challenge; otherwise `invalid_grant` (the code is spent either way).
   */
  redeem(form: URLSearchParams): GrantedCode | { error: string; description: string } {
    const granted = this.codes.take(form.get('code'));
    if (!granted) return { error: 'invalid_grant', description: 'Code not valid' };
    if (granted.clientId !== form.get('client_id')) return { error: 'invalid_grant', description: 'Code not issued to this client' };
    if (granted.redirectUri !== form.get('redirect_uri')) return { error: 'invalid_grant', description: 'Incorrect redirect_uri' };
    if (!pkceVerifierMatches(form.get('code_verifier'), granted.challenge))
      return { error: 'invalid_grant', description: 'PKCE verification failed: Invalid code verifier' };
    return granted;
  }

  /** GET the end-session endpoint: back to a registered post-logout URI of the client (with `state`), or a page saying the user is signed out. */
  endSession(query: URLSearchParams, clientIdOfHint: string | null, sessionId: string | null = null): CodeFlowReply {
    // Signed out of the issuer too: the next sign-in shows the form again.
    this.sessions.take(sessionId);
    const reply = this.endSessionReply(query, clientIdOfHint);
    return { ...reply, headers: { ...reply.headers, 'set-cookie': this.cookie('', 0) } };
  }

  private endSessionReply(query: URLSearchParams, clientIdOfHint: string | null): CodeFlowReply {
    const target = query.get('post_logout_redirect_uri');
    const client = this.browserClient(query.get('client_id') ?? clientIdOfHint);
    if (target) {
      if (!client || !redirectUriAllowed(client.postLogoutRedirectUris, target)) return errorPage('Invalid redirect uri.');
      return redirectTo(target, { state: query.get('state') });
    }
    return {
      status: 200,
      html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head><body><main><h1>You are signed out.</h1></main></body></html>',
    };
  }
}

/** The issuer's session cookie of a request, or null. */
export function sessionCookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** Reads a url-encoded form body, bounded to 16 KiB. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > 16_384) break;
  }
  return new URLSearchParams(text);
}

/** Writes a reply: HTML pages are never cached and may not be framed. */
export function sendReply(res: ServerResponse, reply: CodeFlowReply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...extraHeaders, ...reply.headers };
  if (reply.html !== undefined) {
    res.writeHead(reply.status, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'",
    });
    res.end(reply.html);
  } else if (reply.json !== undefined) {
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status, headers);
    res.end();
  }
}

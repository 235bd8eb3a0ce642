import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { consoleConfig } from '../config';
import { language } from '../i18n/i18n';

/** The realm's public clients the consoles sign in with. */
export type ConsoleClient = 'officer-console' | 'patient-portal';

/** One purpose per token (the gateway refuses a token with several): a sign-in is per client and purpose. */
export interface Grant {
  client: ConsoleClient;
  purpose: string;
}

const PENDING_KEY = 'cmb.console.pendingSignIn';
const managers = new Map<string, UserManager>();

/**
 * The OIDC client of a grant: authorization code with PKCE (S256), its user
 * (tokens) kept in this tab's sessionStorage under a key of its own, so the
 * tokens of several purposes live side by side. No silent renewal, no
 * session iframe: an expired token sends the user back to sign in.
 */
function managerOf({ client, purpose }: Grant): UserManager {
  const key = `${client} ${purpose}`;
  let manager = managers.get(key);
  if (!manager) {
    const origin = window.location.origin;
    manager = new UserManager({
      authority: consoleConfig().issuer,
      client_id: client,
      redirect_uri: `${origin}/callback`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: `openid ${purpose}`,
      userStore: new WebStorageStateStore({ store: sessionStorage, prefix: `cmb.${client}.${purpose}.` }),
      stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: 'cmb.oidc-state.' }),
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
    });
    managers.set(key, manager);
  }
  return manager;
}

/** Thrown when a grant has no valid token: the page sends the user to sign in (what they were doing is kept). */
export class SignInRequired extends Error {
  constructor(readonly grant: Grant) {
    super('sign-in required');
  }
}

/** The signed-in user of a grant, or null when none or expired. */
export async function userOf(grant: Grant): Promise<User | null> {
  const user = await managerOf(grant).getUser();
  return user && !user.expired ? user : null;
}

/** Whether a token was granted the purpose (Keycloak leaves out a purpose the user's roles do not allow). */
export function grantedPurpose(user: User, purpose: string): boolean {
  return (user.scope ?? '').split(' ').includes(purpose);
}

/** A grant's access token, or {@link SignInRequired}. */
export async function accessToken(grant: Grant): Promise<string> {
  const user = await userOf(grant);
  if (!user) throw new SignInRequired(grant);
  return user.access_token;
}

/** Forgets a grant's token (the gateway said it is no longer valid). */
export async function forget(grant: Grant): Promise<void> {
  await managerOf(grant).removeUser();
}

/** Sends the browser to the identity provider's sign-in page; back on `returnTo` once signed in. */
export async function signIn(grant: Grant, returnTo: string): Promise<void> {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ ...grant, returnTo }));
  await managerOf(grant).signinRedirect({ ui_locales: language() });
}

/** Completes the sign-in on `/callback`; returns where the user was going. */
export async function completeSignIn(): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as (Grant & { returnTo: string }) | null;
  if (!pending) throw new Error('no sign-in under way');
  sessionStorage.removeItem(PENDING_KEY);
  await managerOf(pending).signinRedirectCallback();
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/';
}

/**
 * The prefix of every key the consoles write to a tab's sessionStorage: the
 * tokens of each grant, the sign-in under way, the officer's search and
 * review queue. A new key keeps it, so that signing out forgets it too.
 */
export const CONSOLE_STORAGE_PREFIX = 'cmb.';

/**
 * Forgets everything the consoles kept in this tab (tokens of every client
 * and purpose, OIDC state, what was typed and read): the next person to sign
 * in here finds none of it. The language chosen (localStorage) is a
 * preference of the browser, not of a user, and stays.
 */
export function forgetConsoleStorage(): void {
  const keys = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i));
  for (const key of keys) if (key?.startsWith(CONSOLE_STORAGE_PREFIX)) sessionStorage.removeItem(key);
}

/**
 * Signs out of every grant of a client, and of the identity provider's
 * session: the tab's console storage is cleared before the redirect.
 */
export async function signOut(client: ConsoleClient, purposes: readonly string[]): Promise<void> {
  const first = purposes[0];
  const manager = first ? managerOf({ client, purpose: first }) : null;
  const user = await manager?.getUser();
  forgetConsoleStorage();
  if (!manager) return;
  await manager.signoutRedirect({ id_token_hint: user?.id_token });
}

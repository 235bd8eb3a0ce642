import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from './graphql-client';
import { startConsoleServer } from '../../console/server/console-server.mjs';
import { DEV_USER_PASSWORD } from '../../scripts/lib/keycloak.mjs';

/** The consoles' origin: the one the realm's redirect URIs and the gateway's CONSOLE_ORIGIN name. */
export const CONSOLE_ORIGIN = 'http://127.0.0.1:5173';
/**
 * Where the tests write their screenshots: `.cache/screenshots` (not tracked), or the README's
 * `docs/screenshots` when `CMB_SCREENSHOTS_DIR=docs/screenshots` asks to refresh them.
 */
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', process.env.CMB_SCREENSHOTS_DIR ?? join('.cache', 'screenshots'));

/** Serves the built consoles for this run's gateway and Keycloak. */
export async function startConsoles(): Promise<{ url: string; stop: () => Promise<void> }> {
  return startConsoleServer({ origin: CONSOLE_ORIGIN, issuer: inject('issuer'), gatewayUrl: inject('gatewayUrl') });
}

/** Signs in on Keycloak's own login page, as a person would, and waits to be back on the consoles. */
export async function signInOnKeycloak(page: Page, username: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(inject('issuer')), { timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', DEV_USER_PASSWORD);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.origin === CONSOLE_ORIGIN && url.pathname !== '/callback', { timeout: 30_000 });
}

/**
 * Posts an operation the browser tests need done before the page is opened
 * (an access to show, a break-glass access to review), tried again twice when
 * a subgraph is still cold on a busy machine (`SUBGRAPH_UNAVAILABLE` after its
 * timeout); any other error is the answer.
 */
export async function prepare<T>(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<GraphQLAnswer<T>> {
  let answer = await postGraphQL<T>(inject('gatewayUrl'), query, variables, headers);
  for (let tries = 1; tries < 3 && answer.body.errors?.some((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE'); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    answer = await postGraphQL<T>(inject('gatewayUrl'), query, variables, headers);
  }
  return answer;
}

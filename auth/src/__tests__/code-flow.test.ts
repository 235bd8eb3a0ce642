import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevIssuer, type DevIssuer } from '../dev-issuer';
import { loadRealm } from '../realm';
import { createTokenVerifier } from '../token-verifier';

const CONSOLE = 'http://127.0.0.1:5173';
const CALLBACK = `${CONSOLE}/callback`;
const PASSWORD = 'dev-only-password';

/** One authorization request as a browser client makes it; returns the sign-in page and what the client keeps. */
async function authorize(issuer: DevIssuer, params: Record<string, string> = {}, cookie: string | null = null) {
  const verifier = randomBytes(32).toString('base64url');
  const query = {
    client_id: 'patient-portal',
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid audit:read',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...params,
  };
  const page = await fetch(`${issuer.authorizationUrl}?${new URLSearchParams(query)}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  const html = await page.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;
  return { page, html, action, verifier, query };
}

async function signIn(action: string, username: string, password: string) {
  return fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
}

async function redeem(issuer: DevIssuer, form: Record<string, string>) {
  const answer = await fetch(issuer.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: CONSOLE },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'patient-portal', redirect_uri: CALLBACK, ...form }),
  });
  return {
    status: answer.status,
    cors: answer.headers.get('access-control-allow-origin'),
    body: (await answer.json()) as Record<string, string>,
  };
}

/** The whole flow: authorization request, sign-in, code back to the redirect URI, redeemed with the verifier. */
async function signedIn(issuer: DevIssuer, username: string, params: Record<string, string> = {}) {
  const { action, verifier, query } = await authorize(issuer, params);
  if (!action) throw new Error('no sign-in form');
  const back = new URL((await signIn(action, username, PASSWORD)).headers.get('location') ?? '');
  const code = back.searchParams.get('code') ?? '';
  return {
    back,
    code,
    verifier,
    query,
    tokens: await redeem(issuer, { code, code_verifier: verifier, client_id: query.client_id, redirect_uri: query.redirect_uri }),
  };
}

describe("the development issuer's authorization code flow", () => {
  let issuer: DevIssuer;
  const realm = loadRealm();

  beforeAll(async () => {
    issuer = await startDevIssuer(realm, { production: false });
  });

  afterAll(async () => {
    await issuer?.close();
  });

  it('lists its endpoints in the discovery document', async () => {
    const discovery = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: issuer.issuer,
      authorization_endpoint: issuer.authorizationUrl,
      token_endpoint: issuer.tokenUrl,
      end_session_endpoint: issuer.endSessionUrl,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
  });

  it("signs p01-amal in to the patient portal: state back, the realm's claims, the nonce in the ID token, a token the gateway accepts", async () => {
    const { back, query, tokens } = await signedIn(issuer, 'p01-amal');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe(query.state);
    expect(back.searchParams.get('iss')).toBe(issuer.issuer);
    expect(tokens.status).toBe(200);
    expect(tokens.cors).toBe(CONSOLE);
    const access = decodeJwt(tokens.body.access_token ?? '');
    expect(access).toMatchObject({
      iss: issuer.issuer,
      aud: 'cmb-gateway',
      azp: 'patient-portal',
      typ: 'Bearer',
      scope: 'openid audit:read',
      preferred_username: 'p01-amal',
      national_id: 'ZZ000001',
      org: 'PATIENT_PORTAL',
      org_kind: 'PATIENT_PORTAL',
      'allowed-origins': [CONSOLE],
    });
    expect(decodeJwt(tokens.body.id_token ?? '')).toMatchObject({ aud: 'patient-portal', nonce: query.nonce, sub: access.sub });
    const verifier = createTokenVerifier({
      issuer: issuer.issuer,
      audience: 'cmb-gateway',
      knownPurposes: ['audit:read', 'statistics:read'],
    });
    expect(await verifier.verify(tokens.body.access_token ?? '')).toMatchObject({
      clientId: 'patient-portal',
      purposes: ['audit:read'],
      nationalId: 'ZZ000001',
      orgKind: 'PATIENT_PORTAL',
    });
  });

  it('keeps the national id out of the ID token, which the sign-out URL carries as id_token_hint (the access token keeps it)', async () => {
    const { tokens } = await signedIn(issuer, 'p01-amal');
    expect(decodeJwt(tokens.body.access_token ?? '')).toMatchObject({ national_id: 'ZZ000001' });
    const idToken = decodeJwt(tokens.body.id_token ?? '');
    expect(idToken).toMatchObject({ preferred_username: 'p01-amal' });
    expect(idToken).not.toHaveProperty('national_id');
    expect(idToken).not.toHaveProperty('org_kind');
  });

  it.each(['patient-portal', 'officer-console'])(
    "%s: no mapper of the realm (Keycloak's too) puts a national id in the ID token",
    (clientId) => {
      const mappers = realm.clients.get(clientId)?.userMappers ?? [];
      expect(mappers.length).toBeGreaterThan(0);
      const intoIdToken = mappers
        .filter((mapper) => mapper.config?.['id.token.claim'] === 'true')
        .map((mapper) => mapper.config?.['claim.name']);
      expect(intoIdToken).not.toContain('national_id');
    },
  );

  it("signs officer-anam in to the officer console with ANAM's claims; a scope the user's roles do not allow is left out", async () => {
    const anam = await signedIn(issuer, 'officer-anam', { client_id: 'officer-console', scope: 'openid statistics:read' });
    expect(decodeJwt(anam.tokens.body.access_token ?? '')).toMatchObject({
      azp: 'officer-console',
      scope: 'openid statistics:read',
      org: 'ANAM',
      org_kind: 'REGULATOR',
      preferred_username: 'officer-anam',
    });
    const cnss = await signedIn(issuer, 'officer-cnss', { client_id: 'officer-console', scope: 'openid statistics:read' });
    expect(decodeJwt(cnss.tokens.body.access_token ?? '')).toMatchObject({ scope: 'openid', org: 'CNSS', org_kind: 'OG' });
  });

  it('refuses a wrong verifier, then the code it spent, and a code used twice', async () => {
    const { action, verifier } = await authorize(issuer);
    const code = new URL((await signIn(action ?? '', 'p01-amal', PASSWORD)).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrong = await redeem(issuer, { code, code_verifier: randomBytes(32).toString('base64url') });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await redeem(issuer, { code, code_verifier: verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const again = await signedIn(issuer, 'p01-amal');
    expect(again.tokens.status).toBe(200);
    expect(await redeem(issuer, { code: again.code, code_verifier: again.verifier })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('keeps the browser signed in as Keycloak does: a second client or purpose gets its code without the form, until sign-out', async () => {
    const { action } = await authorize(issuer);
    const signedInAnswer = await signIn(action ?? '', 'p01-amal', PASSWORD);
    const setCookie = signedInAnswer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^CMB_DEV_SESSION=[\w-]{43}; Path=\/realms\/cmb; Max-Age=1800; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0] ?? '';

    const second = await authorize(issuer, { scope: 'openid records:consent' }, cookie);
    expect(second.page.status).toBe(302);
    const back = new URL(second.page.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe(second.query.state);
    const tokens = await redeem(issuer, {
      code: back.searchParams.get('code') ?? '',
      code_verifier: second.verifier,
      client_id: 'patient-portal',
      redirect_uri: CALLBACK,
    });
    expect(tokens.status).toBe(200);

    expect((await authorize(issuer, { prompt: 'login' }, cookie)).action).not.toBeNull();
    expect((await authorize(issuer, {}, 'CMB_DEV_SESSION=forged')).action).not.toBeNull();
    const signedOut = await fetch(issuer.endSessionUrl, { redirect: 'manual', headers: { cookie } });
    expect(signedOut.headers.get('set-cookie')).toMatch(/^CMB_DEV_SESSION=; Path=\/realms\/cmb; Max-Age=0/);
    expect((await authorize(issuer, {}, cookie)).action).not.toBeNull();
  });

  it('refuses a code redeemed by another client or with another redirect URI', async () => {
    const changes: Record<string, string>[] = [{ client_id: 'officer-console' }, { redirect_uri: `${CONSOLE}/other` }];
    for (const change of changes) {
      const { action, verifier } = await authorize(issuer);
      const code = new URL((await signIn(action ?? '', 'p01-amal', PASSWORD)).headers.get('location') ?? '').searchParams.get('code') ?? '';
      expect(await redeem(issuer, { code, code_verifier: verifier, ...change })).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant' },
      });
    }
  });

  it('never sends anyone to a foreign redirect URI', async () => {
    for (const redirect_uri of ['https://attacker.invalid/callback', 'http://127.0.0.1:5174/callback', `${CONSOLE}.attacker.invalid/`]) {
      const { page, action } = await authorize(issuer, { redirect_uri });
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
      expect(action).toBeNull();
    }
  });

  it('sends an error back to a valid redirect URI without PKCE, with the plain method, or for an unknown scope', async () => {
    const refusedParams: Record<string, string>[] = [
      { code_challenge: '' },
      { code_challenge_method: 'plain' },
      { scope: 'openid beneficiary:write' },
    ];
    for (const params of refusedParams) {
      const { page, query } = await authorize(issuer, params);
      expect(page.status).toBe(302);
      const back = new URL(page.headers.get('location') ?? '');
      expect(back.searchParams.get('error')).toMatch(/^invalid_(request|scope)$/);
      expect(back.searchParams.get('state')).toBe(query.state);
    }
  });

  it('shows the form again on a wrong password, with the same words for an unknown user (no user enumeration)', async () => {
    const { action } = await authorize(issuer);
    const wrong = await signIn(action ?? '', 'p01-amal', 'not-the-password');
    const unknown = await signIn(action ?? '', 'nobody-here', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([200, 200]);
    const [wrongPage, unknownPage] = [await wrong.text(), await unknown.text()];
    const message = (html: string) => /id="input-error"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(message(wrongPage)).toBe('Invalid username or password.');
    expect(message(unknownPage)).toBe(message(wrongPage));
    expect(wrongPage).toContain('id="kc-form-login"');
    // The same pending sign-in still works with the right password.
    expect((await signIn(action ?? '', 'p01-amal', PASSWORD)).status).toBe(302);
  });

  it('signs out to a registered post-logout URI only', async () => {
    const ok = await fetch(
      `${issuer.endSessionUrl}?${new URLSearchParams({ client_id: 'officer-console', post_logout_redirect_uri: `${CONSOLE}/`, state: 's1' })}`,
      {
        redirect: 'manual',
      },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${CONSOLE}/?state=s1`);
    const foreign = await fetch(
      `${issuer.endSessionUrl}?${new URLSearchParams({ client_id: 'officer-console', post_logout_redirect_uri: 'https://attacker.invalid/' })}`,
      { redirect: 'manual' },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
  });
});

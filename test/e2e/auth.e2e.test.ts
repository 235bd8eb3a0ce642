import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDevIssuer } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { fetchClientCredentialsToken, loadRealm } from '@cmb/auth';
import { postGraphQL } from '../support/graphql-client';
import { authAs, bearer, tokenFor } from '../support/tokens';

const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
      coverage {
        organism
      }
    }
  }
`;
const P01 = { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' } };

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function expectUnauthenticated(headers: Record<string, string>) {
  const answer = await postGraphQL(inject('gatewayUrl'), ELIGIBILITY, P01, headers);
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.body.data).toBeUndefined();
}

describe('authentication at the gateway', () => {
  let otherRealm: { tokenUrl: string; stop: () => Promise<void> };
  beforeAll(async () => {
    otherRealm = await startDevIssuer({ port: await freePort(), quiet: true });
  });
  afterAll(() => otherRealm?.stop());

  it('refuses a request without a token', () => expectUnauthenticated({}));
  it('refuses a malformed authorization header', () => expectUnauthenticated({ authorization: 'Basic Y2FiaW5ldDpzZWNyZXQ=' }));
  it('refuses a malformed token', () => expectUnauthenticated(bearer('not.a.token')));

  it('refuses a token whose payload was tampered with', async () => {
    const [header, , signature] = (await tokenFor('cabinet-zzp00001')).split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = base64url({
      iss: inject('issuer'),
      aud: 'cmb-gateway',
      azp: 'og-cnss',
      scope: 'beneficiary:read eligibility:check',
      org: 'CNSS',
      iat: now,
      exp: now + 300,
    });
    await expectUnauthenticated(bearer(`${header}.${forged}.${signature}`));
  });

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthenticated(
      bearer(
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: inject('issuer'), aud: 'cmb-gateway', azp: 'x', scope: 'eligibility:check', iat: now, exp: now + 300 })}.`,
      ),
    );
  });

  it('refuses a token of another realm (other issuer, other keys)', async () => {
    const client = loadRealm().clients.get('cabinet-zzp00001');
    const foreign = await fetchClientCredentialsToken({
      tokenUrl: otherRealm.tokenUrl,
      clientId: 'cabinet-zzp00001',
      clientSecret: client?.secret ?? '',
      scope: 'eligibility:check',
    });
    await expectUnauthenticated(bearer(foreign));
  });
});

describe('purposes (scopes) at the gateway', () => {
  it('refuses with FORBIDDEN, naming the paths, a token without the purpose; nothing is returned', async () => {
    const answer = await postGraphQL(inject('gatewayUrl'), ELIGIBILITY, P01, await authAs('test-no-scope', ''));
    expect(answer.status).toBe(403);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['eligibility'] });
  });

  it('refuses a field of another purpose while the rest of the purpose is fine', async () => {
    const query = /* GraphQL */ `
      query ($input: EligibilityInput!) {
        eligibility(input: $input) {
          outcome
        }
        p: provider(inpe: "ZZP00001") {
          name
        }
      }
    `;
    const answer = await postGraphQL(inject('gatewayUrl'), query, P01, await authAs('cabinet-zzp00001', 'eligibility:check'));
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['p'] });
    expect(answer.body.data).toBeUndefined();
  });

  it('serves a field under its purpose', async () => {
    const answer = await postGraphQL<{ provider: { name: string } }>(
      inject('gatewayUrl'),
      '{ provider(inpe: "ZZP00001") { inpe active } }',
      {},
      await authAs('cabinet-zzp00001', 'provider:read'),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.provider).toEqual({ inpe: 'ZZP00001', active: true });
  });

  it('refuses a purpose the client does not hold at the identity provider', async () => {
    await expect(tokenFor('pharmacie-zzp00002', 'beneficiary:write')).rejects.toThrow(/invalid_scope|refused/);
  });
});

describe('subgraphs trust only the gateway', () => {
  it.each([
    ['no context', {}],
    ['a bearer token instead of the gateway context', null],
    [
      'a forged context',
      { 'x-cmb-context': `${base64url({ v: 1, c: { clientId: 'x', purposes: ['eligibility:check'] }, t: Date.now() })}.AAAA` },
    ],
  ])('refuse a request that comes around the gateway with %s', async (_label, headers) => {
    const direct = headers ?? (await authAs('cabinet-zzp00001'));
    const answer = await postGraphQL(inject('subgraphUrls').beneficiaries, ELIGIBILITY, P01, direct);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('no client can act as another provider', () => {
  const check = async (clientId: string, providerInpe: string) =>
    postGraphQL<{ eligibility: { outcome: string } }>(
      inject('gatewayUrl'),
      ELIGIBILITY,
      { input: { ...P01.input, providerInpe } },
      await authAs(clientId),
    );

  it('refuses a professional checking for another INPE', async () => {
    const answer = await check('cabinet-zzp00001', 'ZZP00003');
    expect(answer.status).toBe(403);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PROVIDER_BINDING',
      refusedPaths: ['eligibility'],
    });
    expect(answer.body.data).toBeUndefined();
  });

  it('lets an establishment check for a professional attached to it', async () => {
    const answer = await check('clinique-zzp00010', 'ZZP00001');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.eligibility.outcome).toBe('ELIGIBLE');
  });

  it('refuses an establishment checking for a professional not attached to it', async () => {
    const answer = await check('clinique-zzp00010', 'ZZP00003');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PROVIDER_BINDING' });
  });

  it('refuses the binding hidden in a fragment on the root', async () => {
    const query =
      'query { ...F } fragment F on Query { eligibility(input: { nationalId: "ZZ000001", providerInpe: "ZZP00003", date: "2026-03-02" }) { outcome } }';
    const answer = await postGraphQL(inject('gatewayUrl'), query, {}, await authAs('cabinet-zzp00001'));
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PROVIDER_BINDING' });
    expect(answer.body.data).toBeUndefined();
  });

  it('refuses the binding whatever the spelling of the INPE', async () => {
    const answer = await check('pharmacie-zzp00002', ' zzp00004 ');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

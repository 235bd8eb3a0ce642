import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_DOCUMENT_TOKENS } from '../../gateway/src/pipeline/graphql/bound-document-size';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/** A gateway of the describe block's own, with these settings over the run's; started before its tests, stopped after. */
function useOwnGateway(settings: Record<string, string>): { readonly url: string } {
  let started: { url: string; stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    started = await startGateway({
      port: await freePort(),
      subgraphUrls: inject('subgraphUrls'),
      quiet: true,
      env: { ...inject('gatewayEnv'), ...settings },
    });
  });
  afterAll(() => started?.stop());
  return {
    get url() {
      if (!started) throw new Error('the gateway of this block has not started');
      return started.url;
    },
  };
}

describe('hardening outside development', () => {
  it('refuses an operation deeper than the limit with QUERY_TOO_COMPLEX', async () => {
    const nested = (depth: number): string => (depth === 0 ? 'firstName' : `dependants { ${nested(depth - 1)} }`);
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      `{ person(nationalId: "ZZ000001") { ${nested(14)} } }`,
      {},
      await authAs('og-cnss', 'beneficiary:read'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('refuses alias flooding with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: provider(inpe: "ZZP00001") { inpe }`).join(' ');
    const answer = await postGraphQL(inject('gatewayUrl'), `{ ${aliases} }`, {}, await authAs('cabinet-zzp00001', 'provider:read'));
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('stops reading a document past its bound of tokens, before any validation', async () => {
    const answer = await postGraphQL(inject('gatewayUrl'), `{ ${'a '.repeat(MAX_DOCUMENT_TOKENS)}}`, {}, await authAs('cabinet-zzp00001'));
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors?.[0]?.message).toMatch(/Document contains more \w+ \d+ tokens/);
  });

  it('refuses introspection', async () => {
    const answer = await postGraphQL(inject('gatewayUrl'), '{ __schema { types { name } } }', {}, await authAs('cabinet-zzp00001'));
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives no schema hints in errors', async () => {
    const answer = await postGraphQL(inject('gatewayUrl'), '{ eligibilty { outcome } }', {}, await authAs('cabinet-zzp00001'));
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean/);
  });
});

describe('rate limit per client', () => {
  const gateway = useOwnGateway({ RATE_LIMIT_PER_SECOND: '0.5', RATE_LIMIT_BURST: '2' });

  it('answers 429 RATE_LIMITED with Retry-After past the burst, per client', async () => {
    const query = '{ provider(inpe: "ZZP00001") { inpe } }';
    const headers = await authAs('cabinet-zzp00001', 'provider:read');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(gateway.url, query, {}, headers)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await postGraphQL(gateway.url, query, {}, headers);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const other = await postGraphQL(gateway.url, query, {}, await authAs('pharmacie-zzp00002', 'provider:read'));
    expect(other.status).toBe(200);
  });
});

describe('the unauthenticated rate limit behind a trusted proxy (TRUSTED_PROXIES)', () => {
  const gateway = useOwnGateway({ RATE_LIMIT_PER_SECOND: '0.5', RATE_LIMIT_BURST: '2', TRUSTED_PROXIES: 'loopback' });

  const withBadToken = (client: string) =>
    postGraphQL(gateway.url, '{ __typename }', {}, { authorization: 'Bearer not-a-token', 'x-forwarded-for': client });

  it("holds one client's flood of bad tokens to that client: another behind the same proxy still hears 401, not 429", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await withBadToken('203.0.113.1')).status);
    expect(statuses).toEqual([401, 401, 429]);
    const other = await withBadToken('203.0.113.2');
    expect(other.status).toBe(401);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('a request body trickled in', () => {
  const gateway = useOwnGateway({ BODY_TIMEOUT_MS: '300' });

  it('answers 408 REQUEST_TOO_SLOW once BODY_TIMEOUT_MS has passed, and closes the connection', async () => {
    const { hostname, port, pathname } = new URL(gateway.url);
    const headers = await authAs('cabinet-zzp00001', 'provider:read');
    const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = request({
        host: hostname,
        port,
        path: pathname,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': 1000 },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      });
      req.on('error', reject);
      // A tenth of the body, then nothing.
      req.write('{"query":"' + 'x'.repeat(90));
    });
    expect(answer.status).toBe(408);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_SLOW' });
  });
});

describe('batched requests', () => {
  it('refuses an HTTP batch of operations (batching is off)', async () => {
    const one = { query: '{ provider(inpe: "ZZP00001") { inpe } }' };
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authAs('cabinet-zzp00001', 'provider:read')) },
      body: JSON.stringify(Array.from({ length: 50 }, () => one)),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain('ZZP00001"},{');
  });
});

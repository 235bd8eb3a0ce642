import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const QUERY = /* GraphQL */ `
  query Check($input: EligibilityInput!) {
    eligibility(input: $input) {
      eligible
      outcome
      complete
      reasons {
        code
      }
      coverage {
        organism
        role
      }
      provider {
        inpe
      }
      pathway {
        inPathway
      }
    }
  }
`;
const P01 = { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' };

interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/** A gateway routed like the shared one, except one subgraph routed to a port where nothing listens. */
async function gatewayWithout(subgraph: string): Promise<RunningGateway> {
  const deadPort = await freePort();
  const subgraphUrls = { ...inject('subgraphUrls'), [subgraph]: `http://127.0.0.1:${deadPort}/graphql` };
  return startGateway({ port: await freePort(), subgraphUrls, quiet: true, env: { ...inject('gatewayEnv'), SUBGRAPH_TIMEOUT_MS: '1000' } });
}

describe.each([
  ['providers', 'provider', 'PROVIDER_CHECK_UNAVAILABLE'],
  ['care-pathways', 'pathway', 'PATHWAY_CHECK_UNAVAILABLE'],
])('when %s is down', (subgraph, field, reason) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWithout(subgraph);
  });
  afterAll(() => gateway?.stop());

  it('still answers the coverage, says which check was not made, and puts the error on the missing part', async () => {
    const answer = await postGraphQL<{ eligibility: Record<string, unknown> & { reasons: { code: string }[] } }>(
      gateway.url,
      QUERY,
      { input: P01 },
      await authAs('cabinet-zzp00001'),
    );
    expect(answer.status).toBe(200);
    const decision = answer.body.data?.eligibility;
    expect(decision?.coverage).toEqual({ organism: 'CNSS', role: 'INSURED' });
    expect(decision?.outcome).toBe('ELIGIBLE');
    expect(decision?.complete).toBe(false);
    expect(decision?.reasons.map((r) => r.code)).toContain(reason);
    expect(decision?.[field]).toBeNull();
    const errors = answer.body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
    expect(errors.some((e) => JSON.stringify(e.path) === JSON.stringify(['eligibility', field]))).toBe(true);
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|stacktrace/);
  });
});

describe('when beneficiaries is down', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWithout('beneficiaries');
  });
  afterAll(() => gateway?.stop());

  it('answers HTTP 200 with SUBGRAPH_UNAVAILABLE and no decision', async () => {
    const answer = await postGraphQL(gateway.url, QUERY, { input: P01 }, await authAs('cabinet-zzp00001'));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { postGraphQL } from '../support/graphql-client';
import { authAs, patientToken } from '../support/tokens';

const P10 = { nationalId: 'ZZ000010', providerInpe: 'ZZP00002', date: '2026-03-02', careType: 'PHARMACY' };
const DIAGNOSIS = `query ($input: EligibilityInput!) { eligibility(input: $input) { outcome coverage { aldExemptions } pathway { ald { code } protocols { code } } } }`;

describe('one purpose per request', () => {
  it('refuses a token that carries two purposes before anything runs: no diagnosis through the eligibility query', async () => {
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      DIAGNOSIS,
      { input: P10 },
      await authAs('pharmacie-zzp00002', 'eligibility:check pathway:read'),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SINGLE_PURPOSE_REQUIRED' });
  });
});

/** A gateway of the describe block's own, at 2 requests then one per 5 s: each block's counts start from a full bucket. */
function useTightGateway(): () => { url: string; metricsUrl: string } {
  let gateway: { url: string; metricsUrl: string; stop: () => Promise<void> };
  beforeAll(async () => {
    gateway = await startGateway({
      port: await freePort(),
      subgraphUrls: inject('subgraphUrls'),
      quiet: true,
      env: { ...inject('gatewayEnv'), RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '2' },
    });
  });
  afterAll(() => gateway?.stop());
  return () => gateway;
}

describe('limits per source for a token refused for its purposes', () => {
  const gateway = useTightGateway();

  it('counts a token of several purposes against its source address (it was refused without limit)', async () => {
    const token = await authAs('pharmacie-zzp00002', 'eligibility:check pathway:read');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(gateway().url, DIAGNOSIS, { input: P10 }, token)).status);
    expect(statuses).toEqual([403, 403, 429]);
  });
});

describe('limits per person and per source', () => {
  const gateway = useTightGateway();

  it('holds each person signed in on the patient portal to a rate of their own', async () => {
    const query = '{ me { ref } }';
    const amal = await patientToken('p01-amal', 'records:consent');
    const hamza = await patientToken('p08-hamza', 'records:consent');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(gateway().url, query, {}, amal)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await postGraphQL(gateway().url, query, {}, hamza)).status).toBe(200);
  });

  it('holds unauthenticated traffic to a rate per source address, and counts it rather than logging each', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(gateway().url, '{ __typename }', {}, {})).status);
    expect(statuses).toEqual([401, 401, 429]);
    const metrics = await (await fetch(gateway().metricsUrl)).text();
    expect(metrics).toMatch(/cmb_gateway_unauthenticated_total\{kind="missing"\} 3/);
  });
});

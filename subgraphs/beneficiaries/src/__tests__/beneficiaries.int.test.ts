import { DESCRIBE_PERSONS_EXTENSION, loadPersonas, seedDatabase, SERVED_PERSONS_EXTENSION, type ServedPerson } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      id
      providerInpe
      careDate
      careType
    }
  }
`;
const DECIDE = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        outcome
        eligible
        complete
        reasons {
          code
          rule
        }
        coverage {
          organism
          regime
          role
          aldExemptions
        }
      }
    }
  }
`;
const ACTIVE_PROVIDER = { registered: true, active: true };
const NO_PATHWAY = { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] };

describe.each(ENGINES)('beneficiaries subgraph on %s', (engine) => {
  let database: TestDatabase;
  let app: BeneficiariesApp;
  /** A second replica on the same database: a hop 3 that reaches it reads the registry again. */
  let otherReplica: BeneficiariesApp;

  async function execute(query: string, variables: Record<string, unknown>, on: BeneficiariesApp = app) {
    return executeAs(on, query, variables);
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'beneficiaries');
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 300, seed: 7 });
    app = await buildBeneficiariesApp(config, dataSource);
    otherReplica = await buildBeneficiariesApp(config, beneficiariesDataSource(database.config));
  });

  afterAll(async () => {
    for (const replica of [app, otherReplica]) {
      await replica?.apollo.stop();
      if (replica?.dataSource.isInitialized) await replica.dataSource.destroy();
    }
    await database?.drop();
  });

  const coverageOnly = loadPersonas().filter((p) => !['PROVIDER_NOT_AUTHORIZED', 'OUT_OF_PATHWAY'].includes(p.expectedOutcome));

  it.each(
    coverageOnly.flatMap((p) => [
      [p.id, 'the replica that identified the person', p, false] as const,
      [p.id, 'another replica', p, true] as const,
    ]),
  )('decides persona %s from the registry, hop 3 on %s', async (_id, _where, persona, elsewhere) => {
    const identified = await execute(ELIGIBILITY, {
      input: { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType },
    });
    expect(identified.errors).toBeUndefined();
    const decision = identified.data?.eligibility as { id: string };
    expect(decision.id).not.toContain(persona.nationalId);
    const decided = await execute(
      DECIDE,
      {
        representations: [{ __typename: 'EligibilityDecision', id: decision.id, providerFacts: ACTIVE_PROVIDER, pathwayFacts: NO_PATHWAY }],
      },
      elsewhere ? otherReplica : app,
    );
    expect(decided.errors).toBeUndefined();
    const [result] = decided.data?._entities as {
      outcome: string;
      reasons: { code: string }[];
      coverage: Record<string, unknown> | null;
    }[];
    expect(result?.outcome).toBe(persona.expectedOutcome);
    // The reason that decided: first for ELIGIBLE, last for a refusal (RIGHTS_NOT_YET_OPEN, SEVERAL_ACTIVE_REGIMES, ...).
    const deciding = persona.expectedOutcome === 'ELIGIBLE' ? result?.reasons[0] : result?.reasons.at(-1);
    if (persona.reason) expect(deciding?.code).toBe(persona.reason);
    if (persona.coverage?.organism) expect(result?.coverage?.organism).toBe(persona.coverage.organism);
    if (persona.coverage?.role) expect(result?.coverage?.role).toBe(persona.coverage.role);
    if (persona.coverage?.regime) expect(result?.coverage?.regime).toBe(persona.coverage.regime);
  });

  const served = (result: { extensions?: Record<string, unknown> }) =>
    ((result.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[]).map((p) => [p.nationalId, p.organisms]).sort();

  it('reports to the gateway every person it served, dependants included, with their national id and the organisms covering them', async () => {
    const result = await execute('{ person(nationalId: "ZZ000001") { ref dependants { ref } } }', {});
    expect(result.errors).toBeUndefined();
    const dependants = (result.data?.person as { dependants: unknown[] }).dependants;
    expect(served(result)).toHaveLength(1 + dependants.length);
    expect(served(result)).toContainEqual(['ZZ000001', ['CNSS']]);
    expect(served(result)).toContainEqual(['ZZ000009', ['CNSS']]);
    const refs = (result.extensions?.[SERVED_PERSONS_EXTENSION] as ServedPerson[]).map((p) => p.ref);
    expect(refs).toContain((result.data?.person as { ref: string }).ref);
  });

  it("reports the persons an eligibility check identified (no more query for it) and a batch's rows changed, and none it did not find", async () => {
    const check = await execute(ELIGIBILITY, { input: { nationalId: 'ZZ000005', providerInpe: 'ZZP00001', date: '2026-03-02' } });
    expect(served(check)).toEqual([['ZZ000005', ['CNOPS', 'CNSS']]]);
    const notFound = await execute(ELIGIBILITY, { input: { nationalId: 'ZZ000002', providerInpe: 'ZZP00001', date: '2026-03-02' } });
    expect(notFound.extensions?.[SERVED_PERSONS_EXTENSION]).toBeUndefined();
    const byRef = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: 'Person', ref: (check.extensions?.[SERVED_PERSONS_EXTENSION] as ServedPerson[])[0]?.ref }],
    });
    expect(served(byRef)).toEqual([['ZZ000005', ['CNOPS', 'CNSS']]]);
  });

  it('describes persons known by ref to the gateway itself, for the audit trail, and to nobody else', async () => {
    const check = await execute(ELIGIBILITY, { input: { nationalId: 'ZZ000008', providerInpe: 'ZZP00001', date: '2026-03-02' } });
    const ref = (check.extensions?.[SERVED_PERSONS_EXTENSION] as ServedPerson[])[0]?.ref;
    const ask = async (orgKind: string) => {
      const response = await app.apollo.executeOperation(
        { query: '{ __typename }', extensions: { [DESCRIBE_PERSONS_EXTENSION]: [ref, 'unknown-ref'] } },
        { contextValue: app.createContext(testCaller({ clientId: 'cmb-gateway', org: null, orgKind, purposes: [] })) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    };
    const described = (await ask('GATEWAY')).extensions?.[SERVED_PERSONS_EXTENSION] as ServedPerson[];
    expect(described).toEqual([{ ref, nationalId: 'ZZ000008', organisms: ['CNOPS'] }, { ref: 'unknown-ref' }]);
    expect((await ask('ESTABLISHMENT')).extensions?.[SERVED_PERSONS_EXTENSION]).toBeUndefined();
  });

  it('refuses, itself, a caller without the purpose (defence in depth), naming the paths', async () => {
    const result = await executeAs(
      app,
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } },
      { purposes: ['provider:read'] },
    );
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['eligibility'] });
  });

  it('refuses a malformed national id with BAD_USER_INPUT and does not echo it', async () => {
    const result = await execute(ELIGIBILITY, { input: { nationalId: '12-XYZ-@@', providerInpe: 'ZZP00001' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).not.toContain('12-XYZ-@@');
  });
});

import { seedDatabase, syntheticPersonRef, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig, type BeneficiariesConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';

/**
 * Each subgraph defends itself on every entry: the row rules of `person` and
 * `me` apply to `_entities` too, sent straight to the subgraph with a caller
 * context signed the way the gateway signs it.
 */
const PERSON_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        firstName
        birthDate
        affiliations {
          organism
        }
      }
    }
  }
`;

const P01 = syntheticPersonRef('ZZ000001'); // CNSS
const P07 = syntheticPersonRef('ZZ000007'); // CNSS
const P11 = syntheticPersonRef('ZZ000011'); // CNSS (Tadamon)
const P18 = syntheticPersonRef('ZZ000018'); // CNOPS
const P05 = syntheticPersonRef('ZZ000005'); // CNOPS and CNSS

const CNOPS: Partial<Caller> = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['beneficiary:read'] };
const ANAM: Partial<Caller> = { clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['beneficiary:read'] };
const PATIENT_P01: Partial<Caller> = {
  clientId: 'patient-portal',
  org: 'PATIENT_PORTAL',
  orgKind: 'PATIENT_PORTAL',
  purposes: ['beneficiary:read'],
  userId: 'kc-user-p01',
  nationalId: 'ZZ000001',
};
/** A hospital whose token (against the realm) would carry beneficiary:read: `person` refuses it. */
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:read', 'beneficiary:read'],
};

describe.each(ENGINES)('Person references in beneficiaries on %s', (engine) => {
  let database: TestDatabase;
  let config: BeneficiariesConfig;
  let app: BeneficiariesApp;
  let direct: SignedSubgraph;

  async function persons(refs: string[], caller: Partial<Caller>) {
    const answer = await direct.post(PERSON_ENTITIES, { representations: refs.map((ref) => ({ __typename: 'Person', ref })) }, caller);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data?._entities as ({ ref: string; firstName: string; affiliations: { organism: string }[] } | null)[]).map(
      (person) => person && { ref: person.ref, firstName: person.firstName, organisms: person.affiliations.map((a) => a.organism) },
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'beneficiaries_entities');
    config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 50, seed: 5 });
    app = await buildBeneficiariesApp(config, dataSource);
    direct = await signedSubgraph(app.handler, config.name);
  });

  afterAll(async () => {
    await direct?.close();
    await app?.apollo.stop();
    await app?.drain();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it("resolves for an OG only its own members, as person(nationalId) does: another OG's member is null", async () => {
    expect(await persons([P07, P18, P05], CNOPS)).toEqual([
      null,
      { ref: P18, firstName: 'Nadia', organisms: ['CNOPS'] },
      { ref: P05, firstName: 'Eva', organisms: ['CNOPS'] },
    ]);
  });

  it('resolves for the patient portal only the signed-in person, as me does', async () => {
    expect(await persons([P11, P01], PATIENT_P01)).toEqual([null, { ref: P01, firstName: 'Amal', organisms: ['CNSS'] }]);
  });

  it("gives the patient portal none of the signed-in person's dependants: a spouse's record is the spouse's", async () => {
    const answer = await direct.post('{ me { ref dependants { ref } } }', {}, PATIENT_P01);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.me).toEqual({ ref: P01, dependants: [] });
    // The same person's dependants, for their OG.
    const forOg = await direct.post(
      `{ person(nationalId: "ZZ000001") { dependants { ref } } }`,
      {},
      { ...CNOPS, clientId: 'og-cnss', org: 'CNSS' },
    );
    expect((forOg.body.data?.person as { dependants: unknown[] }).dependants.length).toBeGreaterThan(0);
  });

  it('resolves nothing for a care client whose token person(nationalId) refuses', async () => {
    expect(await persons([P01, P11], HOSPITAL)).toEqual([null, null]);
  });

  it('answers a decision (hop 3: outcome and coverage) only to the organisation that made the check, as eligibility does', async () => {
    const clinic: Partial<Caller> = {
      clientId: 'clinique-zzp00010',
      org: 'ZZP00010',
      orgKind: 'ESTABLISHMENT',
      purposes: ['eligibility:check'],
    };
    const hospital: Partial<Caller> = { ...clinic, clientId: 'hopital-zzp00004', org: 'ZZP00004' };
    const hop1 = await direct.post(
      'query ($input: EligibilityInput!) { eligibility(input: $input) { id } }',
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00004' } },
      hospital,
    );
    const id = (hop1.body.data?.eligibility as { id: string }).id;
    const hop3 = (caller: Partial<Caller>) =>
      direct.post(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EligibilityDecision { outcome coverage { organism memberNumber } } } }',
        {
          representations: [
            {
              __typename: 'EligibilityDecision',
              id,
              providerFacts: { registered: true, active: true, givesCare: true },
              pathwayFacts: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
            },
          ],
        },
        caller,
      );
    expect((await hop3(hospital)).body.data?._entities).toEqual([
      { outcome: 'ELIGIBLE', coverage: { organism: 'CNSS', memberNumber: 'CNZZ00000001' } },
    ]);
    const replayed = await hop3(clinic);
    expect(replayed.body.data?._entities).toEqual([null]);
    expect(JSON.stringify(replayed.body)).not.toContain('CNZZ00000001');
  });

  it('resolves every person for ANAM', async () => {
    expect((await persons([P07, P18], ANAM)).map((p) => p?.ref)).toEqual([P07, P18]);
  });
});

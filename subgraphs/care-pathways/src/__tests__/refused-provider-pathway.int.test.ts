import { seedDatabase, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../../../beneficiaries/src/app';
import { loadConfig } from '../../../beneficiaries/src/config';
import { beneficiariesDataSource } from '../../../beneficiaries/src/data-source';
import { beneficiariesSeed } from '../../../beneficiaries/src/seed/seed';
import { useCarePathwaysApp } from './support/care-pathways-test-app';
import { buildProvidersApp, type ProvidersApp } from '../../../providers/src/app';
import { loadConfig as loadProvidersConfig } from '../../../providers/src/config';
import { providersDataSource } from '../../../providers/src/data-source';
import { providersSeed } from '../../../providers/src/seed/seed';

/**
 * The eligibility check's plan run hop by hop against the three real
 * subgraphs, as the gateway sends it (signed contexts, the same
 * representations): beneficiaries (hop 1), then providers, then
 * care-pathways with the provider's registry facts, then beneficiaries'
 * decision. A provider the registry refuses (R6) gets
 * `PROVIDER_NOT_AUTHORIZED` and no coverage from beneficiaries, and no
 * pathway (referring doctor, the diabetes pilot, granted approvals) from
 * care-pathways; a registered provider still gets the pathway.
 */
const HOP1 = /* GraphQL */ `
  query ($i: EligibilityInput!) {
    eligibility(input: $i) {
      id
      personRef
      personRefProof
      providerInpe
      careDate
      careType
    }
  }
`;
const PROVIDER_HOP = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        providerFacts {
          registered
          active
          givesCare
          conventions {
            organism
            careType
            paymentMode
          }
          registryVersion
          registryAsOf
          registryStale
        }
      }
    }
  }
`;
const PATHWAY_HOP = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        pathwayFacts {
          pcsApplies
          compliant
          penalty
          aldExemptions
          referenceVersion
        }
        pathway {
          referringDoctorInpe
          pcsApplies
          inPathway
          priorApprovalGranted
        }
      }
    }
  }
`;
const HOP3 = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        outcome
        eligible
        coverage {
          organism
          regime
        }
      }
    }
  }
`;

/** A professional checking for itself under eligibility:check. */
const professional = (org: string): Partial<Caller> => ({
  clientId: `cabinet-${org.toLowerCase()}`,
  org,
  orgKind: 'PROFESSIONAL',
  purposes: ['eligibility:check'],
});
/** Not in the registry (realm client cabinet-zzp88888): no right to anything of the person. */
const UNREGISTERED = professional('ZZP88888');
/** The GP of the personas. */
const REGISTERED = professional('ZZP00001');

describe('the pathway of a decision whose provider the registry refuses', () => {
  const databases: TestDatabase[] = [];
  const pathways = useCarePathwaysApp('sqlite', { name: 'refused_pathway_c', persons: 20, seed: 5, env: { LOG_LEVEL: 'silent' } });
  let beneficiaries: BeneficiariesApp;
  let providers: ProvidersApp;
  let b: SignedSubgraph;
  let c: SignedSubgraph;
  let p: SignedSubgraph;

  beforeAll(async () => {
    const [bDb, pDb] = await Promise.all([
      createTestDatabase('sqlite', 'refused_pathway_b'),
      createTestDatabase('sqlite', 'refused_pathway_p'),
    ]);
    databases.push(bDb, pDb);
    const bConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: bDb.config };
    const bSource = beneficiariesDataSource(bDb.config);
    await seedDatabase(bSource, beneficiariesSeed, { persons: 20, seed: 5 });
    beneficiaries = await buildBeneficiariesApp(bConfig, bSource);
    b = await signedSubgraph(beneficiaries.handler, bConfig.name);
    c = await signedSubgraph(pathways.app().handler, 'care-pathways');

    const pConfig = { ...loadProvidersConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: pDb.config };
    const pSource = providersDataSource(pDb.config);
    await seedDatabase(pSource, providersSeed, { persons: 20, seed: 5 });
    providers = await buildProvidersApp(pConfig, pSource);
    p = await signedSubgraph(providers.handler, pConfig.name);
  });

  afterAll(async () => {
    for (const direct of [b, c, p]) await direct?.close();
    await beneficiaries?.apollo.stop();
    await beneficiaries?.drain();
    await providers?.apollo.stop();
    for (const app of [beneficiaries, providers]) if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    for (const database of databases) await database.drop();
  });

  /** The gateway's plan of `eligibility { outcome coverage { organism aldExemptions } pathway { ... } }`, hop by hop. */
  async function check(nationalId: string, caller: Partial<Caller>, careType: string, date: string) {
    const hop1 = await b.post(HOP1, { i: { nationalId, providerInpe: caller.org, careType, date } }, caller);
    expect(hop1.body.errors).toBeUndefined();
    const decision = hop1.body.data?.eligibility as Record<string, string>;
    const rep = { __typename: 'EligibilityDecision', ...decision };
    const provider = await p.post(PROVIDER_HOP, { representations: [rep] }, caller);
    expect(provider.body.errors).toBeUndefined();
    const facts = (provider.body.data?._entities as Record<string, unknown>[])[0];
    const pathway = await c.post(PATHWAY_HOP, { representations: [{ ...rep, ...facts }] }, caller);
    expect(pathway.body.errors).toBeUndefined();
    const pathwayEntity = (pathway.body.data?._entities as Record<string, unknown>[])[0] as {
      pathwayFacts: unknown;
      pathway: unknown;
    };
    const hop3 = await b.post(
      HOP3,
      { representations: [{ __typename: 'EligibilityDecision', id: decision.id, ...facts, pathwayFacts: pathwayEntity.pathwayFacts }] },
      caller,
    );
    expect(hop3.body.errors).toBeUndefined();
    const decided = (hop3.body.data?._entities as Record<string, unknown>[])[0];
    return { ...decided, pathway: pathwayEntity.pathway };
  }

  it.each([
    // P07: diabetic, enrolled in the CNSS diabetes pilot (PCS), referring doctor ZZP00001.
    ['ZZ000007', 'SPECIALIST_CONSULTATION', '2026-03-02'],
    // P11: a prior approval for a hospital stay granted by CNSS.
    ['ZZ000011', 'HOSPITALISATION', '2026-03-02'],
  ])('gives a provider unknown to the INPE registry neither the coverage nor the pathway of %s', async (nationalId, careType, date) => {
    const answer = await check(nationalId, UNREGISTERED, careType, date);
    expect(answer).toMatchObject({ outcome: 'PROVIDER_NOT_AUTHORIZED', eligible: false, coverage: null });
    expect(answer.pathway).toBeNull();
  });

  it('gives a registered provider the pathway of its own check', async () => {
    const answer = await check('ZZ000007', REGISTERED, 'SPECIALIST_CONSULTATION', '2026-03-02');
    expect(answer.pathway).toMatchObject({ referringDoctorInpe: 'ZZP00001', pcsApplies: true });
  });
});

import { issueDecisionProof, issuePersonProof, seedDatabase, syntheticPersonRef, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { buildCarePathwaysApp, type CarePathwaysApp } from '../app';
import { loadConfig } from '../config';
import { carePathwaysDataSource } from '../data-source';
import { carePathwaysSeed } from '../seed/seed';

/**
 * Each subgraph defends itself on every entry: pathway data by person is
 * refused to care clients by the root field that leads to a person (the
 * beneficiaries `person` lookup), so `_entities` with a `Person`
 * representation, sent straight to this subgraph with a caller context signed
 * the way the gateway signs it, refuses them too.
 */
const PATHWAY = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        longTermIllnesses {
          code
        }
        priorApprovals {
          status
        }
      }
    }
  }
`;

const DECISION = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        id
        pathway {
          aldExemptions
          protocols
        }
      }
    }
  }
`;

const P07 = syntheticPersonRef('ZZ000007');
const P11 = syntheticPersonRef('ZZ000011');
const representations = [P07, P11].map((ref) => ({ __typename: 'Person', ref }));

describe.each(ENGINES)('Person references in care-pathways on %s', (engine) => {
  let database: TestDatabase;
  let app: CarePathwaysApp;
  let direct: SignedSubgraph;
  let secret: Buffer;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'care_pathways_entities');
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = carePathwaysDataSource(database.config);
    await seedDatabase(dataSource, carePathwaysSeed, { persons: 50, seed: 5 });
    app = await buildCarePathwaysApp(config, dataSource);
    secret = config.proofSecret;
    direct = await signedSubgraph(app.handler, config.name);
  });

  afterAll(async () => {
    await direct?.close();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it.each<[string, Partial<Caller>]>([
    ['an establishment', { clientId: 'hopital-zzp00004', org: 'ZZP00004', orgKind: 'ESTABLISHMENT', purposes: ['pathway:read'] }],
    ['a professional', { clientId: 'cabinet-zzp00003', org: 'ZZP00003', orgKind: 'PROFESSIONAL', purposes: ['pathway:read'] }],
    ['the patient portal', { clientId: 'patient-portal', org: 'PATIENT_PORTAL', orgKind: 'PATIENT_PORTAL', purposes: ['pathway:read'] }],
  ])("refuses %s a person's pathway by reference, with nothing of it", async (_case, caller) => {
    const answer = await direct.post(PATHWAY, { representations }, caller);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATHWAY_BY_PERSON_REFUSED' });
    expect(answer.body.data?._entities ?? [null, null]).toEqual([null, null]);
    expect(JSON.stringify(answer.body)).not.toContain('DIABETE');
  });

  it("serves a decision's pathway only for a check the caller made: a person reference it did not get from its own hop 1 is refused", async () => {
    const specialist: Partial<Caller> = {
      clientId: 'cabinet-zzp00003',
      org: 'ZZP00003',
      orgKind: 'PROFESSIONAL',
      purposes: ['pathway:read'],
    };
    const asked = { providerInpe: 'ZZP00003', careDate: '2026-03-02', careType: 'SPECIALIST_CONSULTATION' };
    const decision = (id: string, personRefProof?: string, change: Partial<typeof asked> = {}) => ({
      __typename: 'EligibilityDecision',
      id,
      personRef: P07,
      ...(personRefProof === undefined ? {} : { personRefProof }),
      ...asked,
      ...change,
    });
    const proofOf = (id: string, org: string, now = Date.now()) => issueDecisionProof(secret, id, P07, org, asked, now);
    // As beneficiaries issues it at hop 1 of the specialist's own check of P07.
    const own = await direct.post(DECISION, { representations: [decision('d-own', proofOf('d-own', 'ZZP00003'))] }, specialist);
    expect(own.body.errors).toBeUndefined();
    expect((own.body.data?._entities as { pathway: { aldExemptions: string[] } }[])[0]?.pathway.aldExemptions).toEqual(['DIABETE_T2']);

    for (const forged of [
      decision('d-none'), // no proof: a person reference written by hand
      decision('d-other', proofOf('d-other', 'ZZP00004')), // another organisation's check
      decision('d-moved', proofOf('d-own', 'ZZP00003')), // a proof moved to another decision
      decision('d-own', proofOf('d-own', 'ZZP00003'), { careDate: '2026-03-10' }), // its proof kept for another day
      decision('d-own', proofOf('d-own', 'ZZP00003'), { careType: 'HOSPITALISATION' }), // another kind of care
      decision('d-own', proofOf('d-own', 'ZZP00003'), { providerInpe: 'ZZP00004' }), // another provider
      decision('d-own', proofOf('d-own', 'ZZP00003', Date.now() - 120_000)), // a proof kept past its minute
    ]) {
      const answer = await direct.post(DECISION, { representations: [forged] }, specialist);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATHWAY_BY_PERSON_REFUSED' });
      expect(JSON.stringify(answer.body)).not.toContain('DIABETE');
    }
  });

  it("serves an OG a person's pathway by reference only as beneficiaries served it the person: another OG's member is refused", async () => {
    const cnss: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['pathway:read'] };
    const cnops: Partial<Caller> = { clientId: 'og-cnops', org: 'CNOPS', orgKind: 'OG', purposes: ['pathway:read'] };
    // As beneficiaries resolves P07 for CNSS, its member: with the proof for CNSS.
    const served = await direct.post(
      PATHWAY,
      { representations: [{ __typename: 'Person', ref: P07, readerProof: issuePersonProof(secret, P07, 'CNSS') }] },
      cnss,
    );
    expect(served.body.errors).toBeUndefined();
    expect((served.body.data?._entities as { longTermIllnesses: { code: string }[] }[])[0]?.longTermIllnesses.map((i) => i.code)).toContain(
      'DIABETE_T2',
    );
    for (const representation of [
      { __typename: 'Person', ref: P07 }, // a reference written by hand: beneficiaries never served P07 to CNOPS
      { __typename: 'Person', ref: P07, readerProof: issuePersonProof(secret, P07, 'CNSS') }, // CNSS's proof
      { __typename: 'Person', ref: P11, readerProof: issuePersonProof(secret, P07, 'CNOPS') }, // a proof moved to another person
    ]) {
      const refused = await direct.post(PATHWAY, { representations: [representation] }, cnops);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATHWAY_BY_PERSON_REFUSED' });
      expect(JSON.stringify(refused.body)).not.toContain('DIABETE');
    }
  });
});

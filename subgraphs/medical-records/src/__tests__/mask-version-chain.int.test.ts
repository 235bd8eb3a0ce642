import { issueCareRelationshipProof, seedDatabase, syntheticPersonRef, todayIn, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig, type MedicalRecordsConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { DocumentPointerEntity } from '../entities/document-pointer.entity';
import { MaskWholeDocuments1770500000000 } from '../migrations/1770500000000-mask-whole-documents';
import { medicalRecordsSeed } from '../seed/seed';
import { ConsentService } from '../services/consent-service';
import { lockRecord } from '../services/record-lock';
import { Confidentiality } from '../types/confidentiality';

/**
 * A document the person masked ("hidden from every reader, break-glass
 * excepted") stays hidden whatever version of it is read: a new version its
 * custodian registers keeps the mask, and masking the version the portal
 * shows (CURRENT) hides the versions it replaced too.
 */
const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterDocumentInput!) {
    registerDocument(input: $input) {
      id
      status
      supersedes
    }
  }
`;
const DOCUMENTS = /* GraphQL */ `
  query ($representations: [_Any!]!, $includeSuperseded: Boolean) {
    _entities(representations: $representations) {
      ... on Person {
        documents(includeSuperseded: $includeSuperseded) {
          totalCount
          edges {
            node {
              id
              title
              status
            }
          }
        }
      }
    }
  }
`;

const TODAY = todayIn('Africa/Casablanca');
const P12 = syntheticPersonRef('ZZ000012');
const P13 = syntheticPersonRef('ZZ000013');
const P14 = syntheticPersonRef('ZZ000014');
const P15 = syntheticPersonRef('ZZ000015');
const P16 = syntheticPersonRef('ZZ000016');
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:write'],
  actsFor: ['ZZP00003'],
  careRelationships: { [P12]: TODAY, [P13]: TODAY, [P14]: TODAY, [P15]: TODAY, [P16]: TODAY },
};
const CLINIC_READER: Partial<Caller> = {
  clientId: 'clinique-zzp00010',
  org: 'ZZP00010',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:read'],
};

/** The subgraph of a test on one engine, opened before its tests and closed after them, with what the tests do through it. */
function useRecords(engine: (typeof ENGINES)[number], name: string) {
  let database: TestDatabase;
  let config: MedicalRecordsConfig;
  let app: MedicalRecordsApp;
  let consent: ConsentService;

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs(app, query, variables, caller);
  }

  async function register(personRef: string, title: string, supersedes?: string): Promise<string> {
    const result = await execute(
      REGISTER,
      {
        input: {
          personRef,
          type: 'LAB_RESULT',
          title,
          authorInpe: 'ZZP00003',
          custodianInpe: 'ZZP00004',
          repositoryUrl: 'https://dmp.example.invalid/documents/hiv-test',
          sha256: 'ab'.repeat(32),
          sizeBytes: 1000,
          mimeType: 'application/pdf',
          confidentiality: Confidentiality.NORMAL,
          serviceDate: TODAY,
          ...(supersedes ? { supersedes } : {}),
        },
      },
      HOSPITAL,
    );
    expect(result.errors).toBeUndefined();
    return (result.data?.registerDocument as { id: string }).id;
  }

  /** What the clinic, in care with the person (beneficiaries' proof), lists under records:read. */
  async function clinicSees(personRef: string, includeSuperseded = false): Promise<string[]> {
    const proof = issueCareRelationshipProof(config.proofSecret, personRef, 'ZZP00010', TODAY);
    const result = await execute(
      DOCUMENTS,
      { representations: [{ __typename: 'Person', ref: personRef, careRelationship: { lastCheckOn: TODAY, proof } }], includeSuperseded },
      CLINIC_READER,
    );
    expect(result.errors).toBeUndefined();
    const [found] = result.data?._entities as { documents: { edges: { node: { id: string } }[] } }[];
    return found.documents.edges.map((edge) => edge.node.id);
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, name);
    config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = medicalRecordsDataSource(database.config);
    await seedDatabase(dataSource, medicalRecordsSeed, { persons: 20, seed: 3 });
    app = await buildMedicalRecordsApp(config, dataSource);
    consent = new ConsentService(app.dataSource, config.consentCapabilitySecret);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  return { app: () => app, consent: () => consent, register, clinicSees };
}

describe.each(ENGINES)('a masked document stays masked across its versions on %s', (engine) => {
  const records = useRecords(engine, 'medical_records_mask_chain');

  it('does not unmask a document when its custodian registers a new version of it', async () => {
    const v1 = await records.register(P12, 'Sérologie VIH');
    await records.consent().setMasked(P12, v1, true); // the person hides it (maskDocument)
    expect(await records.clinicSees(P12)).not.toContain(v1);

    const v2 = await records.register(P12, 'Sérologie VIH (corrigée)', v1);
    // The same document, a new version: the person's mask must still hold for an ordinary reader.
    expect(await records.clinicSees(P12)).not.toContain(v2);
  });

  it('does not list the earlier version of a document whose current version the person masked', async () => {
    const v1 = await records.register(P13, 'Bilan psychiatrique');
    const v2 = await records.register(P13, 'Bilan psychiatrique (complété)', v1);
    await records.consent().setMasked(P13, v2, true); // the person hides the document as the portal shows it (CURRENT)
    expect(await records.clinicSees(P13, true)).not.toContain(v2);
    expect(await records.clinicSees(P13, true)).not.toContain(v1);
  });

  it('unmasks every version when the person unmasks any one, and lists every masked version in the settings', async () => {
    const v1 = await records.register(P14, 'Compte rendu opératoire');
    const v2 = await records.register(P14, 'Compte rendu opératoire (v2)', v1);
    const v3 = await records.register(P14, 'Compte rendu opératoire (v3)', v2);
    await records.consent().setMasked(P14, v2, true);
    expect((await records.consent().settings(P14)).maskedDocuments).toEqual([v1, v2, v3].sort());
    expect(await records.clinicSees(P14, true)).toEqual([]);
    await records.consent().setMasked(P14, v1, false);
    expect((await records.consent().settings(P14)).maskedDocuments).toEqual([]);
    expect((await records.clinicSees(P14, true)).sort()).toEqual([v1, v2, v3].sort());
  });

  it('masks, once, every version of a document one version of which was masked before the rule held (migration)', async () => {
    const v1 = await records.register(P15, 'Échographie');
    const v2 = await records.register(P15, 'Échographie (v2)', v1);
    const v3 = await records.register(P15, 'Échographie (v3)', v2);
    // As a mask set on one row alone left it.
    await records.app().dataSource.getRepository(DocumentPointerEntity).update({ id: v2 }, { masked: true });
    expect((await records.clinicSees(P15, true)).sort()).toEqual([v1, v3].sort());
    const runner = records.app().dataSource.createQueryRunner();
    try {
      await new MaskWholeDocuments1770500000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await records.clinicSees(P15, true)).toEqual([]);
    // A document nobody masked (unmasked whole above) stays listed.
    expect(await records.clinicSees(P14, true)).toHaveLength(3);
  });
});

describe("a change of the mask and a new version, one after the other (the person's record lock, postgres)", () => {
  const records = useRecords('postgres', 'medical_records_record_lock');

  it("changes a mask only once a new version under way has committed (the person's record lock)", async () => {
    const v1 = await records.register(P16, 'Bilan sanguin');
    // Another transaction holding the person's record lock, as a registration of a new version does.
    const holder = records.app().dataSource.createQueryRunner();
    await holder.startTransaction();
    await lockRecord(holder.manager, P16);
    let settled = false;
    const masking = records
      .consent()
      .setMasked(P16, v1, true)
      .then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await holder.commitTransaction();
    await holder.release();
    await masking;
    expect(settled).toBe(true);
  });
});

import { addDays, issueCareRelationshipProof, seedDatabase, syntheticPersonRef, syntheticUuid, todayIn, type Caller } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraph, type SignedSubgraph } from '../../../../test/support/signed-subgraph';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig, type MedicalRecordsConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { medicalRecordsSeed } from '../seed/seed';
import { ConsentService } from '../services/consent-service';
import { Confidentiality } from '../types/confidentiality';
import type { RegisterDocumentInput } from '../types/register-document-input';

/**
 * A write changes only what the writer owns (architecture.md, access rules;
 * rule `src/rules/pointer-custody.ts`): only the custodian establishment, or a
 * professional attached to it, registers, supersedes or withdraws a pointer,
 * naming itself or those attached to it as author and custodian. `actsFor` is
 * what the gateway read from the INPE registry for the caller.
 */
const FIELDS = 'id status custodianInpe authorInpe supersedes';
const REGISTER = /* GraphQL */ `mutation ($input: RegisterDocumentInput!) { registerDocument(input: $input) { ${FIELDS} } }`;
const WITHDRAW = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { withdrawDocument(id: $id, reason: $reason) { ${FIELDS} } }`;
const POINTER_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on DocumentPointer {
        id
        title
        custodianInpe
      }
    }
  }
`;

const P07_PRESCRIPTION = syntheticUuid('document', 'ZZ000007', 'prescription');
const P11_DISCHARGE = syntheticUuid('document', 'ZZ000011', 'discharge-summary');

const TODAY = todayIn('Africa/Casablanca');
/**
 * Care relationships with the persons written for here, as the gateway reads
 * them from beneficiaries for a record write (`caller.careRelationships`: each
 * caller's own ELIGIBLE check, made today).
 */
const IN_CARE = Object.fromEntries(['ZZ000011', 'ZZ000012', 'ZZ000013'].map((nationalId) => [syntheticPersonRef(nationalId), TODAY]));

/** The public hospital, with the specialist attached to it (as the gateway read it from the registry). */
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:write'],
  actsFor: ['ZZP00003'],
  careRelationships: IN_CARE,
};
/** The specialist attached to the hospital. */
const SPECIALIST: Partial<Caller> = {
  clientId: 'cabinet-zzp00003',
  org: 'ZZP00003',
  orgKind: 'PROFESSIONAL',
  purposes: ['records:write'],
  actsFor: ['ZZP00004'],
  careRelationships: IN_CARE,
};
/** A clinic with its own attached doctors, none of the hospital's. */
const CLINIC: Partial<Caller> = {
  clientId: 'clinique-zzp00010',
  org: 'ZZP00010',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:write'],
  actsFor: ['ZZP00001', 'ZZP99999'],
  careRelationships: IN_CARE,
};
/** A doctor attached to the clinic only. */
const DOCTOR: Partial<Caller> = {
  clientId: 'cabinet-zzp00001',
  org: 'ZZP00001',
  orgKind: 'PROFESSIONAL',
  purposes: ['records:write'],
  actsFor: ['ZZP00010'],
  careRelationships: IN_CARE,
};
/** An insurer that somehow holds records:write: not a custodian of anything. */
const INSURER: Partial<Caller> = {
  clientId: 'og-cnss',
  org: 'CNSS',
  orgKind: 'OG',
  purposes: ['records:write'],
  careRelationships: IN_CARE,
};

function registration(change: Partial<RegisterDocumentInput> = {}): RegisterDocumentInput {
  return {
    personRef: syntheticPersonRef('ZZ000012'),
    type: 'IMAGING_REPORT',
    title: 'Compte rendu de scanner',
    authorInpe: 'ZZP00003',
    custodianInpe: 'ZZP00004',
    repositoryUrl: 'https://dmp.example.invalid/documents/scan-1',
    sha256: 'cd'.repeat(32),
    sizeBytes: 64_000,
    mimeType: 'application/pdf',
    confidentiality: Confidentiality.NORMAL,
    serviceDate: '2026-02-10',
    ...change,
  };
}

interface Written {
  id: string;
  status: string;
  custodianInpe: string;
  supersedes: string | null;
}

describe.each(ENGINES)('record pointer writes on %s', (engine) => {
  let database: TestDatabase;
  let config: MedicalRecordsConfig;
  let app: MedicalRecordsApp;
  let direct: SignedSubgraph;

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs(app, query, variables, caller);
  }

  async function register(caller: Partial<Caller>, change: Partial<RegisterDocumentInput> = {}) {
    return execute(REGISTER, { input: registration(change) }, caller);
  }

  async function registered(caller: Partial<Caller>, change: Partial<RegisterDocumentInput> = {}): Promise<Written> {
    const result = await register(caller, change);
    expect(result.errors).toBeUndefined();
    return result.data?.registerDocument as Written;
  }

  async function snapshot() {
    return app.dataSource.query(
      'SELECT id, status, custodian_inpe, withdrawal_reason, status_changed_at FROM document_pointer ORDER BY id',
    ) as Promise<unknown[]>;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'record_writes');
    config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = medicalRecordsDataSource(database.config);
    await seedDatabase(dataSource, medicalRecordsSeed, { persons: 50, seed: 3 });
    app = await buildMedicalRecordsApp(config, dataSource);
    direct = await signedSubgraph(app.handler, config.name);
  });

  afterAll(async () => {
    await direct?.close();
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it.each<[string, Partial<Caller>, Partial<RegisterDocumentInput>]>([
    ['the custodian establishment, for itself', HOSPITAL, { authorInpe: 'ZZP00004' }],
    ['the custodian establishment, naming an attached professional as author', HOSPITAL, {}],
    ['a professional attached to the custodian establishment', SPECIALIST, {}],
    ['a professional keeping its own documents', DOCTOR, { authorInpe: 'ZZP00001', custodianInpe: 'ZZP00001' }],
  ])('lets %s register a pointer', async (_case, caller, change) => {
    const pointer = await registered(caller, change);
    expect(pointer).toMatchObject({ status: 'CURRENT', custodianInpe: change.custodianInpe ?? 'ZZP00004' });
  });

  it.each<[string, Partial<Caller>, Partial<RegisterDocumentInput>]>([
    ['an establishment naming another as custodian', CLINIC, {}],
    ['an establishment naming itself custodian but a foreign author', CLINIC, { custodianInpe: 'ZZP00010' }],
    ['an establishment naming a foreign author', HOSPITAL, { authorInpe: 'ZZP00001' }],
    ['a professional naming an establishment it is not attached to', DOCTOR, {}],
    ['a professional naming another professional as author', SPECIALIST, { authorInpe: 'ZZP00001' }],
    ['a caller that is no care organisation', INSURER, {}],
    ['an establishment without the registry attachments', { ...HOSPITAL, actsFor: undefined }, {}],
  ])('refuses %s with FORBIDDEN (RECORD_CUSTODIAN_ONLY), writing nothing', async (_case, caller, change) => {
    const before = await snapshot();
    const result = await register(caller, change);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a withdrawal or a supersession of another custodian's pointer exactly as one of an unknown pointer, and changes nothing", async () => {
    const unknown = syntheticUuid('document', 'nobody', 'never-registered');
    const before = await snapshot();
    const attempts = [
      await execute(WITHDRAW, { id: P11_DISCHARGE, reason: 'Erreur de dossier' }, CLINIC),
      await execute(WITHDRAW, { id: unknown, reason: 'Erreur de dossier' }, CLINIC),
      await execute(WITHDRAW, { id: P07_PRESCRIPTION, reason: 'Erreur de dossier' }, DOCTOR),
      await register(CLINIC, {
        personRef: syntheticPersonRef('ZZ000011'),
        custodianInpe: 'ZZP00010',
        authorInpe: 'ZZP00001',
        supersedes: P11_DISCHARGE,
      }),
      await register(CLINIC, {
        personRef: syntheticPersonRef('ZZ000011'),
        custodianInpe: 'ZZP00010',
        authorInpe: 'ZZP00001',
        supersedes: unknown,
      }),
    ];
    const refusals = attempts.map((result) => {
      expect(result.data ?? null).toBeNull();
      // Outside development no stack trace is sent; what a client reads is the message, code, reason and parameters.
      return {
        errors: result.errors?.map(({ message, extensions }) => ({ message, extensions: { ...extensions, stacktrace: undefined } })),
      };
    });
    expect(refusals[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
    // One refusal for all: nothing tells a pointer that exists from one that does not, nor whose it is.
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
    const text = JSON.stringify(attempts);
    for (const leak of [P11_DISCHARGE, P07_PRESCRIPTION, unknown, 'CURRENT', 'ZZP00004', 'ZZP00003', syntheticPersonRef('ZZ000011')])
      expect(text).not.toContain(leak);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a professional attached to the custodian supersede and withdraw its pointers, and the custodian withdraw those of its professionals', async () => {
    const v1 = await registered(HOSPITAL, { personRef: syntheticPersonRef('ZZ000013') });
    const v2 = await registered(SPECIALIST, { personRef: syntheticPersonRef('ZZ000013'), supersedes: v1.id, title: 'Scanner (corrigé)' });
    expect(v2).toMatchObject({ status: 'CURRENT', supersedes: v1.id });
    const withdrawn = await execute(WITHDRAW, { id: v2.id, reason: 'Examen du mauvais patient' }, SPECIALIST);
    expect(withdrawn.errors).toBeUndefined();
    expect((withdrawn.data?.withdrawDocument as Written).status).toBe('WITHDRAWN');

    const kept = await registered(SPECIALIST, { personRef: syntheticPersonRef('ZZ000013'), custodianInpe: 'ZZP00003' });
    const byHospital = await execute(WITHDRAW, { id: kept.id, reason: 'Doublon' }, HOSPITAL);
    expect(byHospital.errors).toBeUndefined();
    // The clinic's doctor, attached elsewhere, cannot.
    const other = await registered(SPECIALIST, { personRef: syntheticPersonRef('ZZ000013') });
    const byDoctor = await execute(WITHDRAW, { id: other.id, reason: 'Doublon' }, DOCTOR);
    expect(byDoctor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
  });

  it("refuses, with one and the same refusal, a pointer for a person outside the writer's care relationship, an unknown ref, or a person who blocked the writer, the author or the custodian, writing nothing", async () => {
    const P14 = syntheticPersonRef('ZZ000014');
    const P15 = syntheticPersonRef('ZZ000015');
    const P16 = syntheticPersonRef('ZZ000016');
    const P17 = syntheticPersonRef('ZZ000017');
    const unknown = syntheticPersonRef('ZZ999998');
    // The clinic checked P15, P16 and P17 ELIGIBLE today (as beneficiaries told the gateway); each of them blocked one provider.
    const clinic: Partial<Caller> = { ...CLINIC, careRelationships: { [P15]: TODAY, [P16]: TODAY, [P17]: TODAY } };
    const consent = new ConsentService(app.dataSource, config.consentCapabilitySecret);
    await consent.block(P15, 'ZZP00010'); // the writer and custodian
    await consent.block(P16, 'ZZP00001'); // the author
    await consent.block(P17, 'ZZP00004'); // someone else: no bearing on the clinic
    const clinicWrite = { custodianInpe: 'ZZP00010', authorInpe: 'ZZP00001' };
    const before = await snapshot();
    const attempts = [
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P14 }) }, clinic), // another organisation's patient
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: unknown }) }, clinic), // a ref nobody knows
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P15 }) }, clinic), // blocked the clinic
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P16 }) }, clinic), // blocked the clinic's doctor
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P14 }) }, { ...clinic, careRelationships: undefined }), // no facts
      await direct.post(
        REGISTER,
        { input: registration({ ...clinicWrite, personRef: P14 }) },
        { ...clinic, careRelationships: { [P14]: addDays(TODAY, -31) } }, // a check older than the window
      ),
      await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P14 }) }, { ...DOCTOR, careRelationships: {} }),
    ];
    const refusals = attempts.map((answer) => {
      expect(answer.body.data ?? null).toBeNull();
      return answer.body.errors?.map(({ message, extensions }) => ({ message, extensions }));
    });
    expect(refusals[0]?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CARE_RELATIONSHIP_REQUIRED' });
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
    const text = JSON.stringify(attempts.map((answer) => answer.body));
    for (const leak of [P14, P15, P16, unknown, 'ZZP00010', 'ZZP00001']) expect(text).not.toContain(leak);
    expect(await snapshot()).toEqual(before);

    // The same writer, for a person in its care who blocked someone else only, writes.
    const allowed = await direct.post(REGISTER, { input: registration({ ...clinicWrite, personRef: P17 }) }, clinic);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.registerDocument).toMatchObject({ status: 'CURRENT', custodianInpe: 'ZZP00010' });
  });

  it('holds a new version (supersedes) to the care relationship too, and lets the custodian withdraw its own pointer without one', async () => {
    const P13 = syntheticPersonRef('ZZ000013');
    const v1 = await registered(HOSPITAL, { personRef: P13, title: 'Scanner (relation de soins)' });
    const outOfCare: Partial<Caller> = { ...HOSPITAL, careRelationships: {} };
    const v2 = await register(outOfCare, { personRef: P13, supersedes: v1.id, title: 'Scanner (corrigé)' });
    expect(v2.data ?? null).toBeNull();
    expect(v2.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CARE_RELATIONSHIP_REQUIRED' });
    const withdrawn = await execute(
      WITHDRAW,
      { id: v1.id, reason: 'Examen du mauvais patient' },
      { ...HOSPITAL, careRelationships: undefined },
    );
    expect(withdrawn.errors).toBeUndefined();
    expect((withdrawn.data?.withdrawDocument as Written).status).toBe('WITHDRAWN');
  });

  it("lists a person's pointers through _entities only with a care relationship beneficiaries issued to the caller, never one written by hand", async () => {
    const PERSON_DOCUMENTS = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Person {
            documents {
              totalCount
            }
          }
        }
      }
    `;
    const reader: Partial<Caller> = { ...CLINIC, purposes: ['records:read'] };
    const today = todayIn('Africa/Casablanca');
    const P11 = syntheticPersonRef('ZZ000011');
    const asked = (careRelationship: Record<string, unknown>) => ({
      representations: [{ __typename: 'Person', ref: P11, careRelationship }],
    });
    for (const careRelationship of [
      { lastCheckOn: today }, // the clinic never checked P11: a relationship written by hand
      { lastCheckOn: today, proof: issueCareRelationshipProof(config.proofSecret, P11, 'ZZP00004', today) }, // the hospital's
      { lastCheckOn: today, proof: issueCareRelationshipProof(config.proofSecret, P11, 'ZZP00010', addDays(today, -60)) }, // a day moved
    ]) {
      const forged = await direct.post(PERSON_DOCUMENTS, asked(careRelationship), reader);
      expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
      expect(JSON.stringify(forged.body.data ?? null)).not.toContain('totalCount":1');
    }
    // As beneficiaries issues it for the clinic's own ELIGIBLE check.
    const issued = await direct.post(
      PERSON_DOCUMENTS,
      asked({ lastCheckOn: today, proof: issueCareRelationshipProof(config.proofSecret, P11, 'ZZP00010', today) }),
      reader,
    );
    expect(issued.body.errors).toBeUndefined();
    expect(issued.body.data?._entities).toEqual([{ documents: { totalCount: 1 } }]);
  });

  it('serves a DocumentPointer through _entities only to its author or custodian, as documentPointer(id) does', async () => {
    const representations = [P11_DISCHARGE, P07_PRESCRIPTION].map((id) => ({ __typename: 'DocumentPointer', id }));
    const reader = (caller: Partial<Caller>) => ({ ...caller, purposes: ['records:read'] });
    const clinic = await direct.post(POINTER_ENTITIES, { representations }, reader(CLINIC));
    expect(clinic.status).toBe(200);
    expect(clinic.body.data?._entities).toEqual([null, null]);
    const hospital = await direct.post(POINTER_ENTITIES, { representations }, reader(HOSPITAL));
    expect((hospital.body.data?._entities as ({ id: string } | null)[]).map((e) => e?.id ?? null)).toEqual([P11_DISCHARGE, null]);
    const insurer = await direct.post(POINTER_ENTITIES, { representations }, reader(INSURER));
    expect(insurer.body.data?._entities).toEqual([null, null]);
  });
});

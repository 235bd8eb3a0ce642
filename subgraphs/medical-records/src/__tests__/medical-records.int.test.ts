import {
  addDays,
  issueCareRelationshipProof,
  seedDatabase,
  SERVED_PERSONS_EXTENSION,
  syntheticPersonRef,
  syntheticUuid,
  todayIn,
  type Caller,
  type ServedPerson,
} from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig, type MedicalRecordsConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { DocumentRegistry } from '../services/document-registry';
import { medicalRecordsSeed } from '../seed/seed';
import { Confidentiality } from '../types/confidentiality';
import type { RegisterDocumentInput } from '../types/register-document-input';

const POINTER_FIELDS =
  'id type title authorInpe custodianInpe repositoryUrl sha256 sizeBytes mimeType confidentiality status supersedes serviceDate registeredAt';
const PERSON_DOCUMENTS = /* GraphQL */ `
  query ($representations: [_Any!]!, $status: [DocumentStatus!], $first: Int, $after: String, $includeSuperseded: Boolean) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        documents(status: $status, first: $first, after: $after, includeSuperseded: $includeSuperseded) {
          totalCount
          edges { cursor node { ${POINTER_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;
const POINTER_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on DocumentPointer { ${POINTER_FIELDS} } } }
`;
const DOCUMENT_POINTER = /* GraphQL */ `query ($id: ID!) { documentPointer(id: $id) { ${POINTER_FIELDS} } }`;
const REGISTER = /* GraphQL */ `mutation ($input: RegisterDocumentInput!) { registerDocument(input: $input) { ${POINTER_FIELDS} } }`;
const WITHDRAW = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { withdrawDocument(id: $id, reason: $reason) { ${POINTER_FIELDS} } }`;

interface Pointer {
  id: string;
  type: string;
  title: string;
  authorInpe: string;
  custodianInpe: string;
  repositoryUrl: string;
  sha256: string;
  sizeBytes: number;
  status: string;
  supersedes: string | null;
  serviceDate: string;
}
interface Connection {
  totalCount: number;
  edges: { cursor: string; node: Pointer }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const P01 = syntheticPersonRef('ZZ000001');
const P02 = syntheticPersonRef('ZZ000002');
const P07 = syntheticPersonRef('ZZ000007');
const P11 = syntheticPersonRef('ZZ000011');
const personaDocument = (nationalId: string, key: string) => syntheticUuid('document', nationalId, key);
const SHA = 'ab'.repeat(32);
/**
 * The public hospital, reading and writing records (its care relationships are given in each representation
 * for reads, and as the gateway reads them from beneficiaries for writes: checked today),
 * with the specialist ZZP00003 attached to it, as the gateway would read it from the INPE registry.
 */
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:read', 'records:write'],
  actsFor: ['ZZP00003'],
  careRelationships: Object.fromEntries(
    ['ZZ000010', 'ZZ000012', 'ZZ000013'].map((nationalId) => [syntheticPersonRef(nationalId), todayIn('Africa/Casablanca')]),
  ),
};
/** A person representation as the gateway sends it, with the hospital's care relationship as beneficiaries issues it (checked today). */
const inCare = (ref: string) => {
  const lastCheckOn = todayIn('Africa/Casablanca');
  const proof = issueCareRelationshipProof(loadConfig({ NODE_ENV: 'test' }).proofSecret, ref, 'ZZP00004', lastCheckOn);
  return { __typename: 'Person', ref, careRelationship: { lastCheckOn, proof } };
};

/** A valid registration for a person no seed gave a record (ZZ000012). */
function registration(change: Partial<RegisterDocumentInput> = {}): RegisterDocumentInput {
  return {
    personRef: syntheticPersonRef('ZZ000012'),
    type: 'IMAGING_REPORT',
    title: "Compte rendu d'échographie",
    authorInpe: 'zzp00003',
    custodianInpe: 'ZZP00004',
    repositoryUrl: 'https://dmp.example.invalid/documents/echo-1',
    sha256: SHA.toUpperCase(),
    sizeBytes: 120_000,
    mimeType: 'application/pdf',
    confidentiality: Confidentiality.NORMAL,
    serviceDate: '2026-02-01',
    ...change,
  };
}

describe.each(ENGINES)('medical-records subgraph on %s', (engine) => {
  let database: TestDatabase;
  let config: MedicalRecordsConfig;
  let app: MedicalRecordsApp;

  async function execute(query: string, variables: Record<string, unknown> = {}, caller: Partial<Caller> = HOSPITAL) {
    return executeAs(app, query, variables, caller);
  }

  /** Runs an operation and returns the SQL statements it sent that touch the registry. */
  async function executeCountingQueries(query: string, variables: Record<string, unknown>) {
    const logger = app.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (sql, parameters, runner) => {
      if (sql.includes('document_pointer')) statements.push(sql);
      return original(sql, parameters, runner);
    };
    try {
      return { result: await execute(query, variables), statements };
    } finally {
      logger.logQuery = original;
    }
  }

  async function documentsOf(ref: string, args: Record<string, unknown> = {}): Promise<Connection> {
    const result = await execute(PERSON_DOCUMENTS, { representations: [inCare(ref)], ...args });
    expect(result.errors).toBeUndefined();
    const [person] = result.data?._entities as { documents: Connection }[];
    return person!.documents;
  }

  /** A pointer by id, read by the establishment that keeps it (ZZP00004 unless told). */
  async function pointer(id: string, custodian = 'ZZP00004'): Promise<Pointer | null> {
    const result = await execute(DOCUMENT_POINTER, { id }, { ...HOSPITAL, org: custodian });
    expect(result.errors).toBeUndefined();
    return result.data?.documentPointer as Pointer | null;
  }

  async function rowCount(): Promise<number> {
    const [row] = (await app.dataSource.query('SELECT COUNT(*) AS n FROM "document_pointer"')) as { n: number | string }[];
    return Number(row?.n);
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medical_records');
    config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: database.config };
    const dataSource = medicalRecordsDataSource(database.config);
    await seedDatabase(dataSource, medicalRecordsSeed, { persons: 300, seed: 7 });
    app = await buildMedicalRecordsApp(config, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it("resolves several persons' records in one query, CURRENT pointers only by default", async () => {
    const representations = [P01, P07, P11, P02].map(inCare);
    const { result, statements } = await executeCountingQueries(PERSON_DOCUMENTS, { representations });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(2); // one page query and one count, whatever the number of persons
    const persons = result.data?._entities as { ref: string; documents: Connection }[];
    expect(persons.map((p) => p.ref)).toEqual([P01, P07, P11, P02]);
    const [p01, p07, p11, p02] = persons.map((p) => p.documents);

    expect(p01?.edges.map((e) => [e.node.type, e.node.status])).toEqual([
      ['CONSULTATION_NOTE', 'CURRENT'],
      ['LAB_RESULT', 'CURRENT'],
    ]);
    expect(p01?.totalCount).toBe(2);
    expect(p01?.edges[1]?.node.supersedes).toBe(personaDocument('ZZ000001', 'lab-result-v1'));
    expect(p01?.edges[0]?.node.authorInpe).toBe('ZZP00001');
    expect(p07?.edges.map((e) => [e.node.type, e.node.authorInpe])).toEqual([['PRESCRIPTION', 'ZZP00003']]);
    expect(p11?.edges.map((e) => [e.node.type, e.node.custodianInpe])).toEqual([['HOSPITAL_DISCHARGE_SUMMARY', 'ZZP00004']]);
    expect(p02).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

    const seeded = p11!.edges[0]!.node;
    expect(seeded.repositoryUrl).toBe(`https://dmp.example.invalid/documents/${seeded.id}`);
    expect(seeded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists superseded versions when asked, and pages with opaque cursors', async () => {
    const all = await documentsOf(P01, { includeSuperseded: true });
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => e.node.status)).toEqual(['CURRENT', 'CURRENT', 'SUPERSEDED']);
    const superseded = await documentsOf(P01, { status: ['SUPERSEDED'] });
    expect(superseded.edges.map((e) => e.node.id)).toEqual([personaDocument('ZZ000001', 'lab-result-v1')]);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const connection: Connection = await documentsOf(P01, { includeSuperseded: true, first: 1, after });
      expect(connection.edges).toHaveLength(1);
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      seen.push(connection.edges[0]!.node.id);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
  });

  it.each([
    ['a page size of zero', { first: 0 }],
    ['a page size above the maximum', { first: 10_000 }],
    ['a cursor it did not issue', { after: 'not-a-cursor' }],
  ])('refuses %s with BAD_USER_INPUT', async (_case, args) => {
    const result = await execute(PERSON_DOCUMENTS, { representations: [inCare(P01)], ...args });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves DocumentPointer references in one query; unknown or malformed ids, and pointers the caller neither wrote nor keeps, are null', async () => {
    const ids = [
      personaDocument('ZZ000007', 'prescription'),
      personaDocument('ZZ000011', 'discharge-summary'),
      syntheticUuid('document', 'nobody'),
      'not-an-id',
    ];
    const { result, statements } = await executeCountingQueries(POINTER_ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'DocumentPointer', id })),
    });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const entities = result.data?._entities as (Pointer | null)[];
    // The prescription is the specialist's (author and custodian ZZP00003), not the hospital's.
    expect(entities.map((e) => e?.type ?? null)).toEqual([null, 'HOSPITAL_DISCHARGE_SUMMARY', null, null]);
  });

  it('reports to the gateway the person of a document read by id, registered or withdrawn, by ref', async () => {
    const servedRefs = (result: { extensions?: Record<string, unknown> }) =>
      ((result.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[]).map((p) => p);
    const input = registration({ personRef: syntheticPersonRef('ZZ000010') });
    const registered = await execute(REGISTER, { input });
    expect(servedRefs(registered)).toEqual([{ ref: input.personRef }]);
    const id = (registered.data?.registerDocument as Pointer).id;
    expect(servedRefs(await execute(DOCUMENT_POINTER, { id }, { ...HOSPITAL, org: 'ZZP00004' }))).toEqual([{ ref: input.personRef }]);
    // Someone else's pointer is not served: nobody is reported.
    expect(servedRefs(await execute(DOCUMENT_POINTER, { id }, { ...HOSPITAL, org: 'ZZP00010' }))).toEqual([]);
    const withdrawn = await execute(WITHDRAW, { id, reason: 'Examen enregistré dans le mauvais dossier' });
    expect(servedRefs(withdrawn)).toEqual([{ ref: input.personRef }]);
  });

  it('registers a pointer, supersedes it atomically with a new version, then withdraws it for good', async () => {
    const before = await rowCount();
    const first = await execute(REGISTER, { input: registration() });
    expect(first.errors).toBeUndefined();
    const v1 = first.data?.registerDocument as Pointer;
    expect(v1).toMatchObject({ status: 'CURRENT', supersedes: null, authorInpe: 'ZZP00003', sha256: SHA, serviceDate: '2026-02-01' });
    expect(v1.id).toMatch(/^[0-9a-f-]{36}$/);

    const second = await execute(REGISTER, { input: registration({ title: "Compte rendu d'échographie (corrigé)", supersedes: v1.id }) });
    expect(second.errors).toBeUndefined();
    const v2 = second.data?.registerDocument as Pointer;
    expect(v2).toMatchObject({ status: 'CURRENT', supersedes: v1.id });
    expect((await pointer(v1.id))?.status).toBe('SUPERSEDED');
    expect((await documentsOf(registration().personRef)).edges.map((e) => e.node.id)).toEqual([v2.id]);

    // A superseded version cannot be replaced again: the version chain never forks.
    const fork = await execute(REGISTER, { input: registration({ supersedes: v1.id }) });
    expect(fork.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const withdrawn = await execute(WITHDRAW, { id: v2.id, reason: 'Examen enregistré dans le mauvais dossier' });
    expect(withdrawn.errors).toBeUndefined();
    expect((withdrawn.data?.withdrawDocument as Pointer).status).toBe('WITHDRAWN');
    expect(JSON.stringify(withdrawn.data)).not.toContain('mauvais dossier');
    expect((await documentsOf(registration().personRef)).edges).toEqual([]);
    expect((await documentsOf(registration().personRef, { status: ['WITHDRAWN'] })).edges.map((e) => e.node.id)).toEqual([v2.id]);

    // Nothing leaves WITHDRAWN, and a superseded version cannot be withdrawn either.
    for (const id of [v2.id, v1.id]) {
      const again = await execute(WITHDRAW, { id, reason: 'encore' });
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const revive = await execute(REGISTER, { input: registration({ supersedes: v2.id }) });
    expect(revive.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // An unknown pointer is refused like someone else's (record-writes.int.test.ts).
    const unknown = await execute(WITHDRAW, { id: syntheticUuid('document', 'nobody'), reason: 'doublon' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
    expect(await rowCount()).toBe(before + 2);
  });

  const tomorrow = () => addDays(todayIn('Africa/Casablanca'), 1);
  const INVALID: [string, () => Partial<RegisterDocumentInput>, string][] = [
    ['an http URL', () => ({ repositoryUrl: 'http://dmp.example.invalid/documents/x' }), 'http://dmp.example.invalid/documents/x'],
    ['a host off the allow-list', () => ({ repositoryUrl: 'https://files.attacker.test/x' }), 'files.attacker.test'],
    ['a malformed sha256', () => ({ sha256: 'deadbeef' }), 'deadbeef'],
    ['a malformed author INPE', () => ({ authorInpe: 'DR-HOUSE-42' }), 'DR-HOUSE-42'],
    ['a malformed custodian INPE', () => ({ custodianInpe: '12345' }), '12345'],
    ['a size of zero', () => ({ sizeBytes: 0 }), 'sizeBytes'],
    ['a type outside the reference list', () => ({ type: 'HOROSCOPE' }), 'HOROSCOPE'],
    ['a media type off the list', () => ({ mimeType: 'application/x-sh' }), 'application/x-sh'],
    ['a national id as person reference', () => ({ personRef: 'ZZ000012' }), 'ZZ000012'],
    ['a service date in the future', () => ({ serviceDate: tomorrow() }), tomorrow()],
    [
      "a supersedes naming another person's document",
      () => ({ supersedes: personaDocument('ZZ000007', 'prescription') }),
      personaDocument('ZZ000007', 'prescription'),
    ],
  ];

  it.each(INVALID)('refuses %s with BAD_USER_INPUT, writes nothing and echoes nothing', async (_case, change, sent) => {
    const before = await rowCount();
    const result = await execute(REGISTER, { input: registration(change()) });
    expect(result.data ?? null).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    if (sent !== 'sizeBytes') expect(JSON.stringify({ message: error?.message, params: error?.extensions?.params })).not.toContain(sent);
    expect(await rowCount()).toBe(before);
    expect((await pointer(personaDocument('ZZ000007', 'prescription'), 'ZZP00003'))?.status).toBe('CURRENT');
  });

  it('rolls the supersession back when the new version cannot be written', async () => {
    const created = await execute(REGISTER, { input: registration({ personRef: syntheticPersonRef('ZZ000013') }) });
    const current = created.data?.registerDocument as Pointer;
    const before = await rowCount();
    // An id generator that collides with an existing row makes the insert fail after the update.
    const clashing = new DocumentRegistry(app.dataSource, config, () => personaDocument('ZZ000011', 'discharge-summary'));
    await expect(
      clashing.register(registration({ personRef: syntheticPersonRef('ZZ000013'), supersedes: current.id }), testCaller(HOSPITAL)),
    ).rejects.toThrow();
    expect((await pointer(current.id))?.status).toBe('CURRENT');
    expect(await rowCount()).toBe(before);
  });

  it("serves the document types' labels to the insured person's page (records:consent), so it shows words, not codes", async () => {
    const patient: Partial<Caller> = {
      clientId: 'patient-portal',
      org: 'PATIENT_PORTAL',
      orgKind: 'PATIENT_PORTAL',
      purposes: ['records:consent'],
      userId: 'u-1',
    };
    const result = await execute('{ documentTypes { code label labelEn } }', {}, patient);
    expect(result.errors).toBeUndefined();
    expect(result.data?.documentTypes).toEqual(
      expect.arrayContaining([{ code: 'CONSULTATION_NOTE', label: 'Compte rendu de consultation', labelEn: 'Consultation note' }]),
    );
  });

  it('serves the versioned document types with French labels', async () => {
    const result = await execute('{ documentTypes { code label labelEn listVersion } }');
    expect(result.errors).toBeUndefined();
    const types = result.data?.documentTypes as { code: string; label: string; listVersion: string }[];
    expect(types.map((t) => t.code)).toEqual(
      expect.arrayContaining([
        'HOSPITAL_DISCHARGE_SUMMARY',
        'PRESCRIPTION',
        'LAB_RESULT',
        'IMAGING_REPORT',
        'CONSULTATION_NOTE',
        'VACCINATION_RECORD',
      ]),
    );
    expect(types.find((t) => t.code === 'PRESCRIPTION')?.label).toBe('Ordonnance');
    expect(new Set(types.map((t) => t.listVersion)).size).toBe(1);
  });

  it('refuses a malformed pointer id with BAD_USER_INPUT and answers null for an unknown one', async () => {
    const malformed = await execute(DOCUMENT_POINTER, { id: 'ZZ000001' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.message).not.toContain('ZZ000001');
    expect(await pointer(syntheticUuid('document', 'nobody'))).toBeNull();
  });

  it('declares Person by ref and scopes every record field', async () => {
    const result = await execute('{ _service { sdl } }');
    const sdl = (result.data?._service as { sdl: string }).sdl;
    expect(sdl).toMatch(/type Person\s+@key\(fields: "ref"\)/);
    expect(sdl).toMatch(
      /type DocumentPointer\s+@key\(fields: "id"\)\s+@scopes\(anyOf: \["records:read", "records:write", "records:break-glass", "records:consent"\], sensitivity: HEALTH\)/,
    );
    expect(sdl).toMatch(
      /documents\([\s\S]*?\): DocumentConnection! @scopes\(anyOf: \["records:read", "records:break-glass", "records:consent"\], sensitivity: HEALTH\) @requires\(fields: "careRelationship \{ lastCheckOn proof \} ownerProof"\)/,
    );
    expect(sdl).toMatch(/careRelationship: CareRelationship @external/);
    expect(sdl).toMatch(
      /registerDocument\(input: RegisterDocumentInput!\): DocumentPointer! @scopes\(anyOf: \["records:write"\], sensitivity: HEALTH\)/,
    );
  });
});

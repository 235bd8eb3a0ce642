import {
  addDays,
  issueCareRelationshipProof,
  issueConsentCapability,
  seedDatabase,
  syntheticPersonRef,
  syntheticUuid,
  todayIn,
  type Caller,
} from '@cmb/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { buildMedicalRecordsApp, type MedicalRecordsApp } from '../app';
import { loadConfig, type MedicalRecordsConfig } from '../config';
import { medicalRecordsDataSource } from '../data-source';
import { medicalRecordsSeed } from '../seed/seed';
import { BreakGlassLog } from '../services/break-glass-log';

const DOCUMENTS = /* GraphQL */ `
  query ($representations: [_Any!]!, $breakGlass: BreakGlassInput) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        documents(breakGlass: $breakGlass) {
          totalCount
          edges {
            node {
              id
              type
            }
          }
        }
      }
    }
  }
`;
const SETTINGS = 'blockedProviders { inpe since } maskedDocuments';
const CONSENT_SETTINGS = /* GraphQL */ `query ($personRef: ID!, $capability: String!) { consentSettings(personRef: $personRef, capability: $capability) { ${SETTINGS} } }`;
const BLOCK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $inpe: String!) { blockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }`;
const UNBLOCK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $inpe: String!) { unblockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }`;
const MASK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $id: ID!) { maskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }`;
const UNMASK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $id: ID!) { unmaskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }`;
const DOCUMENT_POINTER = /* GraphQL */ `
  query ($id: ID!) {
    documentPointer(id: $id) {
      id
    }
  }
`;

const P01 = syntheticPersonRef('ZZ000001');
const P07 = syntheticPersonRef('ZZ000007');
const P11 = syntheticPersonRef('ZZ000011');
const document = (nationalId: string, key: string) => syntheticUuid('document', nationalId, key);
const P01_LAB = document('ZZ000001', 'lab-result-v2');
/** The version `P01_LAB` replaced: masked and unmasked with it. */
const P01_LAB_V1 = document('ZZ000001', 'lab-result-v1');
const P01_NOTE = document('ZZ000001', 'consultation-note');
const P11_DISCHARGE = document('ZZ000011', 'discharge-summary');
const JUSTIFICATION = 'Patiente inconsciente admise aux urgences, antécédents nécessaires';

const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['records:read'],
  tokenId: 'jti-hospital',
  requestId: 'req-hospital',
};
const HOSPITAL_BREAK_GLASS: Partial<Caller> = { ...HOSPITAL, purposes: ['records:break-glass'] };
const CLINIC: Partial<Caller> = { clientId: 'clinique-zzp00010', org: 'ZZP00010', orgKind: 'ESTABLISHMENT', purposes: ['records:read'] };
const DOCTOR: Partial<Caller> = { clientId: 'cabinet-zzp00001', org: 'ZZP00001', orgKind: 'PROFESSIONAL', purposes: ['records:read'] };
/** The key of the consent capability: its own secret, shared by beneficiaries and medical-records only. */
const CONSENT_CAPABILITY_SECRET = 'a-test-consent-capability-secret-of-32+chars';
const PATIENT: Partial<Caller> = {
  clientId: 'patient-portal',
  org: 'PATIENT_PORTAL',
  orgKind: 'PATIENT_PORTAL',
  purposes: ['records:consent'],
  userId: 'kc-user-p01',
  nationalId: 'ZZ000001',
};

interface Listing {
  totalCount: number;
  edges: { node: { id: string; type: string } }[];
}

describe.each(ENGINES)('record access, consent and break-glass on %s', (engine) => {
  let database: TestDatabase;
  let config: MedicalRecordsConfig;
  let app: MedicalRecordsApp;
  let capability: string;
  const today = () => todayIn('Africa/Casablanca');
  const person = (ref: string, lastCheckOn: string | null = today()) => ({
    __typename: 'Person',
    ref,
    careRelationship: lastCheckOn ? { lastCheckOn } : null,
  });

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs(app, query, variables, caller);
  }

  /** The representation as the gateway sends it: the care relationship with beneficiaries' proof for this caller. */
  const proven = (representation: ReturnType<typeof person>, caller: Partial<Caller>) => {
    const relationship = representation.careRelationship;
    if (!relationship || !caller.org) return representation;
    const proof = issueCareRelationshipProof(config.proofSecret, representation.ref, caller.org, relationship.lastCheckOn);
    return { ...representation, careRelationship: { ...relationship, proof } };
  };

  async function documents(caller: Partial<Caller>, representation: ReturnType<typeof person>, breakGlass?: { justification: string }) {
    const result = await execute(DOCUMENTS, { representations: [proven(representation, caller)], breakGlass }, caller);
    const [found] = (result.data?._entities ?? []) as ({ documents: Listing } | null)[];
    return { errors: result.errors, listing: found?.documents ?? null };
  }

  async function listed(caller: Partial<Caller>, representation: ReturnType<typeof person>): Promise<string[]> {
    const { errors, listing } = await documents(caller, representation);
    expect(errors).toBeUndefined();
    expect(listing?.totalCount).toBe(listing?.edges.length);
    return listing?.edges.map((edge) => edge.node.id) ?? [];
  }

  async function breakGlassRows(): Promise<Record<string, unknown>[]> {
    return (await app.dataSource.query(
      'SELECT person_ref, org, client_id, token_id, request_id, justification, accessed_at, reviewed_at, reviewer FROM break_glass_access ORDER BY accessed_at',
    )) as Record<string, unknown>[];
  }

  async function consent(query: string, variables: Record<string, unknown>, caller: Partial<Caller> = PATIENT) {
    const result = await execute(query, { personRef: P01, capability, ...variables }, caller);
    return {
      errors: result.errors,
      settings: result.data ? (Object.values(result.data)[0] as { blockedProviders: { inpe: string }[]; maskedDocuments: string[] }) : null,
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'medical_records_access');
    config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CONSENT_CAPABILITY_SECRET }), database: database.config };
    const dataSource = medicalRecordsDataSource(database.config);
    await seedDatabase(dataSource, medicalRecordsSeed, { persons: 50, seed: 7 });
    app = await buildMedicalRecordsApp(config, dataSource);
    capability = issueConsentCapability(Buffer.from(CONSENT_CAPABILITY_SECRET), P01, 'kc-user-p01');
  });

  beforeEach(async () => {
    await app.dataSource.query('DELETE FROM consent_block');
    await app.dataSource.query('DELETE FROM break_glass_access');
    await app.dataSource.query('UPDATE document_pointer SET masked = false');
  });

  afterAll(async () => {
    await app?.apollo.stop();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  describe('care relationship', () => {
    it.each([
      ['checked today', 0],
      ['checked 10 days ago', 10],
      ['checked 30 days ago, the last day of the window', 30],
    ])('lists the record of a person %s', async (_case, daysAgo) => {
      expect(await listed(HOSPITAL, person(P11, addDays(today(), -daysAgo)))).toEqual([P11_DISCHARGE]);
    });

    it.each([
      ['checked 31 days ago', person(P11, addDays(today(), -31))],
      ['never checked', person(P11, null)],
      ['a representation without the relationship', { __typename: 'Person', ref: P11 } as ReturnType<typeof person>],
    ])('refuses the record of a person %s with CARE_RELATIONSHIP_REQUIRED', async (_case, representation) => {
      const { errors, listing } = await documents(HOSPITAL, representation);
      expect(listing).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED', params: { days: 30 } });
    });

    it('serves a professional with a care relationship too, and nobody but care clients', async () => {
      expect(await listed(DOCTOR, person(P01))).toEqual([P01_NOTE, P01_LAB]);
      for (const caller of [{ org: 'CNSS', orgKind: 'OG' }, { org: 'ANAM', orgKind: 'REGULATOR' }, PATIENT]) {
        const { errors } = await documents({ ...caller, purposes: ['records:read'] }, person(P01));
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FORBIDDEN' });
      }
    });
  });

  describe('break-glass', () => {
    it('serves the record whatever the care relationship, after committing the access for review and notice', async () => {
      const { errors, listing } = await documents(HOSPITAL_BREAK_GLASS, person(P11, null), { justification: `  ${JUSTIFICATION}  ` });
      expect(errors).toBeUndefined();
      expect(listing?.edges.map((edge) => edge.node.id)).toEqual([P11_DISCHARGE]);
      expect(JSON.stringify(listing)).not.toContain('urgences');
      const rows = await breakGlassRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        person_ref: P11,
        org: 'ZZP00004',
        client_id: 'hopital-zzp00004',
        token_id: 'jti-hospital',
        request_id: 'req-hospital',
        justification: JUSTIFICATION,
        reviewed_at: null,
        reviewer: null,
      });
      expect(Date.now() - Date.parse(String(rows[0]?.accessed_at))).toBeLessThan(60_000);
    });

    it('records one access per person and request', async () => {
      const result = await execute(
        DOCUMENTS,
        { representations: [person(P11, null), person(P11, null), person(P07, null)], breakGlass: { justification: JUSTIFICATION } },
        HOSPITAL_BREAK_GLASS,
      );
      expect(result.errors).toBeUndefined();
      expect((await breakGlassRows()).map((row) => row.person_ref).sort()).toEqual([P07, P11].sort());
    });

    it.each([
      ['without a justification', undefined],
      ['with too short a justification', { justification: 'urgence vitale' }],
      ['with blanks only', { justification: ' '.repeat(30) }],
      ['with more than 2,000 characters', { justification: 'x'.repeat(2001) }],
    ])('refuses break-glass %s with BAD_USER_INPUT and records nothing', async (_case, breakGlass) => {
      const { errors, listing } = await documents(HOSPITAL_BREAK_GLASS, person(P11, null), breakGlass);
      expect(listing).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'BREAK_GLASS_JUSTIFICATION_REQUIRED',
        params: { min: 20, max: 2000 },
      });
      if (breakGlass) expect(errors?.[0]?.message).not.toContain(breakGlass.justification.trim().slice(0, 10) || '\u0000');
      expect(await breakGlassRows()).toEqual([]);
    });

    it('answers nothing when the access cannot be recorded, and the error carries no justification', async () => {
      const clashing = new BreakGlassLog(app.dataSource, () => 'break-glass-fixed-id');
      await clashing.record(P11, { org: 'ZZP00004', clientId: 'hopital-zzp00004', tokenId: null, requestId: 'r1' }, JUSTIFICATION);
      const failure = await clashing
        .record(P11, { org: 'ZZP00004', clientId: 'hopital-zzp00004', tokenId: null, requestId: 'r2' }, JUSTIFICATION)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).not.toContain('urgences');
      expect(await breakGlassRows()).toHaveLength(1);
    });

    it('refuses the breakGlass argument to a caller without the purpose', async () => {
      const { errors } = await documents(CLINIC, person(P11, null), { justification: JUSTIFICATION });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(await breakGlassRows()).toEqual([]);
    });
  });

  describe('consent', () => {
    it('blocks a provider: CONSENT_BLOCKED for it, others unaffected, break-glass excepted; unblocking restores', async () => {
      const blocked = await consent(BLOCK, { inpe: ' zzp00001 ' });
      expect(blocked.errors).toBeUndefined();
      expect(blocked.settings?.blockedProviders.map((block) => block.inpe)).toEqual(['ZZP00001']);
      // Blocking again keeps one block.
      expect((await consent(BLOCK, { inpe: 'ZZP00001' })).settings?.blockedProviders).toHaveLength(1);

      const refused = await documents(DOCTOR, person(P01));
      expect(refused.listing).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_BLOCKED' });
      // Without a care relationship the blocked provider learns nothing of the block.
      expect((await documents(DOCTOR, person(P01, null))).errors?.[0]?.extensions?.reason).toBe('CARE_RELATIONSHIP_REQUIRED');
      expect(await listed(HOSPITAL, person(P01))).toEqual([P01_NOTE, P01_LAB]);
      const emergency = await documents({ ...DOCTOR, purposes: ['records:break-glass'] }, person(P01), { justification: JUSTIFICATION });
      expect(emergency.errors).toBeUndefined();
      expect(emergency.listing?.edges).toHaveLength(2);

      const lifted = await consent(UNBLOCK, { inpe: 'ZZP00001' });
      expect(lifted.settings?.blockedProviders).toEqual([]);
      expect(await listed(DOCTOR, person(P01))).toEqual([P01_NOTE, P01_LAB]);
    });

    it('masks a document: left out of listings and counts, break-glass excepted; unmasking restores', async () => {
      const masked = await consent(MASK, { id: P01_LAB });
      expect(masked.errors).toBeUndefined();
      expect(masked.settings?.maskedDocuments).toEqual([P01_LAB, P01_LAB_V1].sort());
      expect(await listed(HOSPITAL, person(P01))).toEqual([P01_NOTE]);
      expect(await listed(DOCTOR, person(P01))).toEqual([P01_NOTE]);
      const emergency = await documents(HOSPITAL_BREAK_GLASS, person(P01, null), { justification: JUSTIFICATION });
      expect(emergency.listing).toMatchObject({ totalCount: 2 });
      expect(emergency.listing?.edges.map((edge) => edge.node.id)).toEqual([P01_NOTE, P01_LAB]);

      const settings = await consent(CONSENT_SETTINGS, {});
      expect(settings.settings).toEqual({ blockedProviders: [], maskedDocuments: [P01_LAB, P01_LAB_V1].sort() });
      expect((await consent(UNMASK, { id: P01_LAB })).settings?.maskedDocuments).toEqual([]);
      expect(await listed(HOSPITAL, person(P01))).toEqual([P01_NOTE, P01_LAB]);
    });

    it("answers a document of another person's record like an unknown one, and refuses a malformed INPE or id", async () => {
      expect((await consent(MASK, { id: P11_DISCHARGE })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await consent(MASK, { id: syntheticUuid('document', 'nobody') })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await consent(MASK, { id: 'not-an-id' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await consent(BLOCK, { inpe: 'DR-HOUSE' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await listed(HOSPITAL, person(P11))).toEqual([P11_DISCHARGE]);
    });

    it.each<[string, Record<string, unknown>, Partial<Caller>]>([
      ['another portal user', {}, { ...PATIENT, userId: 'kc-user-p11' }],
      ["another person's record", { personRef: P11 }, PATIENT],
      ['a forged capability', { capability: issueConsentCapability(Buffer.from('x'.repeat(40)), P01, 'kc-user-p01') }, PATIENT],
      ['an empty capability', { capability: '' }, PATIENT],
      ['a malformed person reference', { personRef: 'ZZ000001' }, PATIENT],
      ['an establishment holding the capability', {}, { ...HOSPITAL, purposes: ['records:consent'] }],
    ])('refuses consent changes from %s with CONSENT_CAPABILITY_INVALID, changing nothing', async (_case, change, caller) => {
      for (const [query, variables] of [
        [BLOCK, { inpe: 'ZZP00004' }],
        [MASK, { id: P01_NOTE }],
        [CONSENT_SETTINGS, {}],
      ] as const) {
        const result = await consent(query, { ...variables, ...change }, caller);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_CAPABILITY_INVALID' });
      }
      expect(await listed(HOSPITAL, person(P01))).toEqual([P01_NOTE, P01_LAB]);
    });
  });

  it('serves a pointer by id only to the establishment or professional that wrote or keeps it', async () => {
    const read = async (caller: Partial<Caller>, id: string) =>
      (await execute(DOCUMENT_POINTER, { id }, caller)).data?.documentPointer ?? null;
    expect(await read(HOSPITAL, P11_DISCHARGE)).toEqual({ id: P11_DISCHARGE });
    expect(await read(DOCTOR, P01_NOTE)).toEqual({ id: P01_NOTE });
    expect(await read(CLINIC, P11_DISCHARGE)).toBeNull();
    expect(await read(DOCTOR, P11_DISCHARGE)).toBeNull();
  });
  it("lists the signed-in person's own documents, masked ones flagged, with beneficiaries' proof only", async () => {
    const OWN = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Person {
            documents {
              totalCount
              edges {
                node {
                  id
                  type
                  title
                  serviceDate
                  masked
                  author {
                    inpe
                  }
                  custodian {
                    inpe
                  }
                }
              }
            }
          }
        }
      }
    `;
    const own = (ref: string, ownerProof: string | null, caller: Partial<Caller> = PATIENT) =>
      execute(OWN, { representations: [{ __typename: 'Person', ref, careRelationship: null, ownerProof }] }, caller);
    await consent(MASK, { id: P01_NOTE });
    const answer = await own(P01, capability);
    expect(answer.errors).toBeUndefined();
    const [found] = (answer.data?._entities ?? []) as { documents: { edges: { node: Record<string, unknown> }[] } }[];
    const note = found?.documents.edges.map((edge) => edge.node).find((node) => node.id === P01_NOTE);
    expect(note).toMatchObject({
      masked: true,
      author: { inpe: expect.stringMatching(/^ZZP/) },
      custodian: { inpe: expect.stringMatching(/^ZZP/) },
    });
    expect(typeof note?.title).toBe('string');
    // Without the proof, with a forged one, or with the person's proof on another person: refused.
    for (const [ref, proof] of [
      [P01, null],
      [P01, 'forged'],
      [P11, capability],
    ] as const) {
      const refused = await own(ref, proof);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'CONSENT_CAPABILITY_INVALID' });
      expect(JSON.stringify(refused.data ?? null)).not.toContain(P01_NOTE);
    }
    // Another portal user presenting P01's proof: refused (the proof binds the signed-in user).
    const stranger = await own(P01, capability, { ...PATIENT, userId: 'kc-user-p04', nationalId: 'ZZ000004' });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ reason: 'CONSENT_CAPABILITY_INVALID' });
  });
});

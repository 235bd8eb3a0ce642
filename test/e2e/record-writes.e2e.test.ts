import { syntheticPersonRef, syntheticUuid } from '@cmb/kit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs, patientToken, tokenFor } from '../support/tokens';

/**
 * A write changes only what the writer owns, through the gateway with real
 * Keycloak tokens: the gateway reads whom a writer acts for in the INPE
 * registry (clinic ZZP00010 and its attached doctor ZZP00001) and signs it in
 * the caller context; medical-records holds each pointer write to the
 * custodian and those attached to it. A pointer is added to a person's record
 * only within the writer's own care relationship (its ELIGIBLE check, as
 * beneficiaries tells the gateway), and not by a provider the person blocked.
 */
const FIELDS = 'id status authorInpe custodianInpe';
const REGISTER = /* GraphQL */ `mutation ($input: RegisterDocumentInput!) { registerDocument(input: $input) { ${FIELDS} } }`;
const WITHDRAW = /* GraphQL */ `mutation ($id: ID!, $reason: String!) { withdrawDocument(id: $id, reason: $reason) { ${FIELDS} } }`;

interface Pointer {
  id: string;
  status: string;
  authorInpe: string;
  custodianInpe: string;
}
type Written = GraphQLAnswer<{ registerDocument?: Pointer; withdrawDocument?: Pointer }>;

const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
    }
  }
`;
const ME = /* GraphQL */ `
  {
    me {
      ref
      consentCapability
    }
  }
`;
const BLOCK = /* GraphQL */ `
  mutation ($personRef: ID!, $capability: String!, $inpe: String!) {
    blockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) {
      blockedProviders {
        inpe
      }
    }
  }
`;
const UNBLOCK = /* GraphQL */ `
  mutation ($personRef: ID!, $capability: String!, $inpe: String!) {
    unblockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) {
      blockedProviders {
        inpe
      }
    }
  }
`;

const gateway = () => inject('gatewayUrl');

function registration(change: Record<string, unknown> = {}) {
  return {
    personRef: syntheticPersonRef('ZZ000012'),
    type: 'CONSULTATION_NOTE',
    title: 'Compte rendu de consultation (e2e)',
    authorInpe: 'ZZP00001',
    custodianInpe: 'ZZP00010',
    repositoryUrl: 'https://dmp.example.invalid/documents/e2e-writes',
    sha256: 'ef'.repeat(32),
    sizeBytes: 2_048,
    mimeType: 'application/pdf',
    confidentiality: 'NORMAL',
    serviceDate: '2026-02-20',
    ...change,
  };
}

async function register(clientId: string, change: Record<string, unknown> = {}): Promise<Written> {
  return postGraphQL(gateway(), REGISTER, { input: registration(change) }, await authAs(clientId, 'records:write'));
}

async function withdraw(clientId: string, id: string): Promise<Written> {
  return postGraphQL(gateway(), WITHDRAW, { id, reason: 'Erreur de dossier (e2e)' }, await authAs(clientId, 'records:write'));
}

/** An eligibility check, as the product opens a care relationship: the writer's own, ELIGIBLE (through the clinic's attached doctor). */
async function checkEligible(clientId: string, nationalId: string): Promise<void> {
  const answer = await postGraphQL<{ eligibility: { outcome: string } }>(
    gateway(),
    ELIGIBILITY,
    { input: { nationalId, providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' } },
    await authAs(clientId, 'eligibility:check'),
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.eligibility.outcome).toBe('ELIGIBLE');
}

const refusal = (answer: Written) =>
  answer.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code, reason: extensions?.reason }));

describe('record pointer writes through the gateway', () => {
  let records: Client;

  beforeAll(async () => {
    const url = new URL(inject('e2ePostgresUrl'));
    url.pathname = '/cmb_medical_records';
    records = new Client({ connectionString: url.toString() });
    await records.connect();
    // The clinic and its doctor write for ZZ000012 below: each within its own care relationship.
    await checkEligible('clinique-zzp00010', 'ZZ000012');
    await checkEligible('cabinet-zzp00001', 'ZZ000012');
  });

  afterAll(async () => {
    await records?.end();
  });

  const statusOf = async (id: string) =>
    ((await records.query('SELECT status FROM document_pointer WHERE id = $1', [id])).rows[0] as { status: string } | undefined)?.status;

  it('lets the clinic name its attached doctor as author, and the doctor write for the clinic, as the INPE registry says', async () => {
    const byClinic = await register('clinique-zzp00010');
    expect(byClinic.body.errors).toBeUndefined();
    expect(byClinic.body.data?.registerDocument).toMatchObject({ status: 'CURRENT', authorInpe: 'ZZP00001', custodianInpe: 'ZZP00010' });
    const byDoctor = await register('cabinet-zzp00001', { title: 'Note du médecin rattaché (e2e)' });
    expect(byDoctor.body.errors).toBeUndefined();
    expect(byDoctor.body.data?.registerDocument).toMatchObject({ custodianInpe: 'ZZP00010' });
  });

  it('refuses a writer that names an author or a custodian it does not act for, writing nothing', async () => {
    const before = Number((await records.query('SELECT COUNT(*) AS n FROM document_pointer')).rows[0]?.n);
    for (const [clientId, change] of [
      ['clinique-zzp00010', { authorInpe: 'ZZP00003' }], // a specialist not attached to the clinic
      ['hopital-zzp00004', {}], // the clinic's document, named by the hospital
      ['cabinet-zzp00003', { authorInpe: 'ZZP00003' }], // a specialist for a clinic it is not attached to
    ] as const) {
      const answer = await register(clientId, change);
      expect(answer.body.data?.registerDocument ?? null).toBeNull();
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
    }
    expect(Number((await records.query('SELECT COUNT(*) AS n FROM document_pointer')).rows[0]?.n)).toBe(before);
  });

  it("refuses another custodian's withdrawal exactly like an unknown pointer's, then lets the custodian's doctor withdraw it", async () => {
    const written = await register('clinique-zzp00010', { title: 'A retirer (e2e)' });
    const id = written.body.data?.registerDocument?.id ?? '';
    const foreign = await withdraw('hopital-zzp00004', id);
    const unknown = await withdraw('hopital-zzp00004', syntheticUuid('document', 'e2e', 'never-registered'));
    expect(refusal(foreign)).toEqual(refusal(unknown));
    expect(refusal(foreign)?.[0]).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CUSTODIAN_ONLY' });
    expect(JSON.stringify(foreign.body)).not.toContain(id);
    expect(await statusOf(id)).toBe('CURRENT');

    const byDoctor = await withdraw('cabinet-zzp00001', id);
    expect(byDoctor.body.errors).toBeUndefined();
    expect(byDoctor.body.data?.withdrawDocument?.status).toBe('WITHDRAWN');
    expect(await statusOf(id)).toBe('WITHDRAWN');
  });

  it("adds a pointer only within the writer's own care relationship the person did not block: another person, an unknown ref and a blocked provider get one refusal", async () => {
    const count = async () => Number((await records.query('SELECT COUNT(*) AS n FROM document_pointer')).rows[0]?.n);
    const P08 = syntheticPersonRef('ZZ000008');
    // The clinic checked ZZ000008 ELIGIBLE itself; the person then blocks the clinic from the patient portal.
    await checkEligible('clinique-zzp00010', 'ZZ000008');
    const patient = await patientToken('p08-hamza', 'openid records:consent');
    const me = await postGraphQL<{ me: { ref: string; consentCapability: string } }>(gateway(), ME, {}, patient);
    expect(me.body.errors).toBeUndefined();
    const { ref, consentCapability: capability } = me.body.data?.me ?? { ref: '', consentCapability: '' };
    expect(ref).toBe(P08);
    const before = await count();
    try {
      const blocked = await postGraphQL(gateway(), BLOCK, { personRef: ref, capability, inpe: 'ZZP00010' }, patient);
      expect(blocked.body.errors).toBeUndefined();
      const attempts = [
        await register('clinique-zzp00010', { personRef: syntheticPersonRef('ZZ000015') }), // a person the clinic never checked
        await register('clinique-zzp00010', { personRef: syntheticPersonRef('ZZ999997') }), // a ref nobody knows
        await register('clinique-zzp00010', { personRef: P08 }), // in the clinic's care, but the clinic is blocked
      ];
      for (const answer of attempts) expect(answer.body.data?.registerDocument ?? null).toBeNull();
      expect(refusal(attempts[0] as Written)?.[0]).toMatchObject({ code: 'FORBIDDEN', reason: 'RECORD_CARE_RELATIONSHIP_REQUIRED' });
      // One refusal for all three: nothing tells an unknown person, another's patient and a block apart.
      for (const answer of attempts) expect(refusal(answer)).toEqual(refusal(attempts[0] as Written));
      expect(await count()).toBe(before);
    } finally {
      const unblocked = await postGraphQL(gateway(), UNBLOCK, { personRef: ref, capability, inpe: 'ZZP00010' }, patient);
      expect(unblocked.body.errors).toBeUndefined();
    }
    // Unblocked, the same write within the clinic's care relationship goes through.
    const allowed = await register('clinique-zzp00010', { personRef: P08, title: 'Après levée du blocage (e2e)' });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.registerDocument).toMatchObject({ status: 'CURRENT', custodianInpe: 'ZZP00010' });
  });

  it('gives a pharmacy no records purpose: it dispenses and writes no pointer', async () => {
    await expect(tokenFor('pharmacie-zzp00002', 'records:write')).rejects.toThrow(/invalid_scope|refused/);
    await expect(tokenFor('pharmacie-zzp00002', 'records:read')).rejects.toThrow(/invalid_scope|refused/);
  });
});

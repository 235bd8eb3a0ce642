import { syntheticPersonRef, syntheticUuid } from '@cmb/kit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL, type GraphQLAnswer } from '../support/graphql-client';
import { authAs, patientToken, tokenFor } from '../support/tokens';

/**
 * Who reads a person's record pointers, through the gateway with real
 * Keycloak tokens: the care relationship an eligibility check creates,
 * break-glass and its committed access row, and the consent the person
 * manages from the patient portal (block a provider, mask a document).
 */
const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
    }
  }
`;
const DOCUMENTS = /* GraphQL */ `
  query ($nationalId: String!, $breakGlass: BreakGlassInput) {
    person(nationalId: $nationalId) {
      documents(breakGlass: $breakGlass) {
        totalCount
        edges {
          node {
            id
            type
            custodianInpe
          }
        }
      }
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
const SETTINGS = 'blockedProviders { inpe since } maskedDocuments';
const BLOCK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $inpe: String!) { blockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }`;
const UNBLOCK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $inpe: String!) { unblockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }`;
const MASK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $id: ID!) { maskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }`;
const UNMASK = /* GraphQL */ `mutation ($personRef: ID!, $capability: String!, $id: ID!) { unmaskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }`;

const P01 = syntheticPersonRef('ZZ000001');
const P11 = syntheticPersonRef('ZZ000011');
const P01_LAB = syntheticUuid('document', 'ZZ000001', 'lab-result-v2');
/** The version `P01_LAB` replaced: a mask holds for every version of a document. */
const P01_LAB_V1 = syntheticUuid('document', 'ZZ000001', 'lab-result-v1');
const P01_NOTE = syntheticUuid('document', 'ZZ000001', 'consultation-note');
const P11_DISCHARGE = syntheticUuid('document', 'ZZ000011', 'discharge-summary');
const JUSTIFICATION = 'Patiente inconsciente admise aux urgences, antécédents nécessaires';

interface Documents {
  person: { documents: { totalCount: number; edges: { node: { id: string; type: string; custodianInpe: string } }[] } } | null;
}

const gateway = () => inject('gatewayUrl');

/** A database of the end-to-end PostgreSQL cluster (`cmb_<subgraph>`). */
async function database(name: string): Promise<Client> {
  const url = new URL(inject('e2ePostgresUrl'));
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

function documentsOf(
  nationalId: string,
  headers: Record<string, string>,
  breakGlass?: { justification: string },
): Promise<GraphQLAnswer<Documents>> {
  return postGraphQL<Documents>(gateway(), DOCUMENTS, { nationalId, breakGlass }, headers);
}

const ids = (answer: GraphQLAnswer<Documents>) => answer.body.data?.person?.documents.edges.map((edge) => edge.node.id);
const reason = (answer: GraphQLAnswer<unknown>) => answer.body.errors?.[0]?.extensions?.reason;

describe('record access through the gateway', () => {
  let beneficiaries: Client;
  let records: Client;

  beforeAll(async () => {
    beneficiaries = await database('cmb_beneficiaries');
    records = await database('cmb_medical_records');
    // Earlier suites check these personas' eligibility too: let their buffered relationships land, then start afresh.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await beneficiaries.query(
      "DELETE FROM care_relationship WHERE person_ref IN ($1, $2) AND org IN ('ZZP00001', 'ZZP00004', 'ZZP00010')",
      [P01, P11],
    );
    await records.query('DELETE FROM consent_block WHERE person_ref = $1', [P01]);
    await records.query('UPDATE document_pointer SET masked = false WHERE person_ref = $1', [P01]);
  });

  afterAll(async () => {
    await beneficiaries?.end();
    await records?.end();
  });

  it('refuses a hospital the record before an eligibility check, serves it after (care relationship), and refuses another establishment', async () => {
    const hospital = await authAs('hopital-zzp00004', 'records:read');
    const before = await documentsOf('ZZ000011', hospital);
    expect(before.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
    expect(before.body.data?.person ?? null).toBeNull();

    const check = await postGraphQL<{ eligibility: { outcome: string } }>(
      gateway(),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000011', providerInpe: 'ZZP00004', careType: 'HOSPITALISATION' } },
      await authAs('hopital-zzp00004', 'eligibility:check'),
    );
    expect(check.body.errors).toBeUndefined();

    // The relationship counts from the check (beneficiaries reads its buffer too, written every 250 ms): poll a few seconds at most.
    let after = await documentsOf('ZZ000011', hospital);
    for (let tries = 0; tries < 20 && after.body.errors; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await documentsOf('ZZ000011', hospital);
    }
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.person?.documents.edges.map((edge) => [edge.node.id, edge.node.type, edge.node.custodianInpe])).toEqual([
      [P11_DISCHARGE, 'HOSPITAL_DISCHARGE_SUMMARY', 'ZZP00004'],
    ]);
    // The beneficiaries subgraph answers from its buffer at once; the row lands with the next flush.
    const stored = async () =>
      (
        (
          await beneficiaries.query(
            "SELECT CAST(last_check_on AS TEXT) AS day FROM care_relationship WHERE person_ref = $1 AND org = 'ZZP00004'",
            [P11],
          )
        ).rows as { day: string }[]
      )[0];
    let row = await stored();
    for (let tries = 0; tries < 20 && !row; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await stored();
    }
    expect(row?.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const clinic = await documentsOf('ZZ000011', await authAs('clinique-zzp00010', 'records:read'));
    expect(clinic.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CARE_RELATIONSHIP_REQUIRED' });
    expect(clinic.body.data?.person ?? null).toBeNull();
  });

  it("opens no care relationship for a pharmacy's ELIGIBLE check, nor for a check that is not ELIGIBLE", async () => {
    const check = async (clientId: string, nationalId: string, providerInpe: string, careType: string) =>
      (
        await postGraphQL<{ eligibility: { outcome: string } }>(
          gateway(),
          ELIGIBILITY,
          { input: { nationalId, providerInpe, careType, date: '2026-03-02' } },
          await authAs(clientId, 'eligibility:check'),
        )
      ).body.data?.eligibility.outcome;
    expect(await check('pharmacie-zzp00002', 'ZZ000010', 'ZZP00002', 'PHARMACY')).toBe('ELIGIBLE');
    expect(await check('hopital-zzp00004', 'ZZ000003', 'ZZP00004', 'HOSPITALISATION')).toBe('NO_ACTIVE_RIGHTS');
    // Past the next flush of the buffered relationships (250 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rows = await beneficiaries.query(
      "SELECT org FROM care_relationship WHERE (person_ref = $1 AND org = 'ZZP00002') OR (person_ref = $2 AND org = 'ZZP00004')",
      [syntheticPersonRef('ZZ000010'), syntheticPersonRef('ZZ000003')],
    );
    expect(rows.rows).toEqual([]);
  });

  it('still refuses identity fields to a care client that looks a person up under records:read', async () => {
    const answer = await postGraphQL(
      gateway(),
      '{ person(nationalId: "ZZ000011") { firstName documents { totalCount } } }',
      {},
      await authAs('hopital-zzp00004', 'records:read'),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['person.firstName'] });
  });

  it('serves a hospital breaking the glass with a justification, after committing the access; refuses it without one', async () => {
    const breakGlass = await authAs('hopital-zzp00004', 'records:break-glass');
    const count = async () =>
      Number((await records.query('SELECT COUNT(*) AS n FROM break_glass_access WHERE person_ref = $1', [P11])).rows[0]?.n);
    const before = await count();

    const missing = await documentsOf('ZZ000011', breakGlass);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BREAK_GLASS_JUSTIFICATION_REQUIRED' });
    const short = await documentsOf('ZZ000011', breakGlass, { justification: 'urgence' });
    expect(reason(short)).toBe('BREAK_GLASS_JUSTIFICATION_REQUIRED');
    expect(await count()).toBe(before);

    const served = await documentsOf('ZZ000011', breakGlass, { justification: JUSTIFICATION });
    expect(served.body.errors).toBeUndefined();
    expect(ids(served)).toEqual([P11_DISCHARGE]);
    expect(JSON.stringify(served.body)).not.toContain('urgences');
    const { rows } = await records.query(
      'SELECT org, client_id, token_id, justification, reviewed_at, reviewer FROM break_glass_access WHERE person_ref = $1 ORDER BY accessed_at DESC LIMIT 1',
      [P11],
    );
    expect(await count()).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      org: 'ZZP00004',
      client_id: 'hopital-zzp00004',
      justification: JUSTIFICATION,
      reviewed_at: null,
      reviewer: null,
    });
    expect(rows[0]?.token_id).toEqual(expect.any(String));

    // Only hospitals hold the purpose.
    await expect(tokenFor('clinique-zzp00010', 'records:break-glass')).rejects.toThrow(/invalid_scope|refused/);
  });

  it('lets a patient block a provider and mask a document from the portal; both hold, break-glass excepted', async () => {
    const doctor = await authAs('cabinet-zzp00001', 'records:read');
    const check = await postGraphQL(
      gateway(),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } },
      await authAs('cabinet-zzp00001', 'eligibility:check'),
    );
    expect(check.body.errors).toBeUndefined();
    let listed = await documentsOf('ZZ000001', doctor);
    for (let tries = 0; tries < 20 && listed.body.errors; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      listed = await documentsOf('ZZ000001', doctor);
    }
    expect(ids(listed)).toEqual([P01_NOTE, P01_LAB]);

    const patient = await patientToken('p01-amal', 'openid records:consent');
    const me = await postGraphQL<{ me: { ref: string; consentCapability: string } }>(gateway(), ME, {}, patient);
    expect(me.body.errors).toBeUndefined();
    const { ref, consentCapability: capability } = me.body.data?.me ?? { ref: '', consentCapability: '' };
    expect(ref).toBe(P01);
    expect(capability).toMatch(/^[A-Za-z0-9_-]{43}$/);

    try {
      const masked = await postGraphQL<{ maskDocument: { maskedDocuments: string[] } }>(
        gateway(),
        MASK,
        { personRef: ref, capability, id: P01_LAB },
        patient,
      );
      expect(masked.body.errors).toBeUndefined();
      expect(masked.body.data?.maskDocument.maskedDocuments).toEqual([P01_LAB, P01_LAB_V1].sort());
      expect(ids(await documentsOf('ZZ000001', doctor))).toEqual([P01_NOTE]);

      const blocked = await postGraphQL<{ blockProvider: { blockedProviders: { inpe: string }[] } }>(
        gateway(),
        BLOCK,
        { personRef: ref, capability, inpe: 'ZZP00001' },
        patient,
      );
      expect(blocked.body.errors).toBeUndefined();
      expect(blocked.body.data?.blockProvider.blockedProviders.map((block) => block.inpe)).toEqual(['ZZP00001']);
      const refused = await documentsOf('ZZ000001', doctor);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_BLOCKED' });
      expect(refused.body.data?.person ?? null).toBeNull();

      // Break-glass is the only way past both.
      const emergency = await documentsOf('ZZ000001', await authAs('hopital-zzp00004', 'records:break-glass'), {
        justification: JUSTIFICATION,
      });
      expect(emergency.body.errors).toBeUndefined();
      expect(ids(emergency)).toEqual([P01_NOTE, P01_LAB]);

      // Another insured person cannot use this capability, nor a care client change the consent.
      const other = await patientToken('p11-karima', 'openid records:consent');
      const stolen = await postGraphQL(gateway(), UNBLOCK, { personRef: ref, capability, inpe: 'ZZP00001' }, other);
      expect(stolen.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_CAPABILITY_INVALID' });
      const byDoctor = await postGraphQL(gateway(), UNBLOCK, { personRef: ref, capability, inpe: 'ZZP00001' }, doctor);
      expect(byDoctor.status).toBe(403);
      expect(byDoctor.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['unblockProvider'] });
      expect(reason(await documentsOf('ZZ000001', doctor))).toBe('CONSENT_BLOCKED');
    } finally {
      const unblocked = await postGraphQL(gateway(), UNBLOCK, { personRef: ref, capability, inpe: 'ZZP00001' }, patient);
      const unmasked = await postGraphQL(gateway(), UNMASK, { personRef: ref, capability, id: P01_LAB }, patient);
      expect(unblocked.body.errors).toBeUndefined();
      expect(unmasked.body.errors).toBeUndefined();
    }
    expect(ids(await documentsOf('ZZ000001', doctor))).toEqual([P01_NOTE, P01_LAB]);
  });

  it('answers me only to the signed-in person', async () => {
    const patient = await patientToken('p11-karima', 'openid beneficiary:read');
    const me = await postGraphQL<{ me: { ref: string; firstName: string } }>(gateway(), '{ me { ref firstName } }', {}, patient);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data?.me).toEqual({ ref: P11, firstName: 'Karima' });
    const og = await postGraphQL(gateway(), '{ me { ref } }', {}, await authAs('og-cnss', 'beneficiary:read'));
    expect(og.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

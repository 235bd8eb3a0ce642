import { describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const UPSERT = /* GraphQL */ `
  mutation ($batch: AffiliationBatchInput!) {
    upsertAffiliations(batch: $batch) {
      replayed
      applied
      rejected
      rows {
        index
        status
        code
        conflictingOrganism
      }
    }
  }
`;
const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      outcome
      coverage {
        organism
        regime
        role
      }
    }
  }
`;

const row = (nationalId: string, extra: Record<string, unknown> = {}) => ({
  nationalId,
  firstName: 'Synthetique',
  lastName: 'Passerelle',
  birthDate: '1991-02-03',
  sex: 'M',
  regime: 'AMO_SALARIES_PUBLIC',
  role: 'INSURED',
  memberNumber: `E2E-${nationalId}`,
  validFrom: '2026-01-01',
  status: 'ACTIVE',
  ...extra,
});

describe('an OG batch through the gateway', () => {
  it('is applied once, per row, and the new member is then eligible', async () => {
    const batch = {
      idempotencyKey: 'e2e-cnops-batch-000001',
      organism: 'CNOPS',
      rows: [row('ZY200001'), row('ZY200002', { role: 'CHILD' }), row('ZZ000012')],
    };
    const first = await postGraphQL<{
      upsertAffiliations: {
        replayed: boolean;
        applied: number;
        rejected: number;
        rows: { status: string; code: string | null; conflictingOrganism: string | null }[];
      };
    }>(inject('gatewayUrl'), UPSERT, { batch }, await authAs('og-cnops', 'beneficiary:write'));
    expect(first.body.errors).toBeUndefined();
    const result = first.body.data?.upsertAffiliations;
    expect(result).toMatchObject({ replayed: false, applied: 1, rejected: 2 });
    expect(result?.rows.map((r) => r.code)).toEqual([null, 'BAD_USER_INPUT', 'DUPLICATE_REGISTRATION']);
    expect(result?.rows[2]?.conflictingOrganism).toBe('CNSS');

    const retry = await postGraphQL<{ upsertAffiliations: { replayed: boolean } }>(
      inject('gatewayUrl'),
      UPSERT,
      { batch },
      await authAs('og-cnops', 'beneficiary:write'),
    );
    expect(retry.body.data?.upsertAffiliations).toEqual({ ...result, replayed: true });

    const check = await postGraphQL<{ eligibility: { outcome: string; coverage: unknown } }>(
      inject('gatewayUrl'),
      ELIGIBILITY,
      { input: { nationalId: 'ZY200001', providerInpe: 'ZZP00001', date: '2026-03-02' } },
      await authAs('cabinet-zzp00001'),
    );
    expect(check.body.data?.eligibility).toEqual({
      outcome: 'ELIGIBLE',
      coverage: { organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC', role: 'INSURED' },
    });
  });

  it("gives an OG no sight of another OG's member through a closed row: no identity, no long-term illness, no prior approval", async () => {
    const PATHWAY = /* GraphQL */ `
      query ($nationalId: String!) {
        person(nationalId: $nationalId) {
          longTermIllnesses {
            code
          }
          priorApprovals {
            status
          }
        }
      }
    `;
    type Pathway = { person: { longTermIllnesses: { code: string }[]; priorApprovals: { status: string }[] } | null };
    const read = async (clientId: string, nationalId: string) =>
      postGraphQL<Pathway>(inject('gatewayUrl'), PATHWAY, { nationalId }, await authAs(clientId, 'pathway:read'));
    // CNSS's members P07 (diabetic) and P11 (a granted prior approval): the data is there, for CNSS.
    expect((await read('og-cnss', 'ZZ000007')).body.data?.person?.longTermIllnesses.map((i) => i.code)).toContain('DIABETE_T2');
    expect((await read('og-cnss', 'ZZ000011')).body.data?.person?.priorApprovals.map((a) => a.status)).toContain('GRANTED');

    // CNOPS declares a closed affiliation for each, as if it had covered them once.
    const closed = (nationalId: string, firstName: string, lastName: string, birthDate: string, sex: string) =>
      row(nationalId, { firstName, lastName, birthDate, sex, validFrom: '2001-01-01', validUntil: '2001-12-31', status: 'CLOSED' });
    const batch = await postGraphQL<{ upsertAffiliations: { rows: { status: string; code: string | null }[] } }>(
      inject('gatewayUrl'),
      UPSERT,
      {
        batch: {
          idempotencyKey: 'e2e-cnops-closed-000001',
          organism: 'CNOPS',
          rows: [
            closed('ZZ000007', 'Ghita', 'Horsparcours', '1968-05-15', 'F'),
            closed('ZZ000011', 'Karima', 'Tadamon', '1972-08-19', 'F'),
          ],
        },
      },
      await authAs('og-cnops', 'beneficiary:write'),
    );
    expect(batch.body.errors).toBeUndefined();
    expect(batch.body.data?.upsertAffiliations.rows.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'ENROLMENT_REQUIRED'],
      ['REJECTED', 'ENROLMENT_REQUIRED'],
    ]);
    for (const nationalId of ['ZZ000007', 'ZZ000011']) {
      const seen = await read('og-cnops', nationalId);
      expect(seen.body.errors).toBeUndefined();
      expect(seen.body.data?.person).toBeNull();
    }
  });

  it('refuses an oversized batch as a whole', async () => {
    const rows = Array.from({ length: 1_001 }, (_, i) => row(`ZW${String(i).padStart(6, '0')}`));
    const answer = await postGraphQL(
      inject('gatewayUrl'),
      UPSERT,
      { batch: { idempotencyKey: 'e2e-cnops-batch-000002', organism: 'CNOPS', rows } },
      await authAs('og-cnops', 'beneficiary:write'),
    );
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BATCH_TOO_LARGE' });
  });
});

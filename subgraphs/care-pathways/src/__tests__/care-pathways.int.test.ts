import { issuePersonProof, syntheticPersonRef } from '@cmb/kit';
import { In } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../../../test/support/test-database';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { PathwayExceptionEntity } from '../entities/pathway-exception.entity';
import { PcsEnrolmentEntity } from '../entities/pcs-enrolment.entity';
import { PriorApprovalEntity } from '../entities/prior-approval.entity';
import { ReferralEntity } from '../entities/referral.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';
import { DECISIONS, decisionRepresentation, TEST_PROOF_SECRET, useCarePathwaysApp } from './support/care-pathways-test-app';

const PERSONS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        referringDoctorInpe
        longTermIllnesses {
          code
          label
          kind
          listVersion
          validFrom
          validUntil
        }
        pathwayEnrolment {
          organism
          regime
          regionCode
          pathologyCode
          referringDoctorInpe
          validFrom
          validUntil
        }
        referrals {
          fromInpe
          toInpe
          issuedOn
          validUntil
        }
        priorApprovals {
          organism
          careType
          status
          validFrom
          validUntil
        }
      }
    }
  }
`;
const REFERENCE_DATA = /* GraphQL */ `
  query ($pathology: String) {
    aldList {
      code
      label
      kind
      pathology
      listVersion
    }
    protocols(pathology: $pathology) {
      code
      pathology
      label
      version
      dci
    }
  }
`;

interface Facts {
  pcsApplies: boolean;
  compliant: boolean;
  penalty: string;
  aldExemptions: string[];
}
interface Status {
  referringDoctorInpe: string | null;
  inPathway: boolean;
  pcsApplies: boolean;
  aldExemptions: string[];
  protocols: string[];
  priorApprovalRequired: boolean;
  priorApprovalGranted: boolean;
  referenceVersion: string;
}
interface Decided {
  id: string;
  pathwayFacts: Facts;
  pathway: Status;
}

const CARE_DATE = '2026-03-02';
const P07 = syntheticPersonRef('ZZ000007');
const P10 = syntheticPersonRef('ZZ000010');
const P01 = syntheticPersonRef('ZZ000001');
const P11 = syntheticPersonRef('ZZ000011');

/** A representation as the gateway sends it in hop 2, with beneficiaries' proof of the person for the test caller (ANAM). */
function decision(id: string, personRef: string | null, providerInpe: string, careType: string, careDate = CARE_DATE) {
  return decisionRepresentation(id, personRef, providerInpe, careType, careDate);
}

describe.each(ENGINES)('care-pathways subgraph on %s', (engine) => {
  const { app, execute } = useCarePathwaysApp(engine, { name: 'care-pathways', persons: 300, seed: 7 });

  async function decide(...representations: ReturnType<typeof decision>[]): Promise<Decided[]> {
    const result = await execute(DECISIONS, { representations });
    expect(result.errors).toBeUndefined();
    return result.data?._entities as Decided[];
  }

  it('P07: a specialist visit without referral is in the PCS and out of pathway (R8)', async () => {
    const [result] = await decide(decision('d-p07', P07, 'ZZP00003', 'SPECIALIST_CONSULTATION'));
    expect(result?.id).toBe('d-p07');
    expect(result?.pathwayFacts).toEqual({ pcsApplies: true, compliant: false, penalty: 'REFUSE', aldExemptions: ['DIABETE_T2'] });
    expect(result?.pathway).toMatchObject({
      referringDoctorInpe: 'ZZP00001',
      inPathway: false,
      pcsApplies: true,
      protocols: ['PT_DIABETE'],
    });
  });

  it('P07: care by the referring doctor, or at the pharmacy, is in pathway', async () => {
    const [byDoctor, atPharmacy] = await decide(
      decision('d-1', P07, 'ZZP00001', 'SPECIALIST_CONSULTATION'),
      decision('d-2', P07, 'ZZP00002', 'PHARMACY'),
    );
    expect(byDoctor?.pathwayFacts).toMatchObject({ pcsApplies: true, compliant: true });
    expect(byDoctor?.pathway.inPathway).toBe(true);
    expect(atPharmacy?.pathwayFacts).toMatchObject({ pcsApplies: false, compliant: true });
  });

  it('P10: the diabetes exemption is valid on the day of care (R9)', async () => {
    const [result] = await decide(decision('d-p10', P10, 'ZZP00002', 'PHARMACY'));
    expect(result?.pathwayFacts).toEqual({ pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: ['DIABETE_T2'] });
    expect(result?.pathway).toMatchObject({
      referringDoctorInpe: 'ZZP00001',
      inPathway: true,
      aldExemptions: ['DIABETE_T2'],
      protocols: ['PT_DIABETE'],
    });
    const [later] = await decide(decision('d-p10-2027', P10, 'ZZP00002', 'PHARMACY', '2027-01-01'));
    expect(later?.pathwayFacts.aldExemptions).toEqual([]);
  });

  it('P11: a hospital stay needs a prior approval, and one is granted (R11)', async () => {
    const [result] = await decide(decision('d-p11', P11, 'ZZP00004', 'HOSPITALISATION'));
    expect(result?.pathway).toMatchObject({ priorApprovalRequired: true, priorApprovalGranted: true, pcsApplies: false });
  });

  it('a decision without a person gets the default facts', async () => {
    const [result] = await decide(decision('d-none', null, 'ZZP00001', 'CONSULTATION'));
    expect(result?.pathwayFacts).toEqual({ pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] });
    expect(result?.pathway).toMatchObject({
      referringDoctorInpe: null,
      inPathway: true,
      protocols: [],
      referenceVersion: expect.stringContaining('ald:'),
    });
  });

  it('batches several representations into one lookup per table, answers in order', async () => {
    const load = vi.spyOn(app().services.store, 'loadRecords');
    try {
      const results = await decide(
        decision('b-1', P07, 'ZZP00003', 'SPECIALIST_CONSULTATION'),
        decision('b-2', P10, 'ZZP00002', 'PHARMACY'),
        decision('b-3', null, 'ZZP00001', 'CONSULTATION'),
        decision('b-4', P01, 'ZZP00001', 'CONSULTATION'),
        decision('b-5', P07, 'ZZP00001', 'IMAGING'),
      );
      expect(results.map((r) => r.id)).toEqual(['b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
      expect(results.map((r) => r.pathwayFacts.compliant)).toEqual([false, true, true, true, true]);
      expect(load).toHaveBeenCalledTimes(1);
      expect(new Set(load.mock.calls[0]?.[0])).toEqual(new Set([P07, P10, P01]));
    } finally {
      load.mockRestore();
    }
  });

  it('reads in one statement every row the ORM reads, for every table, as the same values', async () => {
    const { dataSource, services } = app();
    const tables = [
      ['referringDoctors', ReferringDoctorEntity],
      ['illnesses', LongTermIllnessEntity],
      ['enrolments', PcsEnrolmentEntity],
      ['referrals', ReferralEntity],
      ['exceptions', PathwayExceptionEntity],
      ['approvals', PriorApprovalEntity],
    ] as const;
    // Two synthetic persons with a row in every table: one with every column filled, one with the nullable ones null; and one with none.
    const asked = ['zz-every-column', 'zz-nullable-null', 'zz-nobody'];
    for (const [index, [, entity]] of tables.entries()) {
      const { columns } = dataSource.getMetadata(entity);
      for (const personRef of asked.slice(0, 2)) {
        const row = Object.fromEntries(
          columns.map((column) => {
            const value = column.type === 'date' ? `2026-0${index + 1}-1${asked.indexOf(personRef)}` : `zz${index}${column.propertyName}`;
            const text = column.length ? value.slice(0, Number(column.length)) : value;
            return [column.propertyName, column.isNullable && personRef === 'zz-nullable-null' ? null : text];
          }),
        );
        await dataSource.getRepository(entity).insert({ ...row, id: `${personRef}-${index}`, personRef });
      }
    }
    try {
      const statements = vi.spyOn(dataSource, 'query');
      const records = await services.store.loadRecords(asked);
      if (engine === 'sqlite') expect(statements).toHaveBeenCalledTimes(1);
      statements.mockRestore();
      const sortById = (rows: readonly { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      for (const [index, ref] of asked.entries()) {
        for (const [field, entity] of tables) {
          const viaOrm = await dataSource.getRepository(entity).find({ where: { personRef: ref } });
          expect(sortById(records[index]?.[field] ?? []).map((row) => ({ ...row }))).toEqual(sortById(viaOrm).map((row) => ({ ...row })));
        }
      }
      expect(records[0]?.referrals[0]?.toInpe).toBe('zz3toInpe');
      expect(records[1]?.referrals[0]?.toInpe).toBeNull();
      expect(records.at(-1)).toEqual({ referringDoctors: [], illnesses: [], enrolments: [], referrals: [], exceptions: [], approvals: [] });
    } finally {
      // Gone again: the other tests read the seeded population only.
      for (const [, entity] of tables) await dataSource.getRepository(entity).delete({ personRef: In(asked) });
    }
  });

  it('refuses a malformed care date with BAD_USER_INPUT', async () => {
    const result = await execute(DECISIONS, {
      representations: [decision('d-bad', P07, 'ZZP00003', 'SPECIALIST_CONSULTATION', '02/03/2026')],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).not.toContain('02/03/2026');
  });

  it('resolves Person references with their pathway records', async () => {
    const unknown = syntheticPersonRef('ZZ000002');
    // As beneficiaries serves them to the test caller (ANAM), with its proof.
    const secret = TEST_PROOF_SECRET;
    const result = await execute(PERSONS, {
      representations: [P07, P01, P11, unknown].map((ref) => ({
        __typename: 'Person',
        ref,
        readerProof: issuePersonProof(secret, ref, 'ANAM'),
      })),
    });
    expect(result.errors).toBeUndefined();
    const [p07, p01, p11, nobody] = result.data?._entities as Record<string, unknown>[];
    expect(p07).toMatchObject({
      ref: P07,
      referringDoctorInpe: 'ZZP00001',
      longTermIllnesses: [{ code: 'DIABETE_T2', kind: 'ALD', validFrom: '2020-01-01', validUntil: '2027-12-31' }],
      pathwayEnrolment: {
        organism: 'CNSS',
        regime: 'AMO_SALARIES_PRIVE',
        regionCode: 'FME',
        pathologyCode: 'DIABETE_T2',
        referringDoctorInpe: 'ZZP00001',
        validFrom: '2024-01-01',
        validUntil: null,
      },
      referrals: [],
    });
    expect(p01).toMatchObject({ referringDoctorInpe: 'ZZP00001', longTermIllnesses: [], pathwayEnrolment: null, priorApprovals: [] });
    expect(p11).toMatchObject({
      priorApprovals: [
        { organism: 'CNSS', careType: 'HOSPITALISATION', status: 'GRANTED', validFrom: '2026-02-15', validUntil: '2026-04-15' },
      ],
    });
    expect(nobody).toEqual({
      ref: unknown,
      referringDoctorInpe: null,
      longTermIllnesses: [],
      pathwayEnrolment: null,
      referrals: [],
      priorApprovals: [],
    });
  });

  it('serves the ALD list and the therapeutic protocols', async () => {
    const all = await execute(REFERENCE_DATA, {});
    expect(all.errors).toBeUndefined();
    const aldList = all.data?.aldList as { code: string; listVersion: string }[];
    expect(aldList.length).toBeGreaterThanOrEqual(20);
    expect(aldList.map((a) => a.code)).toEqual(
      expect.arrayContaining(['DIABETE_T1', 'DIABETE_T2', 'HTA_SEVERE', 'INSUFFISANCE_RENALE_CHRONIQUE', 'CANCER_SEIN']),
    );
    expect((all.data?.protocols as unknown[]).length).toBe(14);
    const diabetes = await execute(REFERENCE_DATA, { pathology: 'DIABETE' });
    expect(diabetes.data?.protocols).toEqual([
      expect.objectContaining({ code: 'PT_DIABETE', pathology: 'DIABETE', dci: expect.arrayContaining(['METFORMINE']) }),
    ]);
  });

  it('seeds the generated population: enrolees have a referring doctor, doctors come from the synthetic pool', async () => {
    const doctors = (await app().dataSource.query('SELECT doctor_inpe FROM referring_doctor')) as { doctor_inpe: string }[];
    expect(doctors.length).toBeGreaterThan(50);
    for (const { doctor_inpe } of doctors) expect(doctor_inpe).toMatch(/^ZZP(00001|10[0-4]\d\d)$/);
    const orphans = (await app().dataSource.query(
      'SELECT COUNT(*) AS n FROM pcs_enrolment e WHERE NOT EXISTS (SELECT 1 FROM referring_doctor d WHERE d.person_ref = e.person_ref)',
    )) as { n: number | string }[];
    expect(Number(orphans[0]?.n)).toBe(0);
  });
});

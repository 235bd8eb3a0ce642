import {
  addDays,
  addYears,
  issuePersonProof,
  SERVED_PERSONS_EXTENSION,
  syntheticPersonRef,
  todayIn,
  type Caller,
  type ServedPerson,
} from '@cmb/kit';
import { EntityManager } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../../../test/support/test-database';
import { LongTermIllnessEntity } from '../entities/long-term-illness.entity';
import { ReferringDoctorEntity } from '../entities/referring-doctor.entity';
import { DECISIONS, decisionRepresentation, TEST_PROOF_SECRET, useCarePathwaysApp } from './support/care-pathways-test-app';

/**
 * OGs record their own members' care pathways (R8-R11) and establishments
 * ask for prior approvals, on SQLite and PostgreSQL: per-row results, one
 * transaction per batch, idempotency keys scoped to the writer, and the
 * organisms covering each person as the gateway read them from the registry
 * (`caller.personOrganisms`): without them, every row is refused.
 */
const RECORD = /* GraphQL */ `
  mutation ($batch: PathwayBatchInput!) {
    recordPathways(batch: $batch) {
      idempotencyKey
      replayed
      applied
      refused
      rows {
        index
        kind
        status
        code
        message
        recordId
      }
    }
  }
`;
const REQUEST_FIELDS =
  'id personRef organism careType actCode plannedOn status requestedBy requestedAt decidedAt validFrom validUntil refusalReason';
const REQUEST = /* GraphQL */ `
  mutation ($input: PriorApprovalRequestInput!) { requestPriorApproval(input: $input) { replayed request { ${REQUEST_FIELDS} } } }
`;
const REQUESTS = /* GraphQL */ `
  query ($status: PriorApprovalStatus, $first: Int, $after: String) {
    priorApprovalRequests(status: $status, first: $first, after: $after) { nodes { ${REQUEST_FIELDS} } endCursor hasNextPage }
  }
`;
const PERSONS = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        referringDoctorInpe
        longTermIllnesses {
          id
          code
          validFrom
          validUntil
          protocolCode
          protocolVersion
        }
        referrals {
          fromInpe
          toSpecialty
          toInpe
          issuedOn
          validUntil
        }
        priorApprovals {
          id
          organism
          careType
          status
          validFrom
          validUntil
          plannedOn
          requestedBy
          refusalReason
        }
      }
    }
  }
`;
interface RowResult {
  index: number;
  kind: string | null;
  status: string;
  code: string | null;
  message: string | null;
  recordId: string | null;
}
interface BatchResult {
  idempotencyKey: string;
  replayed: boolean;
  applied: number;
  refused: number;
  rows: RowResult[];
}
interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

const P01 = syntheticPersonRef('ZZ000001');
const P05 = syntheticPersonRef('ZZ000005');
const P07 = syntheticPersonRef('ZZ000007');
const P08 = syntheticPersonRef('ZZ000008');
const P11 = syntheticPersonRef('ZZ000011');
const P12 = syntheticPersonRef('ZZ000012');
const STRANGER = '0d6f1d1c-7b55-4c41-9c43-3b8f3a4f0f00';
/** The organisms covering each person, as the gateway reads them from the registry (a stranger is absent). */
const ORGANISMS: Caller['personOrganisms'] = {
  [P01]: ['CNSS'],
  [P05]: ['CNOPS', 'CNSS'],
  [P07]: ['CNSS'],
  [P08]: ['CNOPS'],
  [P11]: ['CNSS'],
  [P12]: ['CNSS'],
};
const CNSS: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['pathway:write'], personOrganisms: ORGANISMS };
const CNOPS: Partial<Caller> = {
  clientId: 'og-cnops',
  org: 'CNOPS',
  orgKind: 'OG',
  purposes: ['pathway:write'],
  personOrganisms: ORGANISMS,
};
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['pathway:request'],
  personOrganisms: ORGANISMS,
};
const CLINIC: Partial<Caller> = { ...HOSPITAL, clientId: 'clinique-zzp00010', org: 'ZZP00010' };

const TODAY = todayIn('Africa/Casablanca');
const day = (days: number) => addDays(TODAY, days);

describe.each(ENGINES)('care pathway writes on %s', (engine) => {
  const subgraph = useCarePathwaysApp(engine, { name: 'pathway-writes', persons: 50, seed: 5, env: { LOG_LEVEL: 'silent' } });
  const app = subgraph.app;
  let keys = 0;
  const key = (label: string) => `${label}-${engine}-${(keys += 1)}`;
  const secret = TEST_PROOF_SECRET;

  async function execute<T>(query: string, variables: Record<string, unknown>, caller: Partial<Caller>): Promise<Answer<T>> {
    return (await subgraph.execute<T>(query, variables, caller)) as Answer<T>;
  }

  async function record(rows: Record<string, unknown>[], caller: Partial<Caller> = CNSS, idempotencyKey = key('batch')) {
    return execute<{ recordPathways: BatchResult }>(RECORD, { batch: { idempotencyKey, rows } }, caller);
  }

  async function recorded(rows: Record<string, unknown>[], caller: Partial<Caller> = CNSS): Promise<BatchResult> {
    const answer = await record(rows, caller);
    expect(answer.errors).toBeUndefined();
    return answer.data?.recordPathways as BatchResult;
  }

  /** A person's pathway as beneficiaries serves it to ANAM (its reader proof). */
  async function pathwayOf(ref: string): Promise<Record<string, unknown>> {
    const answer = await execute<{ _entities: Record<string, unknown>[] }>(
      PERSONS,
      { representations: [{ __typename: 'Person', ref, readerProof: issuePersonProof(secret, ref, 'ANAM') }] },
      {},
    );
    expect(answer.errors).toBeUndefined();
    return answer.data?._entities[0] as Record<string, unknown>;
  }

  /** Hop 2 of an eligibility check by ANAM for the person, provider, care type and day. */
  async function decide(ref: string, providerInpe: string, careType: string, careDate: string) {
    const id = `d-${careType}-${careDate}`;
    const answer = await execute<{ _entities: Record<string, Record<string, unknown>>[] }>(
      DECISIONS,
      { representations: [decisionRepresentation(id, ref, providerInpe, careType, careDate)] },
      {},
    );
    expect(answer.errors).toBeUndefined();
    return answer.data?._entities[0] as { pathwayFacts: Record<string, unknown>; pathway: Record<string, unknown> };
  }

  async function requestApproval(input: Record<string, unknown>, caller: Partial<Caller> = HOSPITAL) {
    return execute<{ requestPriorApproval: { replayed: boolean; request: Record<string, unknown> } }>(
      REQUEST,
      { input: { careType: 'HOSPITALISATION', plannedOn: day(7), idempotencyKey: key('request'), ...input } },
      caller,
    );
  }

  const count = (entity: typeof LongTermIllnessEntity | typeof ReferringDoctorEntity) => app().dataSource.getRepository(entity).count();

  it('changes the referring doctor, closing the previous declaration the day before the new one starts (R8)', async () => {
    const result = await recorded([{ personRef: P12, referringDoctor: { doctorInpe: 'zzp00003', validFrom: day(10) } }]);
    expect(result).toMatchObject({ applied: 1, refused: 0, replayed: false });
    expect(result.rows[0]).toMatchObject({ index: 0, kind: 'REFERRING_DOCTOR', status: 'APPLIED', code: null });
    const again = await recorded([{ personRef: P12, referringDoctor: { doctorInpe: 'ZZP00005', validFrom: day(20) } }]);
    expect(again.applied).toBe(1);
    const declarations = await app()
      .dataSource.getRepository(ReferringDoctorEntity)
      .find({ where: { personRef: P12 } });
    const byDoctor = Object.fromEntries(declarations.map((d) => [d.doctorInpe, d]));
    expect(byDoctor.ZZP00003).toMatchObject({ organism: 'CNSS', validFrom: day(10), validUntil: day(19), recordedBy: 'CNSS' });
    expect(byDoctor.ZZP00005).toMatchObject({ validFrom: day(20), validUntil: null, requestId: 'test-request' });
    // The same doctor again changes nothing and answers with the declaration in force.
    const same = await recorded([{ personRef: P12, referringDoctor: { doctorInpe: 'ZZP00005', validFrom: day(25) } }]);
    expect(same.rows[0]).toMatchObject({ status: 'APPLIED', recordId: byDoctor.ZZP00005?.id });
    // A change cannot start before the declaration in force.
    const earlier = await recorded([{ personRef: P12, referringDoctor: { doctorInpe: 'ZZP00001', validFrom: day(15) } }]);
    expect(earlier.rows[0]).toMatchObject({ status: 'REFUSED', code: 'BAD_USER_INPUT' });
  });

  it('recognises a long-term illness with its protocol, readable by person and in the decision (R9, R10)', async () => {
    const result = await recorded([
      { personRef: P01, longTermIllness: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: day(365), protocolCode: 'PT_DIABETE' } },
      { personRef: P01, longTermIllness: { aldCode: 'CANCER_SEIN', validFrom: TODAY, validUntil: day(30) } },
    ]);
    expect(result.rows.map((r) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    const attached = await recorded([
      { personRef: P01, protocol: { illnessId: result.rows[1]?.recordId, protocolCode: 'PT_CANCER_SEIN' } },
    ]);
    expect(attached.rows[0]).toMatchObject({ status: 'APPLIED', kind: 'PROTOCOL', recordId: result.rows[1]?.recordId });
    const person = (await pathwayOf(P01)) as { longTermIllnesses: Record<string, unknown>[] };
    expect(person.longTermIllnesses).toEqual(
      expect.arrayContaining([
        {
          id: result.rows[0]?.recordId,
          code: 'DIABETE_T2',
          validFrom: TODAY,
          validUntil: day(365),
          protocolCode: 'PT_DIABETE',
          protocolVersion: '2023-01-20',
        },
        expect.objectContaining({ code: 'CANCER_SEIN', protocolCode: 'PT_CANCER_SEIN' }),
      ]),
    );
    const decided = await decide(P01, 'ZZP00002', 'PHARMACY', day(1));
    expect(decided.pathwayFacts.aldExemptions).toEqual(['CANCER_SEIN', 'DIABETE_T2']);
    expect(decided.pathway.protocols).toEqual(['PT_CANCER_SEIN', 'PT_DIABETE']);
    // Before the recognition, no exemption (the persona's checks are unchanged).
    expect((await decide(P01, 'ZZP00002', 'PHARMACY', '2026-03-02')).pathwayFacts.aldExemptions).toEqual([]);
  });

  it('refuses, row by row with BAD_USER_INPUT, dates outside what the reference data allows and codes outside the lists', async () => {
    const before = await count(LongTermIllnessEntity);
    const illness = (change: Record<string, unknown>) => ({
      personRef: P11,
      longTermIllness: { aldCode: 'HTA_SEVERE', validFrom: TODAY, validUntil: day(100), ...change },
    });
    const result = await recorded([
      illness({ validUntil: addYears(TODAY, 4) }),
      illness({ validFrom: day(-400) }),
      illness({ validFrom: day(120), validUntil: day(200) }),
      illness({ validUntil: day(-1) }),
      illness({ aldCode: 'GRIPPE' }),
      illness({ protocolCode: 'PT_DIABETE' }),
      { personRef: P11, referral: { fromInpe: 'ZZP00001', toSpecialty: 'CARDIOLOGIE', issuedOn: day(1), validUntil: day(20) } },
      { personRef: P11, priorApprovalDecision: { requestId: STRANGER, decision: 'GRANTED', validFrom: TODAY, validUntil: day(400) } },
      { personRef: P11 },
      {
        personRef: P11,
        referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY },
        referral: { fromInpe: 'ZZP00001', toInpe: 'ZZP00003', issuedOn: TODAY, validUntil: day(2) },
      },
      { personRef: 'ZZ000011', referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY } },
    ]);
    expect(result.applied).toBe(0);
    expect(result.rows.map((r) => r.code)).toEqual(Array(11).fill('BAD_USER_INPUT'));
    expect(result.rows[0]?.message).toContain('validUntil');
    expect(result.rows[1]?.message).toContain('validFrom');
    expect(result.rows[8]?.kind).toBeNull();
    // Messages never repeat what was sent.
    expect(JSON.stringify(result)).not.toContain('ZZ000011');
    expect(JSON.stringify(result)).not.toContain('GRIPPE');
    expect(await count(LongTermIllnessEntity)).toBe(before);
  });

  it("refuses another OG's member, an unknown person and any row without the registry's facts with FORBIDDEN, alone", async () => {
    const declaration = { doctorInpe: 'ZZP00001', validFrom: day(5) };
    const result = await recorded(
      [
        { personRef: P01, referringDoctor: declaration },
        { personRef: STRANGER, referringDoctor: declaration },
        { personRef: P08, referringDoctor: declaration },
        { personRef: P05, longTermIllness: { aldCode: 'HTA_SEVERE', validFrom: TODAY, validUntil: day(10) } },
      ],
      CNOPS,
    );
    expect(result.rows.map((r) => [r.status, r.code])).toEqual([
      ['REFUSED', 'FORBIDDEN'],
      ['REFUSED', 'FORBIDDEN'],
      ['APPLIED', null],
      ['APPLIED', null],
    ]);
    // The same refusal whether the person is someone else's or unknown: nothing tells them apart.
    expect(result.rows[0]?.message).toBe(result.rows[1]?.message);
    const direct = await recorded([{ personRef: P01, referringDoctor: declaration }], { ...CNSS, personOrganisms: undefined });
    expect(direct.rows[0]).toMatchObject({ status: 'REFUSED', code: 'FORBIDDEN' });
    const hostile = await recorded([{ personRef: P01, referringDoctor: declaration }], {
      ...CNSS,
      personOrganisms: { [P01]: 'CNSS' } as never,
    });
    expect(hostile.rows[0]).toMatchObject({ status: 'REFUSED', code: 'FORBIDDEN' });
    // Only an OG records pathways.
    const asHospital = await record([{ personRef: P01, referringDoctor: declaration }], { ...HOSPITAL, purposes: ['pathway:write'] });
    expect(asHospital.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  /** A stored record as it stands, to show a refused row left it as it was. */
  const stored = (entity: typeof LongTermIllnessEntity | typeof ReferringDoctorEntity, id: string | null | undefined) =>
    app()
      .dataSource.getRepository(entity)
      .findOneByOrFail({ id: id ?? '' });

  it('refuses, alone with FORBIDDEN, a protocol on an illness another OG recognised for a double-registered person (P05)', async () => {
    const cnops = await recorded(
      [{ personRef: P05, longTermIllness: { aldCode: 'DIABETE_T2', validFrom: TODAY, validUntil: day(90) } }],
      CNOPS,
    );
    const illnessId = cnops.rows[0]?.recordId;
    const result = await recorded([
      { personRef: P05, protocol: { illnessId, protocolCode: 'PT_DIABETE' } },
      { personRef: P05, longTermIllness: { aldCode: 'CANCER_SEIN', validFrom: TODAY, validUntil: day(30) } },
    ]);
    expect(result.rows.map((r) => [r.status, r.code])).toEqual([
      ['REFUSED', 'FORBIDDEN'],
      ['APPLIED', null],
    ]);
    expect(await stored(LongTermIllnessEntity, illnessId)).toMatchObject({
      recordedBy: 'CNOPS',
      protocolCode: null,
      protocolVersion: null,
    });
    // The OG that recognised it still attaches its protocol.
    const own = await recorded([{ personRef: P05, protocol: { illnessId, protocolCode: 'PT_DIABETE' } }], CNOPS);
    expect(own.rows[0]).toMatchObject({ status: 'APPLIED', recordId: illnessId });
  });

  it("refuses, alone with FORBIDDEN, a referring doctor that would close another covering OG's declaration (P05); once that OG no longer covers the person, declares without closing it", async () => {
    const cnops = await recorded([{ personRef: P05, referringDoctor: { doctorInpe: 'ZZP00001', validFrom: day(-30) } }], CNOPS);
    const declarationId = cnops.rows[0]?.recordId;
    const backdated = { doctorInpe: 'ZZP00005', validFrom: day(-10) };
    const result = await recorded([
      { personRef: P05, referringDoctor: backdated },
      { personRef: P11, referringDoctor: backdated },
    ]);
    expect(result.rows.map((r) => [r.status, r.code])).toEqual([
      ['REFUSED', 'FORBIDDEN'],
      ['APPLIED', null],
    ]);
    expect(await stored(ReferringDoctorEntity, declarationId)).toMatchObject({ organism: 'CNOPS', validUntil: null });
    // After a change of OG (CNOPS no longer covers the person), CNSS declares its own; CNOPS's row stays as CNOPS left it.
    const moved = await recorded([{ personRef: P05, referringDoctor: backdated }], { ...CNSS, personOrganisms: { [P05]: ['CNSS'] } });
    expect(moved.rows[0]).toMatchObject({ status: 'APPLIED', code: null });
    expect(await stored(ReferringDoctorEntity, declarationId)).toMatchObject({ organism: 'CNOPS', validUntil: null });
    expect((await pathwayOf(P05)).referringDoctorInpe).toBe('ZZP00005');
  });

  it('names every row’s person to the gateway for the audit trail, applied or refused', async () => {
    const answer = await record([
      { personRef: P07, referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY } },
      { personRef: P08, referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY } },
    ]);
    const reported = (answer.extensions?.[SERVED_PERSONS_EXTENSION] ?? []) as ServedPerson[];
    expect(reported.map((p) => p.ref).sort()).toEqual([P07, P08].sort());
  });

  it('applies a retried batch once and answers with the first result; a key reused with other content is BAD_USER_INPUT', async () => {
    const idempotencyKey = key('retry');
    const rows = [{ personRef: P11, longTermIllness: { aldCode: 'PARKINSON', validFrom: TODAY, validUntil: day(60) } }];
    const first = await record(rows, CNSS, idempotencyKey);
    const before = await count(LongTermIllnessEntity);
    const retried = await record(rows, CNSS, idempotencyKey);
    expect(retried.data?.recordPathways).toEqual({ ...first.data?.recordPathways, replayed: true });
    expect(await count(LongTermIllnessEntity)).toBe(before);
    const other = await record(
      [{ ...rows[0], longTermIllness: { ...rows[0]?.longTermIllness, validUntil: day(61) } }],
      CNSS,
      idempotencyKey,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', reason: 'IDEMPOTENCY_KEY_OTHER_CONTENT' });
    // Keys are the OG's own: CNOPS's same key is a new batch (refused here: not its member).
    const cnops = await record(rows, CNOPS, idempotencyKey);
    expect(cnops.data?.recordPathways).toMatchObject({ replayed: false, refused: 1 });
  });

  it('bounds a batch, and refuses an empty one', async () => {
    const row = { personRef: P11, referringDoctor: { doctorInpe: 'ZZP00001', validFrom: TODAY } };
    const large = await record(Array(501).fill(row));
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BATCH_TOO_LARGE' });
    const empty = await record([]);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BATCH_EMPTY' });
  });

  it('a referral from the declared referring doctor makes a P07-like specialist visit compliant (R8)', async () => {
    const visit = day(2);
    expect((await decide(P07, 'ZZP00003', 'SPECIALIST_CONSULTATION', visit)).pathwayFacts).toMatchObject({
      pcsApplies: true,
      compliant: false,
    });
    const wrongDoctor = await recorded([
      { personRef: P07, referral: { fromInpe: 'ZZP00005', toInpe: 'ZZP00003', issuedOn: TODAY, validUntil: day(30) } },
    ]);
    expect(wrongDoctor.rows[0]).toMatchObject({ status: 'REFUSED', code: 'BAD_USER_INPUT' });
    const result = await recorded([
      { personRef: P07, referral: { fromInpe: 'ZZP00001', toInpe: 'ZZP00003', issuedOn: TODAY, validUntil: day(30) } },
    ]);
    expect(result.rows[0]).toMatchObject({ status: 'APPLIED', kind: 'REFERRAL' });
    expect((await decide(P07, 'ZZP00003', 'SPECIALIST_CONSULTATION', visit)).pathwayFacts).toMatchObject({
      pcsApplies: true,
      compliant: true,
    });
    // The persona's own check, on its day, stays out of pathway.
    expect((await decide(P07, 'ZZP00003', 'SPECIALIST_CONSULTATION', '2026-03-02')).pathwayFacts).toMatchObject({ compliant: false });
    expect(((await pathwayOf(P07)) as { referrals: unknown[] }).referrals).toContainEqual({
      fromInpe: 'ZZP00001',
      toSpecialty: null,
      toInpe: 'ZZP00003',
      issuedOn: TODAY,
      validUntil: day(30),
    });
  });

  it('addresses a prior approval request to the person’s one OG, which alone decides it (R11)', async () => {
    const idempotencyKey = key('request');
    const asked = await requestApproval({ personRef: P11, actCode: 'KC50', idempotencyKey });
    expect(asked.errors).toBeUndefined();
    const request = asked.data?.requestPriorApproval.request as Record<string, unknown>;
    expect(request).toMatchObject({
      personRef: P11,
      organism: 'CNSS',
      status: 'REQUESTED',
      requestedBy: 'ZZP00004',
      plannedOn: day(7),
      validFrom: null,
    });
    const retried = await requestApproval({ personRef: P11, actCode: 'KC50', idempotencyKey });
    expect(retried.data?.requestPriorApproval).toMatchObject({ replayed: true, request: { id: request.id } });
    const reused = await requestApproval({ personRef: P11, actCode: 'KC51', idempotencyKey });
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');

    // The establishment reads back what it asked; another establishment does not see it.
    const mine = await execute<{ priorApprovalRequests: { nodes: { id: string }[] } }>(REQUESTS, {}, HOSPITAL);
    expect(mine.data?.priorApprovalRequests.nodes.map((n) => n.id)).toContain(request.id);
    const theirs = await execute<{ priorApprovalRequests: { nodes: { id: string }[] } }>(REQUESTS, {}, CLINIC);
    expect(theirs.data?.priorApprovalRequests.nodes.map((n) => n.id)).not.toContain(request.id);

    // Only the OG it is addressed to decides it: CNOPS gets the same refusal as for another OG's member.
    const grant = { requestId: request.id, decision: 'GRANTED', validFrom: day(7), validUntil: day(37) };
    const byCnops = await recorded([{ personRef: P11, priorApprovalDecision: grant }], { ...CNOPS, personOrganisms: { [P11]: ['CNOPS'] } });
    expect(byCnops.rows[0]).toMatchObject({ status: 'REFUSED', code: 'FORBIDDEN' });
    const addressed = await execute<{ priorApprovalRequests: { nodes: { id: string }[] } }>(REQUESTS, { status: 'REQUESTED' }, CNSS);
    expect(addressed.data?.priorApprovalRequests.nodes.map((n) => n.id)).toContain(request.id);
    const granted = await recorded([{ personRef: P11, priorApprovalDecision: grant }]);
    expect(granted.rows[0]).toMatchObject({ status: 'APPLIED', kind: 'PRIOR_APPROVAL_DECISION', recordId: request.id });
    const twice = await recorded([{ personRef: P11, priorApprovalDecision: grant }]);
    expect(twice.rows[0]).toMatchObject({ status: 'REFUSED', code: 'CONFLICT' });

    const after = await execute<{ priorApprovalRequests: { nodes: Record<string, unknown>[] } }>(REQUESTS, {}, HOSPITAL);
    expect(after.data?.priorApprovalRequests.nodes.find((n) => n.id === request.id)).toMatchObject({
      status: 'GRANTED',
      validFrom: day(7),
      validUntil: day(37),
    });
    expect((await decide(P11, 'ZZP00004', 'HOSPITALISATION', day(8))).pathway.priorApprovalGranted).toBe(true);
    expect(((await pathwayOf(P11)) as { priorApprovals: Record<string, unknown>[] }).priorApprovals).toContainEqual(
      expect.objectContaining({ id: request.id, status: 'GRANTED', requestedBy: 'ZZP00004', plannedOn: day(7) }),
    );

    // A refusal carries its reason.
    const second = (await requestApproval({ personRef: P11, careType: 'IMAGING' })).data?.requestPriorApproval.request as Record<
      string,
      unknown
    >;
    const refusal = await recorded([
      { personRef: P11, priorApprovalDecision: { requestId: second.id, decision: 'REFUSED', reasonCode: 'INCOMPLETE_FILE' } },
    ]);
    expect(refusal.rows[0]?.status).toBe('APPLIED');
    const listed = await execute<{ priorApprovalRequests: { nodes: Record<string, unknown>[] } }>(
      REQUESTS,
      { status: 'REFUSED' },
      HOSPITAL,
    );
    expect(listed.data?.priorApprovalRequests.nodes).toEqual([
      expect.objectContaining({ id: second.id, refusalReason: 'INCOMPLETE_FILE', validFrom: null }),
    ]);
  });

  it('refuses a request for a person no OG covers, or several (double registration), or from another caller', async () => {
    const none = await requestApproval({ personRef: STRANGER });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PRIOR_APPROVAL_NO_INSURER' });
    const twice = await requestApproval({ personRef: P05 });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_REGISTRATION', reason: 'PRIOR_APPROVAL_DOUBLE_REGISTRATION' });
    const direct = await requestApproval({ personRef: P11 }, { ...HOSPITAL, personOrganisms: undefined });
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOg = await requestApproval({ personRef: P11 }, { ...CNSS, purposes: ['pathway:request'] });
    expect(byOg.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const late = await requestApproval({ personRef: P11, plannedOn: addYears(TODAY, 2) });
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A refused request keeps nothing under its key: the same key files it once the person is covered.
    const idempotencyKey = key('request');
    await requestApproval({ personRef: P12, idempotencyKey }, { ...HOSPITAL, personOrganisms: {} });
    const filed = await requestApproval({ personRef: P12, idempotencyKey });
    expect(filed.data?.requestPriorApproval).toMatchObject({ replayed: false, request: { organism: 'CNSS' } });
  });

  it('pages the requests newest first with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) await requestApproval({ personRef: P01 }, CLINIC);
    const first = await execute<{ priorApprovalRequests: { nodes: { requestedAt: string }[]; endCursor: string; hasNextPage: boolean } }>(
      REQUESTS,
      { first: 2 },
      CLINIC,
    );
    expect(first.data?.priorApprovalRequests).toMatchObject({ hasNextPage: true });
    const next = await execute<{ priorApprovalRequests: { nodes: unknown[]; hasNextPage: boolean } }>(
      REQUESTS,
      { first: 2, after: first.data?.priorApprovalRequests.endCursor },
      CLINIC,
    );
    expect(next.data?.priorApprovalRequests).toMatchObject({ hasNextPage: false });
    expect(next.data?.priorApprovalRequests.nodes).toHaveLength(1);
    const bad = await execute(REQUESTS, { after: 'not-a-cursor' }, CLINIC);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves the data as it was when the database fails mid-batch, and a retry then applies it', async () => {
    const before = await count(LongTermIllnessEntity);
    const original = EntityManager.prototype.insert;
    let calls = 0;
    const spy = vi.spyOn(EntityManager.prototype, 'insert').mockImplementation(function (this: EntityManager, ...args: unknown[]) {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error('disk full (simulated)'));
      return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } as never);
    const idempotencyKey = key('failure');
    const rows = ['ALZHEIMER', 'EPILEPSIE_GRAVE', 'MICI'].map((aldCode) => ({
      personRef: P11,
      longTermIllness: { aldCode, validFrom: TODAY, validUntil: day(30) },
    }));
    const failed = await record(rows, CNSS, idempotencyKey);
    spy.mockRestore();
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failed)).not.toContain('disk full');
    expect(await count(LongTermIllnessEntity)).toBe(before);
    const retried = await record(rows, CNSS, idempotencyKey);
    expect(retried.data?.recordPathways).toMatchObject({ applied: 3, replayed: false });
    expect(await count(LongTermIllnessEntity)).toBe(before + 3);
  });
});

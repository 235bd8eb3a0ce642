import {
  addDays,
  CARE_RELATIONSHIPS_EXTENSION,
  DESCRIBE_PERSONS_EXTENSION,
  issueConsentCapability,
  seedDatabase,
  syntheticPersonRef,
  todayIn,
  type Caller,
} from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../test/support/test-database';
import { executeAs } from '../../../../test/support/execute-as';
import { testCaller } from '../../../../test/support/test-caller';
import { buildBeneficiariesApp, type BeneficiariesApp } from '../app';
import { loadConfig, type BeneficiariesConfig } from '../config';
import { beneficiariesDataSource } from '../data-source';
import { beneficiariesSeed } from '../seed/seed';
import { CareRelationshipRecorder } from '../services/care-relationship-recorder';

const ELIGIBILITY = /* GraphQL */ `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) {
      id
    }
  }
`;
const DECISION = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on EligibilityDecision {
        outcome
      }
    }
  }
`;
/** Hop 2's facts: the provider is registered, active, and gives care (not a pharmacy); no pathway constraint. */
const GIVES_CARE = { registered: true, active: true, givesCare: true };
const NO_PATHWAY = { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] };
const CARE_RELATIONSHIP = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        ref
        careRelationship {
          lastCheckOn
        }
      }
    }
  }
`;
const ME = /* GraphQL */ `
  {
    me {
      ref
      firstName
      consentCapability
      dependants {
        ref
        consentCapability
      }
    }
  }
`;
const PERSON = /* GraphQL */ `
  query ($nationalId: String!) {
    person(nationalId: $nationalId) {
      ref
    }
  }
`;

const P01 = syntheticPersonRef('ZZ000001');
const P08 = syntheticPersonRef('ZZ000008');
const P11 = syntheticPersonRef('ZZ000011');
const P12 = syntheticPersonRef('ZZ000012');
const P13 = syntheticPersonRef('ZZ000013');
const HOSPITAL: Partial<Caller> = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
};
const CLINIC: Partial<Caller> = {
  clientId: 'clinique-zzp00010',
  org: 'ZZP00010',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
};
const OG: Partial<Caller> = { clientId: 'og-cnss', org: 'CNSS', orgKind: 'OG', purposes: ['beneficiary:read'] };
/** The key of the consent capability: its own secret, shared by beneficiaries and medical-records only. */
const CONSENT_CAPABILITY_SECRET = 'a-test-consent-capability-secret-of-32+chars';
const PATIENT: Partial<Caller> = {
  clientId: 'patient-portal',
  org: 'PATIENT_PORTAL',
  orgKind: 'PATIENT_PORTAL',
  purposes: ['beneficiary:read', 'records:consent'],
  userId: 'kc-user-p01',
  nationalId: 'ZZ000001',
};

describe.each(ENGINES)('care relationships and me on %s', (engine) => {
  let database: TestDatabase;
  let config: BeneficiariesConfig;
  let app: BeneficiariesApp;
  const today = () => todayIn('Africa/Casablanca');

  async function execute(query: string, variables: Record<string, unknown>, caller: Partial<Caller>) {
    return executeAs(app, query, variables, caller);
  }

  /** Hop 1 of an eligibility check: the decision id. */
  async function identify(nationalId: string, caller: Partial<Caller>, providerInpe = caller.org ?? 'ZZP00001'): Promise<string> {
    const result = await execute(ELIGIBILITY, { input: { nationalId, providerInpe } }, caller);
    expect(result.errors).toBeUndefined();
    return (result.data?.eligibility as { id: string }).id;
  }

  /** Hop 3: the outcome, from the facts hop 2 brought (a provider that gives care, no pathway constraint, unless told). */
  async function decide(id: string, caller: Partial<Caller>, providerFacts: unknown = GIVES_CARE): Promise<string> {
    const result = await execute(
      DECISION,
      { representations: [{ __typename: 'EligibilityDecision', id, providerFacts, pathwayFacts: NO_PATHWAY }] },
      caller,
    );
    expect(result.errors).toBeUndefined();
    return (result.data?._entities as { outcome: string }[])[0]?.outcome ?? '';
  }

  /** A whole eligibility check as the gateway runs it (hops 1 and 3, hop 2's facts given); its outcome. */
  async function check(
    nationalId: string,
    caller: Partial<Caller>,
    providerInpe = caller.org ?? 'ZZP00001',
    providerFacts: unknown = GIVES_CARE,
  ) {
    return decide(await identify(nationalId, caller, providerInpe), caller, providerFacts);
  }

  async function stored(): Promise<{ person_ref: string; org: string; last_check_on: string }[]> {
    const rows = (await app.dataSource.query(
      'SELECT person_ref, org, CAST(last_check_on AS TEXT) AS last_check_on FROM care_relationship ORDER BY person_ref, org',
    )) as { person_ref: string; org: string; last_check_on: string }[];
    return rows.map((row) => ({ ...row, last_check_on: String(row.last_check_on).slice(0, 10) }));
  }

  async function careRelationships(refs: string[], caller: Partial<Caller>): Promise<(string | null)[]> {
    const result = await execute(
      CARE_RELATIONSHIP,
      { representations: refs.map((ref) => ({ __typename: 'Person', ref })) },
      { ...caller, purposes: ['records:read'] },
    );
    expect(result.errors).toBeUndefined();
    // A person the caller may not reach by reference (another OG's member) resolves to null.
    return (result.data?._entities as ({ careRelationship: { lastCheckOn: string } | null } | null)[]).map(
      (person) => person?.careRelationship?.lastCheckOn ?? null,
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'beneficiaries_care');
    // A long interval: these tests flush by hand, except the one that watches the timer.
    config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CONSENT_CAPABILITY_SECRET }),
      database: database.config,
      careRelationships: { ...loadConfig({ NODE_ENV: 'test' }).careRelationships, flushIntervalMs: 60_000, maxPending: 1_000 },
    };
    const dataSource = beneficiariesDataSource(database.config);
    await seedDatabase(dataSource, beneficiariesSeed, { persons: 100, seed: 7 });
    app = await buildBeneficiariesApp(config, dataSource);
  });

  afterAll(async () => {
    await app?.apollo.stop();
    await app?.drain();
    if (app?.dataSource.isInitialized) await app.dataSource.destroy();
    await database?.drop();
  });

  it('notes the relationship in memory on an ELIGIBLE decision and writes it with the next flush, once per person and organisation', async () => {
    expect(await check('ZZ000011', HOSPITAL)).toBe('ELIGIBLE');
    await check('ZZ000011', HOSPITAL);
    await check('ZZ000001', HOSPITAL, 'ZZP00004');
    // Not written by the check itself: the hot path does no write.
    expect(await stored()).toEqual([]);
    await app.careRelationships.flush();
    expect(await stored()).toEqual(
      [
        { person_ref: P11, org: 'ZZP00004', last_check_on: today() },
        { person_ref: P01, org: 'ZZP00004', last_check_on: today() },
      ].sort((a, b) => a.person_ref.localeCompare(b.person_ref)),
    );
  });

  it('opens a relationship only with an ELIGIBLE check: neither hop 1 alone nor a refused outcome opens one', async () => {
    const before = await stored();
    await identify('ZZ000012', HOSPITAL); // hop 1 only: no decision yet
    expect(await check('ZZ000003', HOSPITAL)).toBe('NO_ACTIVE_RIGHTS');
    expect(await check('ZZ000004', HOSPITAL)).toBe('SUSPENDED');
    expect(await check('ZZ000012', HOSPITAL, 'ZZP00004', { registered: true, active: false, givesCare: true })).toBe(
      'PROVIDER_NOT_AUTHORIZED',
    );
    await app.careRelationships.flush();
    expect(await stored()).toEqual(before);
    expect(await careRelationships([P12], HOSPITAL)).toEqual([null]);
  });

  it("opens none for a pharmacy's check, nor when the providers registry could not say the provider gives care", async () => {
    const before = await stored();
    const pharmacy: Partial<Caller> = {
      clientId: 'pharmacie-zzp00002',
      org: 'ZZP00002',
      orgKind: 'ESTABLISHMENT',
      purposes: ['eligibility:check'],
    };
    expect(await check('ZZ000010', pharmacy, 'ZZP00002', { registered: true, active: true, givesCare: false })).toBe('ELIGIBLE');
    // Providers down: no facts, the decision is incomplete; a relationship is never guessed.
    await check('ZZ000012', HOSPITAL, 'ZZP00004', null);
    await app.careRelationships.flush();
    expect(await stored()).toEqual(before);
  });

  it('opens none for an organisation that did not make the check (a decision id replayed by another caller)', async () => {
    const before = await stored();
    const id = await identify('ZZ000013', HOSPITAL, 'ZZP00004');
    // Not even answered: a decision is answered to the organisation that made the check (entities.int.test.ts).
    expect(await decide(id, CLINIC)).toBe('');
    await app.careRelationships.flush();
    expect(await stored()).toEqual(before);
  });

  it('records nothing for an unknown person, an OG or the regulator', async () => {
    const before = await stored();
    await check('ZZ000002', HOSPITAL); // in no registry
    await check('ZZ000012', { ...OG, purposes: ['eligibility:check'] }, 'ZZP00001');
    await check('ZZ000012', {}, 'ZZP00001'); // the test caller is ANAM
    await app.careRelationships.flush();
    expect(await stored()).toEqual(before);
  });

  it('serves careRelationship for the calling organisation only, counting what is still buffered', async () => {
    await check('ZZ000008', CLINIC, 'ZZP00010');
    // P08 by the clinic is still in memory: it counts already.
    expect(await careRelationships([P11, P01, P08, P12], HOSPITAL)).toEqual([today(), today(), null, null]);
    expect(await careRelationships([P11, P01, P08, P12], CLINIC)).toEqual([null, null, today(), null]);
    expect(await careRelationships([P11, P08], { clientId: 'cabinet-zzp00001', org: 'ZZP00001', orgKind: 'PROFESSIONAL' })).toEqual([
      null,
      null,
    ]);
    expect(await careRelationships([P11, P08], OG)).toEqual([null, null]);
    await app.careRelationships.flush();
    expect(await careRelationships([P08], CLINIC)).toEqual([today()]);
  });

  it('keeps the later day when an older one is written after it, and moves forward to a newer one', async () => {
    const recorder = app.careRelationships;
    recorder.note(P11, 'ZZP00004', addDays(today(), -10));
    await recorder.flush();
    expect(await careRelationships([P11], HOSPITAL)).toEqual([today()]);
    recorder.note(P12, 'ZZP00004', addDays(today(), -40));
    await recorder.flush();
    recorder.note(P12, 'ZZP00004', addDays(today(), -3));
    recorder.note(P12, 'ZZP00004', addDays(today(), -20)); // older than what is buffered: ignored
    await recorder.flush();
    expect(await careRelationships([P12], HOSPITAL)).toEqual([addDays(today(), -3)]);
  });

  it('writes on its timer, and what is left when closed', async () => {
    const recorder = new CareRelationshipRecorder(app.dataSource, { flushIntervalMs: 50, maxPending: 10 }).start();
    recorder.note(P12, 'ZZP00003', today());
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && !(await stored()).some((row) => row.org === 'ZZP00003'))
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await stored()).filter((row) => row.org === 'ZZP00003')).toEqual([
      { person_ref: P12, org: 'ZZP00003', last_check_on: today() },
    ]);
    await recorder.close();
    const closing = new CareRelationshipRecorder(app.dataSource, { flushIntervalMs: 60_000, maxPending: 10 }).start();
    closing.note(P12, 'ZZP00002', today());
    await closing.close();
    expect((await stored()).filter((row) => row.org === 'ZZP00002')).toHaveLength(1);
  });

  it('purges the relationships older than the window, in bounded batches, on its timer too', async () => {
    const recorder = new CareRelationshipRecorder(app.dataSource, {
      flushIntervalMs: 60_000,
      maxPending: 100,
      retentionDays: 30,
      purgeRowsPerStatement: 2,
    });
    const orgs = ['ZZP70001', 'ZZP70002', 'ZZP70003', 'ZZP70004', 'ZZP70005'];
    for (const org of orgs) recorder.note(P12, org, addDays(today(), -31));
    recorder.note(P13, 'ZZP70001', addDays(today(), -30)); // the last day of the window: kept
    recorder.note(P13, 'ZZP70002', today());
    await recorder.flush();
    const mine = async () => (await stored()).filter((row) => row.org.startsWith('ZZP7')).map((row) => [row.person_ref, row.org]);
    expect(await mine()).toHaveLength(7);
    expect(await recorder.purge()).toBe(5);
    expect(await mine()).toEqual([
      [P13, 'ZZP70001'],
      [P13, 'ZZP70002'],
    ]);
    await recorder.close();

    const timed = new CareRelationshipRecorder(app.dataSource, {
      flushIntervalMs: 60_000,
      maxPending: 100,
      retentionDays: 0,
      purgeIntervalMs: 50,
    });
    timed.note(P12, 'ZZP70009', addDays(today(), -1));
    await timed.flush();
    timed.start();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await mine()).some(([, org]) => org === 'ZZP70009'))
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await mine()).some(([, org]) => org === 'ZZP70009')).toBe(false);
    await timed.close();
  });

  it('drops new pairs beyond the buffer bound, and counts them', async () => {
    const recorder = new CareRelationshipRecorder(app.dataSource, { flushIntervalMs: 60_000, maxPending: 2 });
    recorder.note(P01, 'ZZP00001', today());
    recorder.note(P08, 'ZZP00001', today());
    recorder.note(P08, 'ZZP00001', today()); // the same pair again: no room needed
    recorder.note(P11, 'ZZP00001', today());
    expect(recorder.dropped).toBe(1);
    await recorder.close();
  });

  it('answers me with the signed-in person and their consent capability, for them only', async () => {
    const result = await execute(ME, {}, PATIENT);
    expect(result.errors).toBeUndefined();
    const me = result.data?.me as {
      ref: string;
      firstName: string;
      consentCapability: string;
      dependants: { ref: string; consentCapability: string | null }[];
    };
    expect(me.ref).toBe(P01);
    expect(me.firstName).toBe('Amal');
    expect(me.consentCapability).toBe(issueConsentCapability(Buffer.from(CONSENT_CAPABILITY_SECRET), P01, 'kc-user-p01'));
    // A spouse's or a child's record is theirs: the portal serves none of the dependants, nor their capabilities.
    expect(me.dependants).toEqual([]);

    // Another portal user gets another capability; nobody else gets one.
    const other = await execute('{ me { consentCapability } }', {}, { ...PATIENT, userId: 'kc-user-other' });
    expect((other.data?.me as { consentCapability: string }).consentCapability).not.toBe(me.consentCapability);
    const og = await execute(
      'query { person(nationalId: "ZZ000001") { consentCapability } }',
      {},
      { ...OG, purposes: ['beneficiary:read'] },
    );
    expect(og.errors).toBeUndefined();
    expect(og.data?.person).toEqual({ consentCapability: null });
  });

  it.each<[string, Partial<Caller>]>([
    ['an OG', OG],
    ['an establishment', { ...HOSPITAL, purposes: ['beneficiary:read'] }],
    ['a portal token without a national id', { ...PATIENT, nationalId: null }],
    ['a portal token without a user', { ...PATIENT, userId: null }],
  ])('refuses me to %s', async (_case, caller) => {
    const result = await execute('{ me { ref } }', {}, caller);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(result.data?.me ?? null).toBeNull();
  });

  it('answers me with null when the registry does not know the person', async () => {
    const result = await execute('{ me { ref } }', {}, { ...PATIENT, nationalId: 'ZZ000002' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toBeNull();
  });

  it('lets a care client look a person up by national id under records:read or records:break-glass, never under pathway:read', async () => {
    for (const purposes of [['records:read'], ['records:break-glass']]) {
      const result = await execute(PERSON, { nationalId: 'ZZ000011' }, { ...HOSPITAL, purposes });
      expect(result.errors).toBeUndefined();
      expect(result.data?.person).toEqual({ ref: P11 });
    }
    const pathway = await execute(PERSON, { nationalId: 'ZZ000011' }, { ...HOSPITAL, purposes: ['pathway:read'] });
    expect(pathway.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const identity = await execute(
      'query { person(nationalId: "ZZ000011") { firstName } }',
      {},
      { ...HOSPITAL, purposes: ['records:read'] },
    );
    expect(identity.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', refusedPaths: ['person.firstName'] });
    const history = await execute(
      'query { affiliationHistory(nationalId: "ZZ000011") { organism } }',
      {},
      { ...HOSPITAL, purposes: ['records:read', 'beneficiary:read'] },
    );
    expect(history.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('tells the gateway itself, before a record write, the day an organisation last checked each person named ELIGIBLE, and nobody else', async () => {
    expect(await check('ZZ000013', CLINIC)).toBe('ELIGIBLE');
    const ask = async (orgKind: string, org: string) => {
      const response = await app.apollo.executeOperation(
        {
          query: '{ __typename }',
          extensions: { [DESCRIBE_PERSONS_EXTENSION]: [P13, P12, 'unknown-ref'], [CARE_RELATIONSHIPS_EXTENSION]: org },
        },
        { contextValue: app.createContext(testCaller({ clientId: 'cmb-gateway', org: null, orgKind, purposes: [] })) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult.extensions?.[CARE_RELATIONSHIPS_EXTENSION];
    };
    // What the record's readers get as careRelationship, for the clinic: its own check of P13 today, none of the others.
    const [p13, p12] = await careRelationships([P13, P12], CLINIC);
    expect(p13).toBe(today());
    expect(await ask('GATEWAY', 'ZZP00010')).toEqual({ [P13]: p13, ...(p12 ? { [P12]: p12 } : {}) });
    // Another organisation's relationships are its own; an unknown ref has none.
    expect(await ask('GATEWAY', 'ZZP99999')).toEqual({});
    // Only the gateway itself is answered.
    expect(await ask('ESTABLISHMENT', 'ZZP00010')).toBeUndefined();
  });
});

import { describe, expect, inject, it } from 'vitest';
import personasFile from '../fixtures/personas.json';
import { getGraphQL, postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

const ELIGIBILITY = /* GraphQL */ `
  query Check($input: EligibilityInput!) {
    eligibility(input: $input) {
      id
      eligible
      outcome
      complete
      careDate
      careType
      checkedAt
      rulesVersion
      reasons {
        code
        rule
        message
        messageEn
      }
      coverage {
        organism
        regime
        role
        memberNumber
        validFrom
        validUntil
        inGracePeriod
        coPaymentExempted
      }
      conventioned
      paymentMode
      referenceData {
        copy
        version
        asOf
        stale
      }
      provider {
        inpe
        active
        conventioned
      }
      pathway {
        inPathway
        pcsApplies
        priorApprovalRequired
      }
    }
  }
`;

/** The reason each outcome must give first (the rule that decided). */
const DECIDING_REASON: Record<string, string> = {
  ELIGIBLE: 'RIGHTS_OPEN',
  NOT_FOUND: 'PERSON_NOT_FOUND',
  SUSPENDED: 'RIGHTS_SUSPENDED',
  DUPLICATE_REGISTRATION: 'SEVERAL_ACTIVE_REGIMES',
  OUT_OF_PATHWAY: 'OUT_OF_PATHWAY',
};

interface Decision {
  id: string;
  eligible: boolean;
  outcome: string;
  complete: boolean;
  reasons: { code: string; rule: string; message: string; messageEn: string }[];
  coverage: Record<string, unknown> | null;
  conventioned: boolean | null;
  paymentMode: string | null;
  referenceData: { copy: string; version: string; asOf: string | null; stale: boolean }[];
  provider: { inpe: string; active: boolean; conventioned: boolean } | null;
  pathway: { inPathway: boolean; pcsApplies: boolean } | null;
}

const check = async (input: Record<string, unknown>, headers: Record<string, string> = {}, clientId = 'cabinet-zzp00001') =>
  postGraphQL<{ eligibility: Decision }>(inject('gatewayUrl'), ELIGIBILITY, { input }, { ...(await authAs(clientId)), ...headers });

describe('eligibility through the gateway', () => {
  it.each(personasFile.personas.map((p) => [p.id, p.expectedOutcome, p] as const))('persona %s is %s', async (_id, expected, persona) => {
    const answer = await check(
      { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType },
      {},
      persona.clientId,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const decision = answer.body.data?.eligibility as Decision;
    expect(decision.outcome).toBe(expected);
    expect(decision.eligible).toBe(expected === 'ELIGIBLE');
    expect(decision.complete).toBe(true);
    expect(decision.id).not.toContain(persona.nationalId);
    expect(decision.reasons.length).toBeGreaterThan(0);
    const deciding = expected === 'ELIGIBLE' ? decision.reasons[0] : decision.reasons[decision.reasons.length - 1];
    const decidingReason = ('reason' in persona ? persona.reason : undefined) ?? DECIDING_REASON[expected];
    if (decidingReason) expect(deciding?.code).toBe(decidingReason);
    for (const reason of decision.reasons) expect(reason.message.length).toBeGreaterThan(0);
    for (const [field, value] of Object.entries(persona.coverage ?? {})) expect(decision.coverage?.[field]).toEqual(value);
    const decided = 'decision' in persona ? (persona.decision as Record<string, unknown>) : {};
    for (const [field, value] of Object.entries(decided)) expect(decision[field as keyof Decision]).toEqual(value);
    if (expected !== 'ELIGIBLE') expect(decision.paymentMode).toBeNull();
    if (expected === 'ELIGIBLE') expect(decision.provider).toMatchObject({ inpe: persona.providerInpe, active: true });
  });

  it('gives P06 the reason that the INPE code is no longer active', async () => {
    const p06 = personasFile.personas.find((p) => p.id === 'P06');
    const answer = await check(
      { nationalId: p06?.nationalId, providerInpe: p06?.providerInpe, date: p06?.date, careType: p06?.careType },
      {},
      p06?.clientId,
    );
    expect(answer.body.data?.eligibility.reasons.map((r) => r.code)).toEqual(['PROVIDER_INACTIVE']);
    expect(answer.body.data?.eligibility.coverage).toBeNull();
    expect(answer.body.data?.eligibility.pathway).toBeNull();
  });

  it('gives a provider unknown to the registry neither the coverage nor the pathway of a person in a pathway', async () => {
    // P07: in the CNSS diabetes pilot, with a referring doctor: what a provider the registry refuses must not learn.
    const answer = await check(
      { nationalId: 'ZZ000007', providerInpe: 'ZZP88888', date: '2026-03-02', careType: 'SPECIALIST_CONSULTATION' },
      {},
      'cabinet-zzp88888',
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.eligibility).toMatchObject({ outcome: 'PROVIDER_NOT_AUTHORIZED', coverage: null, pathway: null });
  });

  it('treats a well-formed but unknown INPE as the PROVIDER_NOT_AUTHORIZED outcome, not an error', async () => {
    // A professional whose INPE is not (yet) in the registry copy checks for itself.
    const answer = await check({ nationalId: 'ZZ000001', providerInpe: 'ZZP88888', date: '2026-03-02' }, {}, 'cabinet-zzp88888');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.eligibility.outcome).toBe('PROVIDER_NOT_AUTHORIZED');
    expect(answer.body.data?.eligibility.reasons.map((r) => r.code)).toEqual(['PROVIDER_UNKNOWN']);
    expect(answer.body.data?.eligibility.provider).toBeNull();
  });

  it.each([
    ['a malformed national id', { nationalId: 'not-an-id!', providerInpe: 'ZZP00001', date: '2026-03-02' }, 'not-an-id!'],
    ['a malformed INPE', { nationalId: 'ZZ000001', providerInpe: 'INPE-??', date: '2026-03-02' }, 'INPE-??'],
    ['a date far in the future', { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2099-01-01' }, '2099-01-01'],
    ['an impossible date', { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-02-30' }, 'ZZ000001'],
  ])('refuses %s with BAD_USER_INPUT, never echoing it', async (_label, input, secret) => {
    const answer = await check(input);
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(answer.body)).not.toContain(secret);
    expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });

  it('answers errors in the language of Accept-Language, with the same code', async () => {
    const input = { nationalId: 'bad id', providerInpe: 'ZZP00001' };
    const [fr, en, ar] = await Promise.all([
      check(input),
      check(input, { 'accept-language': 'en-GB,en;q=0.9' }),
      check(input, { 'accept-language': 'ar-MA' }),
    ]);
    const codes = [fr, en, ar].map((a) => a.body.errors?.[0]?.extensions?.code);
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(fr.body.errors?.[0]?.message).toMatch(/^Identifiant national mal formé/);
    expect(en.body.errors?.[0]?.message).toMatch(/^Malformed national identifier/);
    expect(ar.body.errors?.[0]?.message).toMatch(/المعرف الوطني/);
  });

  it('refuses over GET an operation carrying a national id, and tells to use POST', async () => {
    const answer = await getGraphQL(
      inject('gatewayUrl'),
      ELIGIBILITY,
      { input: { nationalId: 'ZZ000001', providerInpe: 'ZZP00001' } },
      await authAs('cabinet-zzp00001'),
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('METHOD_NOT_ALLOWED');
    expect(answer.body.errors?.[0]?.message).toMatch(/POST/);
  });

  it('serves over GET a query without personal data', async () => {
    const answer = await getGraphQL(inject('gatewayUrl'), '{ aldList { code } }', {}, await authAs('cabinet-zzp00001', 'pathway:read'));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('decisions right in the everyday cases (domain.md §5)', () => {
  const p01 = { nationalId: 'ZZ000001', date: '2026-03-02' };

  it('writes the reasons in the language of Accept-Language; the codes never change', async () => {
    const input = { ...p01, providerInpe: 'ZZP00001' };
    const [fr, ar, en] = await Promise.all([
      check(input),
      check(input, { 'accept-language': 'ar-MA,ar;q=0.9' }),
      check(input, { 'accept-language': 'en-GB, fr;q=0.5' }),
    ]);
    const reasons = (answer: typeof fr) => answer.body.data?.eligibility.reasons ?? [];
    expect(reasons(fr).map((r) => r.code)).toEqual(['RIGHTS_OPEN']);
    expect(reasons(ar).map((r) => r.code)).toEqual(['RIGHTS_OPEN']);
    expect(reasons(en).map((r) => r.code)).toEqual(['RIGHTS_OPEN']);
    expect(reasons(fr)[0]?.message).toBe('Droits ouverts auprès de CNSS.');
    expect(reasons(ar)[0]?.message).toBe('الحقوق مفتوحة لدى CNSS.');
    expect(reasons(en)[0]?.message).toBe('Rights open with CNSS.');
    // The deprecated field still answers, for one release.
    expect(reasons(fr)[0]?.messageEn).toBe('Rights open with CNSS.');
  });

  it('reads the payment mode per provider, OG and care type (R7)', async () => {
    // The clinic's CNSS consultations are paid directly, its other care in tiers payant.
    const consultation = await check({ ...p01, providerInpe: 'ZZP00010', careType: 'CONSULTATION' }, {}, 'clinique-zzp00010');
    const hospitalisation = await check({ ...p01, providerInpe: 'ZZP00010', careType: 'HOSPITALISATION' }, {}, 'clinique-zzp00010');
    expect(consultation.body.data?.eligibility).toMatchObject({ outcome: 'ELIGIBLE', conventioned: true, paymentMode: 'DIRECT' });
    expect(hospitalisation.body.data?.eligibility).toMatchObject({ outcome: 'ELIGIBLE', conventioned: true, paymentMode: 'TIERS_PAYANT' });
  });

  it("reads the provider's status and conventions on the day of care, not today", async () => {
    // ZZP99999's code was withdrawn after 2025-12-31: care given before that day stays authorised.
    const before = await check({ nationalId: 'ZZ000006', providerInpe: 'ZZP99999', date: '2025-12-15' }, {}, 'clinique-zzp00010');
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.eligibility).toMatchObject({ outcome: 'ELIGIBLE', conventioned: true, paymentMode: 'TIERS_PAYANT' });
    expect(before.body.data?.eligibility.provider).toMatchObject({ inpe: 'ZZP99999', active: true, conventioned: true });
    const after = await check({ nationalId: 'ZZ000006', providerInpe: 'ZZP99999', date: '2026-01-05' }, {}, 'clinique-zzp00010');
    expect(after.body.data?.eligibility.outcome).toBe('PROVIDER_NOT_AUTHORIZED');
  });

  it('names the reference data it used and flags a stale copy', async () => {
    const answer = await check({ ...p01, providerInpe: 'ZZP00001' });
    const used = answer.body.data?.eligibility.referenceData ?? [];
    expect(used.map((copy) => copy.copy)).toEqual(['eligibility-rules', 'inpe-registry', 'pathway-rules']);
    const inpe = used.find((copy) => copy.copy === 'inpe-registry');
    expect(inpe?.version).toMatch(/\S/);
    expect(inpe?.version).not.toBe('NONE');
    expect(inpe?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof inpe?.stale).toBe('boolean');
  });
});

describe('minimisation: an admission desk sees what admission needs', () => {
  it('gives a pharmacy the co-payment exemption flag, not the diagnosis', async () => {
    const p10 = { nationalId: 'ZZ000010', providerInpe: 'ZZP00002', date: '2026-03-02', careType: 'PHARMACY' };
    const flag = await postGraphQL<{ eligibility: { coverage: { coPaymentExempted: boolean } } }>(
      inject('gatewayUrl'),
      'query ($i: EligibilityInput!) { eligibility(input: $i) { coverage { coPaymentExempted } } }',
      { i: p10 },
      await authAs('pharmacie-zzp00002'),
    );
    expect(flag.body.data?.eligibility.coverage.coPaymentExempted).toBe(true);
    const diagnosis = await postGraphQL(
      inject('gatewayUrl'),
      'query ($i: EligibilityInput!) { eligibility(input: $i) { coverage { aldExemptions } pathway { protocols } } }',
      { i: p10 },
      await authAs('pharmacie-zzp00002'),
    );
    expect(diagnosis.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refusedPaths: ['eligibility.coverage.aldExemptions', 'eligibility.pathway.protocols'],
    });
    expect(diagnosis.body.data).toBeUndefined();
  });
});

describe('gateway operations endpoints', () => {
  const base = () => inject('gatewayUrl').replace(/\/graphql$/, '');

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      supergraphLoaded: true,
      subgraphs: { beneficiaries: true, providers: true, medicines: true, 'care-pathways': true, 'medical-records': true },
    });
  });

  it('names the stale reference copies on /readyz without failing, and exposes their age on /metrics', async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      staleReferenceCopies: string[];
      referenceCopies: Record<string, { copy: string; version: string | null; stale: boolean; ageDays: number | null }[]>;
    };
    expect(Array.isArray(body.staleReferenceCopies)).toBe(true);
    expect(body.referenceCopies.beneficiaries).toEqual([expect.objectContaining({ copy: 'eligibility-rules', stale: false })]);
    expect(body.referenceCopies['care-pathways']).toEqual([expect.objectContaining({ copy: 'pathway-rules', stale: false })]);
    const listedStale = Object.entries(body.referenceCopies).flatMap(([subgraph, copies]) =>
      copies.filter((copy) => copy.stale).map((copy) => `${subgraph}/${copy.copy}`),
    );
    expect(body.staleReferenceCopies).toEqual(listedStale.sort());
    const text = await (await fetch(inject('gatewayMetricsUrl'))).text();
    expect(text).toContain('cmb_reference_copy_stale{subgraph="beneficiaries",copy="eligibility-rules"} 0');
  });

  it('exposes Prometheus metrics without personal data in labels', async () => {
    const committed = (metrics: string) =>
      Number(/^cmb_gateway_audit_commit_seconds_count\{outcome="ok"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    const before = committed(await (await fetch(inject('gatewayMetricsUrl'))).text());
    await check({ nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02' });
    expect((await fetch(`${base()}/metrics`)).status).toBe(404);
    const text = await (await fetch(inject('gatewayMetricsUrl'))).text();
    // The check's audit event was committed before its answer left, and the wait was measured.
    expect(committed(text)).toBeGreaterThan(before);
    expect(text).toContain('cmb_gateway_operation_duration_seconds_bucket{le="0.005",root_field="eligibility",outcome="ok"}');
    expect(text).toContain('cmb_gateway_subgraph_fetch_duration_seconds_count{subgraph="beneficiaries",outcome="ok"}');
    expect(text).not.toMatch(/ZZ0000\d\d/);
  });

  it('echoes a valid request id and makes one otherwise', async () => {
    const mine = await fetch(`${base()}/healthz`, { headers: { 'x-request-id': 'desk-42-request-0001' } });
    expect(mine.headers.get('x-request-id')).toBe('desk-42-request-0001');
    const made = await fetch(`${base()}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // An id naming a person (the form of a national id) would travel in clear to logs and subgraphs: replaced.
    const naming = await fetch(`${base()}/healthz`, { headers: { 'x-request-id': 'desk-42-ZZ000001' } });
    expect(naming.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an oversized request body with 413', async () => {
    const answer = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authAs('cabinet-zzp00001')) },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(1200 * 1024) }),
    });
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

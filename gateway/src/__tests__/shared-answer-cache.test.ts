import { SHARED_ANSWER_EXTENSION, type Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { testCaller } from '../../../test/support/test-caller';
import { SharedAnswerCache } from '../datasources/shared-answer-cache';

// Synthetic callers and providers (test data).
const CABINET: Caller = testCaller({
  clientId: 'cabinet-zzp00001',
  org: 'ZZP00001',
  orgKind: 'PROFESSIONAL',
  purposes: ['eligibility:check'],
});
const QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on EligibilityDecision{providerFacts{active}provider{inpe}}}}';
const NOTICE = { typename: 'EligibilityDecision', dependsOn: ['providerInpe', 'careDate'], maxAgeSeconds: 60 };
const decision = (id: string, providerInpe = 'ZZP00001', careDate = '2026-03-02') => ({
  __typename: 'EligibilityDecision',
  id,
  providerInpe,
  careDate,
});
const facts = (active: boolean) => ({ providerFacts: { active }, provider: { inpe: 'ZZP00001' } });
const answer = (entities: unknown[], extra: Record<string, unknown> = {}) => ({
  data: { _entities: entities },
  extensions: { [SHARED_ANSWER_EXTENSION]: NOTICE, other: 1 },
  ...extra,
});
const cache = (maxAgeMs = 60_000) => new SharedAnswerCache({ maxAgeMs, maxEntries: 100 });

describe("the gateway's cache of shareable subgraph answers", () => {
  it("reuses a provider's facts for another decision of the same provider and day, as a fresh copy", () => {
    const shared = cache();
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    const kept = shared.take(QUERY, { representations: [decision('d-2')] }, CABINET);
    expect(kept).toEqual([facts(true)]);
    (kept?.[0]?.providerFacts as { active: boolean }).active = false;
    expect(shared.take(QUERY, { representations: [decision('d-3')] }, CABINET)).toEqual([facts(true)]);
  });

  it('removes the notice from what the executor receives, and keeps the rest of the extensions', () => {
    const received = answer([facts(true)]);
    cache().learn(QUERY, { representations: [decision('d-1')] }, CABINET, received);
    expect(received.extensions).toEqual({ other: 1 });
  });

  it.each([
    ['another provider', { representations: [decision('d-2', 'ZZP00002')] }, CABINET],
    ['another day of care', { representations: [decision('d-2', 'ZZP00001', '2026-03-03')] }, CABINET],
    ['another organisation', { representations: [decision('d-2')] }, { ...CABINET, org: 'ZZP00009' }],
    ['other purposes', { representations: [decision('d-2')] }, { ...CABINET, purposes: ['provider:read'] }],
    ['another language', { representations: [decision('d-2')] }, { ...CABINET, language: 'ar' as const }],
    ['another type', { representations: [{ ...decision('d-2'), __typename: 'Provider' }] }, CABINET],
    ['a batch with one entity not kept', { representations: [decision('d-2'), decision('d-3', 'ZZP00002')] }, CABINET],
  ])('does not reuse it for %s', (_label, variables, caller) => {
    const shared = cache();
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    expect(shared.take(QUERY, variables, caller)).toBeNull();
  });

  it('keeps nothing of an answer with errors, or without the notice, and forgets the shape then', () => {
    const shared = cache();
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)], { errors: [{ message: 'x' }] }));
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    shared.learn(QUERY, { representations: [decision('d-4', 'ZZP00002')] }, CABINET, { data: { _entities: [facts(true)] } });
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });

  it.each([
    ['no fields', { ...NOTICE, dependsOn: [] }],
    ['a field that is not a name', { ...NOTICE, dependsOn: [1] }],
    ['no age', { ...NOTICE, maxAgeSeconds: 0 }],
    ['no type', { ...NOTICE, typename: undefined }],
  ])('takes no notice with %s', (_label, notice) => {
    const shared = cache();
    const malformed = { data: { _entities: [facts(true)] }, extensions: { [SHARED_ANSWER_EXTENSION]: notice } };
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, malformed);
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });

  it('forgets every answer on a write', () => {
    const shared = cache();
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    shared.forget();
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });

  it('keeps nothing when turned off', () => {
    const shared = cache(0);
    shared.learn(QUERY, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });
});

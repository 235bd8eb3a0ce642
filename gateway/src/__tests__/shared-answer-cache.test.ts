import { SERVED_PERSONS_EXTENSION, SHARED_ANSWER_EXTENSION, type Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { testCaller } from '../../../test/support/test-caller';
import { SharedAnswerCache, takeNotice } from '../datasources/shared-answer-cache';

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
const cache = (maxAgeMs = 60_000) => new SharedAnswerCache({ maxAgeMs, maxEntries: 100, maxChars: 100_000 });
type Answer = Parameters<typeof takeNotice>[0];
/** A subgraph's answer read as the data source reads it: its notice taken out, for a fetch begun at `since`. */
const learn = (shared: SharedAnswerCache, variables: Record<string, unknown>, caller: Caller, received: Answer, since = shared.current) =>
  shared.learn(QUERY, variables, caller, received, takeNotice(received), since);

describe("the gateway's cache of shareable subgraph answers", () => {
  it("reuses a provider's facts for another decision of the same provider and day, as a fresh copy", () => {
    const shared = cache();
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    const kept = shared.take(QUERY, { representations: [decision('d-2')] }, CABINET);
    expect(kept).toEqual([facts(true)]);
    (kept?.[0]?.providerFacts as { active: boolean }).active = false;
    expect(shared.take(QUERY, { representations: [decision('d-3')] }, CABINET)).toEqual([facts(true)]);
  });

  it('removes the notice from what the executor receives, and keeps the rest of the extensions', () => {
    const received = answer([facts(true)]);
    expect(takeNotice(received)).toEqual(NOTICE);
    expect(received.extensions).toEqual({ other: 1 });
    expect(takeNotice(received)).toBeNull();
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
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    expect(shared.take(QUERY, variables, caller)).toBeNull();
  });

  it('keeps nothing of an answer with errors, or without the notice, and forgets the shape then', () => {
    const shared = cache();
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)], { errors: [{ message: 'x' }] }));
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    learn(shared, { representations: [decision('d-4', 'ZZP00002')] }, CABINET, { data: { _entities: [facts(true)] } });
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
    learn(shared, { representations: [decision('d-1')] }, CABINET, malformed);
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });

  it('forgets every answer when a write starts, takes and keeps nothing while it is under way, nor an answer fetched across it', () => {
    const shared = cache();
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    const beforeWrite = shared.current;
    const endWrite = shared.beginWrite();
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
    learn(shared, { representations: [decision('d-3')] }, CABINET, answer([facts(true)]));
    endWrite();
    expect(shared.take(QUERY, { representations: [decision('d-4')] }, CABINET)).toBeNull();
    // Sent before the write ended, answered after it: it may hold what the write changed.
    learn(shared, { representations: [decision('d-5')] }, CABINET, answer([facts(true)]), beforeWrite);
    expect(shared.take(QUERY, { representations: [decision('d-6')] }, CABINET)).toBeNull();
    learn(shared, { representations: [decision('d-7')] }, CABINET, answer([facts(false)]));
    expect(shared.take(QUERY, { representations: [decision('d-8')] }, CABINET)).toEqual([facts(false)]);
  });

  it('never answers a fetch with another variable than its representations', () => {
    const shared = cache();
    learn(shared, { representations: [decision('d-1')], n: true }, CABINET, answer([facts(true)]));
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    expect(shared.take(QUERY, { representations: [decision('d-2')], n: false }, CABINET)).toBeNull();
  });

  it('never puts two representations under one key when a field it depends on is missing', () => {
    const shared = cache();
    const misnamed = {
      ...answer([facts(true)]),
      extensions: { [SHARED_ANSWER_EXTENSION]: { ...NOTICE, dependsOn: ['dayOfCare'] } },
    };
    learn(shared, { representations: [decision('d-1')] }, CABINET, misnamed);
    expect(shared.take(QUERY, { representations: [decision('d-2', 'ZZP00002')] }, CABINET)).toBeNull();
  });

  it('keeps no answer that names a served person (the audit must see each one)', () => {
    const shared = cache();
    learn(
      shared,
      { representations: [decision('d-1')] },
      CABINET,
      answer([facts(true)], { extensions: { [SHARED_ANSWER_EXTENSION]: NOTICE, [SERVED_PERSONS_EXTENSION]: [{ ref: 'r-1' }] } }),
    );
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });

  it('forgets every answer and every shape learnt on a new supergraph, and keeps nothing of a fetch under way then', () => {
    const shared = cache();
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    const since = shared.current;
    shared.forget();
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
    learn(shared, { representations: [decision('d-3')] }, CABINET, answer([facts(true)]), since);
    expect(shared.take(QUERY, { representations: [decision('d-4')] }, CABINET)).toBeNull();
  });

  it('keeps nothing when turned off', () => {
    const shared = cache(0);
    learn(shared, { representations: [decision('d-1')] }, CABINET, answer([facts(true)]));
    expect(shared.take(QUERY, { representations: [decision('d-2')] }, CABINET)).toBeNull();
  });
});

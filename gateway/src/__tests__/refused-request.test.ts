import { describe, expect, it } from 'vitest';
import type { EdgeRefusal } from '../access-audit/edge-refusals';
import { personsNamedBy, recordRefusedRequest } from '../access-audit/refused-request';
import type { GatewayContext } from '../context/gateway-context';
import { MAX_NAMED_PERSONS } from '../pipeline/graphql/record-access-audit';

/** A context of a request the HTTP steps admitted (synthetic caller). */
const context = {
  requestId: 'req-1',
  language: 'fr',
  caller: { clientId: 'cabinet-zzp00001', org: 'ZZP00001', orgKind: 'PROFESSIONAL', purposes: ['eligibility:check'] },
  subgraphsCalled: new Set<string>(),
  servedPersons: new Map(),
  auditIntentId: null,
  variables: null,
  startedAt: process.hrtime.bigint(),
} as unknown as GatewayContext;

describe('the persons a request refused before Apollo ran it names', () => {
  it('reads literals and the variables the operation defines, defaults included, and ignores the others', () => {
    const query =
      'query ($a: String!, $b: EligibilityInput = {nationalId: "ZZ000003"}, $r: String) { person(nationalId: $a) { ref } e: eligibility(input: $b) { outcome } p: person(nationalId: "ZZ000002") { ref } blockProvider(personRef: $r) }';
    expect(personsNamedBy(query, { a: 'ZZ000001', r: 'ref-1', undefinedVariable: { nationalId: 'ZZ000009' } }, null)).toEqual({
      nationalIds: expect.arrayContaining(['ZZ000001', 'ZZ000002', 'ZZ000003']),
      refs: ['ref-1'],
    });
    expect(personsNamedBy(query, { a: 'ZZ000001' }, null).nationalIds).not.toContain('ZZ000009');
  });

  it('names only the signed-in person when the text does not parse or is missing', () => {
    expect(personsNamedBy('{ person(nationalId: "ZZ000001"', { a: 'ZZ000002' }, 'ZZ000004')).toEqual({
      nationalIds: ['ZZ000004'],
      refs: [],
    });
    expect(personsNamedBy(undefined, undefined, null)).toEqual({ nationalIds: [], refs: [] });
  });

  it('names at most MAX_NAMED_PERSONS of a kind', () => {
    const ids = Array.from({ length: MAX_NAMED_PERSONS + 10 }, (_, i) => `ZZ${String(i).padStart(6, '0')}`);
    const named = personsNamedBy(
      'query ($l: [EligibilityInput!]) { x: __typename }',
      { l: ids.map((nationalId) => ({ nationalId })) },
      null,
    );
    expect(named.nationalIds).toHaveLength(MAX_NAMED_PERSONS);
  });
});

describe('recording a request refused before Apollo ran it', () => {
  const sent = {
    query: 'query Probe($n: String!) { person(nationalId: $n) { ref } }',
    operationName: 'Probe',
    variables: { n: 'ZZ000001' },
  };

  it('hands the audit one refusal naming the persons, the code, the operation name and hash', async () => {
    const recorded: EdgeRefusal[] = [];
    const audit = async (_context: GatewayContext, refusal: EdgeRefusal) => (recorded.push(refusal), true);
    expect(await recordRefusedRequest(audit, context, sent, 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(recorded).toEqual([
      {
        nationalIds: ['ZZ000001'],
        refs: [],
        code: 'QUERY_TOO_COMPLEX',
        operationName: 'Probe',
        operationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it('says so when the audit store failed, and passes with the audit off', async () => {
    expect(await recordRefusedRequest(async () => false, context, sent, 'QUERY_TOO_COMPLEX')).toBe(false);
    expect(await recordRefusedRequest(null, context, sent, 'QUERY_TOO_COMPLEX')).toBe(true);
  });
});

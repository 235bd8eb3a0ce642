import { operationHash } from '@cmb/audit-store';
import { describe, expect, it } from 'vitest';
import type { EdgeRefusal } from '../access-audit/edge-refusals';
import { personsNamedBy, recordRefusedRequest, type SentRequest } from '../access-audit/refused-request';
import type { GatewayContext } from '../context/gateway-context';
import { MAX_NAMED_PERSONS } from '../pipeline/graphql/record-access-audit';
import { sentRequest } from '../server/sent-request';

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

const sorted = (values: readonly string[]) => [...values].sort();

describe('the persons a request refused before Apollo ran it names', () => {
  it('reads literals and the variables the operation defines, defaults included, and ignores the others', () => {
    const query =
      'query ($a: String!, $b: EligibilityInput = {nationalId: "ZZ000003"}, $r: String) { person(nationalId: $a) { ref } e: eligibility(input: $b) { outcome } p: person(nationalId: "ZZ000002") { ref } blockProvider(personRef: $r) }';
    const named = personsNamedBy(
      { query, operationName: undefined, variables: { a: 'ZZ000001', r: 'ref-1', other: { nationalId: 'ZZ000009' } } },
      null,
    );
    expect(sorted(named.nationalIds)).toEqual(['ZZ000001', 'ZZ000002', 'ZZ000003']);
    expect(named.refs).toEqual(['ref-1']);
  });

  it('reads the operation that runs only, not another of the document', () => {
    const query = 'query A { person(nationalId: "ZZ000007") { ref } } query B { person(nationalId: "ZZ000008") { ref } }';
    expect(personsNamedBy({ query, operationName: 'B', variables: {} }, null).nationalIds).toEqual(['ZZ000008']);
  });

  it('reads the variables alone without a document to place them: a persisted query by its hash, a text that does not parse', () => {
    const variables = { n: 'ZZ000001', i: { nationalId: 'zz000002', personRef: 'ref-2' }, code: 'ZZP00001', note: 'A1' };
    for (const query of [undefined, '{ person(nationalId: "ZZ000005"']) {
      const named = personsNamedBy({ query, operationName: 'Probe', variables }, 'ZZ000004');
      expect(sorted(named.nationalIds)).toEqual(['ZZ000001', 'ZZ000004', 'zz000002']);
      expect(named.refs).toEqual(['ref-2']);
    }
  });

  it('names at most MAX_NAMED_PERSONS of a kind', () => {
    const ids = Array.from({ length: MAX_NAMED_PERSONS + 10 }, (_, i) => `ZZ${String(i).padStart(6, '0')}`);
    const rows = ids.map((nationalId, i) => ({ nationalId, personRef: `ref-${i}` }));
    for (const query of ['query ($l: [EligibilityInput!]) { x: __typename }', undefined]) {
      const named = personsNamedBy({ query, operationName: undefined, variables: { l: rows } }, null);
      expect(named.nationalIds).toHaveLength(MAX_NAMED_PERSONS);
    }
    expect(personsNamedBy({ query: undefined, operationName: undefined, variables: { l: rows } }, null).refs).toHaveLength(
      MAX_NAMED_PERSONS,
    );
  });
});

describe('recording a request refused before Apollo ran it', () => {
  const sent: SentRequest = {
    query: 'query Probe($n: String!) { person(nationalId: $n) { ref } }',
    operationName: 'Probe',
    variables: { n: 'ZZ000001' },
  };
  const recorder = () => {
    const recorded: EdgeRefusal[] = [];
    return { recorded, audit: async (_context: GatewayContext, refusal: EdgeRefusal) => (recorded.push(refusal), true) };
  };

  it('hands the audit one refusal naming the persons, the code, the operation name and the hash of its text', async () => {
    const { recorded, audit } = recorder();
    expect(await recordRefusedRequest(audit, context, sent, 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(recorded).toEqual([
      {
        nationalIds: ['ZZ000001'],
        refs: [],
        code: 'QUERY_TOO_COMPLEX',
        operationName: 'Probe',
        operationHash: operationHash(String(sent.query)),
      },
    ]);
  });

  it('keeps a persisted query by the hash it was sent by', async () => {
    const { recorded, audit } = recorder();
    const hash = 'a'.repeat(64);
    const body = { operationName: 'Probe', variables: { n: 'ZZ000001' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    await recordRefusedRequest(audit, context, sentRequest(body, new URLSearchParams(), body.variables), 'QUERY_TOO_COMPLEX');
    expect(recorded[0]).toMatchObject({ nationalIds: ['ZZ000001'], operationHash: hash });
  });

  it('records nothing of a request that names no one', async () => {
    const { recorded, audit } = recorder();
    const none = {
      query: 'query ($c: String) { medicine(code: $c) { code } }',
      operationName: undefined,
      variables: { c: '6118000000000' },
    };
    expect(await recordRefusedRequest(audit, context, none, 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(recorded).toEqual([]);
  });

  it('says so when the audit store failed, and passes with the audit off', async () => {
    expect(await recordRefusedRequest(async () => false, context, sent, 'QUERY_TOO_COMPLEX')).toBe(false);
    expect(await recordRefusedRequest(null, context, sent, 'QUERY_TOO_COMPLEX')).toBe(true);
  });
});

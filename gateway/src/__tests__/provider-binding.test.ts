import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { askedProviders } from '../pipeline/graphql/bind-provider';

function asked(query: string, variables: Record<string, unknown> = {}): string[] {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return askedProviders(document, operation, variables);
}

describe('the providers an operation asks about', () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    ['a literal', '{ eligibility(input: { nationalId: "ZZ000001", providerInpe: "zzp00003" }) { outcome } }', {}, ['ZZP00003']],
    [
      'the whole input as a variable',
      'query ($i: EligibilityInput!) { eligibility(input: $i) { outcome } }',
      { i: { providerInpe: 'ZZP00001' } },
      ['ZZP00001'],
    ],
    [
      'a field variable',
      'query ($p: String!) { eligibility(input: { nationalId: "x", providerInpe: $p }) { outcome } }',
      { p: 'ZZP00004' },
      ['ZZP00004'],
    ],
    [
      'aliases',
      '{ a: eligibility(input: { nationalId: "x", providerInpe: "ZZP00001" }) { outcome } b: eligibility(input: { nationalId: "x", providerInpe: "ZZP00003" }) { outcome } }',
      {},
      ['ZZP00001', 'ZZP00003'],
    ],
    [
      'an inline fragment on the root',
      '{ ... on Query { eligibility(input: { nationalId: "x", providerInpe: "ZZP00003" }) { outcome } } }',
      {},
      ['ZZP00003'],
    ],
    [
      'a fragment spread on the root',
      'query { ...F } fragment F on Query { eligibility(input: { nationalId: "x", providerInpe: "ZZP00003" }) { outcome } }',
      {},
      ['ZZP00003'],
    ],
    ['no eligibility field', '{ provider(inpe: "ZZP00003") { inpe } }', {}, []],
  ])('%s', (_label, query, variables, expected) => {
    expect(asked(query, variables)).toEqual(expected);
  });
});

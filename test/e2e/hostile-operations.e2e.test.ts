import { describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/** Each fragment spreads the next twice: valid GraphQL, 2^levels fields once expanded. */
function fragmentBomb(levels: number, field: string): string {
  let text = `query { ${field} { ...F0 } }\n`;
  for (let i = 0; i < levels; i += 1) text += `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }\n`;
  return `${text}fragment F${levels} on Person { ref }`;
}

/** Hostile operations an authenticated client may send, each with the code it must be refused with. */
const HOSTILE: [string, string, string[]][] = [
  [
    'fragments spreading each other',
    'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    ['GRAPHQL_VALIDATION_FAILED'],
  ],
  ['a fragment bomb', fragmentBomb(40, 'person(nationalId: "ZZ000001")'), ['QUERY_TOO_COMPLEX']],
  // The parser itself may give up first on such nesting (its recursion is bounded by the runtime's stack).
  [
    'a deeply nested operation',
    `{ person(nationalId: "ZZ000001") { ${'dependants { '.repeat(2000)}ref${' }'.repeat(2000)} } }`,
    ['QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED'],
  ],
  [
    'thousands of aliases',
    `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: person(nationalId: "ZZ000001") { ref }`).join(' ')} }`,
    ['QUERY_TOO_COMPLEX'],
  ],
  ['thousands of fields', `{ person(nationalId: "ZZ000001") { ${'ref '.repeat(20_000)} } }`, ['QUERY_TOO_COMPLEX']],
];

const CHECK = `query Check($input: EligibilityInput!) { eligibility(input: $input) { outcome } }`;
const P01 = { nationalId: 'ZZ000001', providerInpe: 'ZZP00001', date: '2026-03-02', careType: 'CONSULTATION' };

describe('no request takes the gateway down', () => {
  it.each(HOSTILE)('refuses %s at once and goes on serving', async (_name, query, codes) => {
    const og = await authAs('og-cnss', 'beneficiary:read');
    const started = performance.now();
    const answer = await postGraphQL(inject('gatewayUrl'), query, {}, og);
    // A bound for a hang, not a benchmark: each refusal takes milliseconds.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(answer.status).toBe(400);
    expect(answer.body.data ?? null).toBeNull();
    expect(codes).toContain(answer.body.errors?.[0]?.extensions?.code);
    const check = await postGraphQL<{ eligibility: { outcome: string } }>(
      inject('gatewayUrl'),
      CHECK,
      { input: P01 },
      await authAs('cabinet-zzp00001'),
    );
    expect(check.body.data?.eligibility.outcome).toBe('ELIGIBLE');
  });

  it('reads a default value as the check runs: a provider given by default is still bound', async () => {
    const query = `query ($input: EligibilityInput! = { nationalId: "ZZ000001", providerInpe: "ZZP00004", date: "2026-03-02" }) { eligibility(input: $input) { outcome } }`;
    const answer = await postGraphQL(inject('gatewayUrl'), query, {}, await authAs('cabinet-zzp00001'));
    expect(answer.status).toBe(403);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PROVIDER_BINDING' });
  });
});

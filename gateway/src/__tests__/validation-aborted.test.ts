import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context/gateway-context';
import { runGraphQLSteps } from '../pipeline';
import { boundDocumentSize } from '../pipeline/graphql/bound-document-size';
import { renderErrorLanguage } from '../pipeline/graphql/render-error-language';

// Synthetic schema: one field with an argument, asked thousands of times in one selection.
const schema = buildSchema(`type Query { protocols(pathology: String): [P!]! } type P { code: String }`);
const limits = { maxDepth: 12, maxAliases: 30, maxCost: 5000, listFactor: 20, maxPageSize: 200 };
/** 4,800 fields, no alias, within every written limit: graphql-js's overlapping-fields check gives up on it. */
const SAME_FIELD_2400_TIMES = `{ ${'protocols(pathology: "E11") { code } '.repeat(2400)} }`;

describe('a document validation gives up on', () => {
  it('is one graphql-js cannot validate within its budget (what the gateway meets)', () => {
    const errors = validate(schema, parse(SAME_FIELD_2400_TIMES, { maxTokens: 100_000 }), [...specifiedRules, boundDocumentSize(limits)]);
    expect(errors.map((error) => error.message)).toEqual(['Validation aborted.']);
  });

  it.each([
    ['fr', 'Requête trop complexe : too many fields of one name'],
    ['en', 'Query too complex: too many fields of one name'],
  ] as const)('is refused as QUERY_TOO_COMPLEX saying what to change, in %s', async (language, message) => {
    const apollo = new ApolloServer<GatewayContext>({
      schema,
      validationRules: [boundDocumentSize(limits)],
      plugins: [runGraphQLSteps([renderErrorLanguage()])],
    });
    await apollo.start();
    try {
      const answer = await apollo.executeOperation(
        { query: SAME_FIELD_2400_TIMES },
        { contextValue: { language } as unknown as GatewayContext },
      );
      const errors = answer.body.kind === 'single' ? answer.body.singleResult.errors : undefined;
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.message.startsWith(message)).toBe(true);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', reason: 'QUERY_TOO_COMPLEX' });
    } finally {
      await apollo.stop();
    }
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs } from '../support/tokens';

/**
 * How a README example runs: the client and purpose of its token, its
 * variables and headers; or `runBy`, the test that runs it with its
 * placeholders filled (an example that needs data another step creates).
 */
interface ExampleRun {
  client: string;
  scope: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  runBy?: string;
}

/** One GraphQL block of the README, with the line it starts on and how it runs (null when the comment is missing). */
interface Example {
  line: number;
  query: string;
  run: ExampleRun | null;
}

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

/** Every ```graphql block of the README and the `<!-- example {...} -->` comment just before it, if any. */
function readmeExamples(): Example[] {
  const examples: Example[] = [];
  for (const match of README.matchAll(/(?:<!-- example (\{.*?\}) -->\n)?```graphql\n([\s\S]*?)```/g)) {
    const line = README.slice(0, match.index).split('\n').length + (match[1] ? 1 : 0);
    examples.push({ line, query: match[2] ?? '', run: match[1] ? (JSON.parse(match[1]) as ExampleRun) : null });
  }
  return examples;
}

const examples = readmeExamples();

describe("the README's examples run as written", () => {
  it('finds the examples, each with how it runs', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const unannotated = examples.filter((example) => example.run === null).map((example) => `README.md:${example.line}`);
    expect(unannotated, 'add <!-- example {"client", "scope", "variables"} --> before these blocks').toEqual([]);
  });

  it.each(examples.filter((example) => example.run?.runBy).map((example) => [example.line, example] as const))(
    'README.md:%i is run by the test it names, which reads it from the README',
    (_line, example) => {
      const test = readFileSync(resolve(__dirname, '../..', example.run?.runBy ?? ''), 'utf8');
      expect(test).toContain('README.md');
    },
  );

  it.each(examples.filter((example) => example.run !== null && !example.run.runBy).map((example) => [example.line, example] as const))(
    'README.md:%i answers without errors',
    async (_line, example) => {
      const run = example.run as ExampleRun;
      const answer = await postGraphQL(inject('gatewayUrl'), example.query, run.variables ?? {}, {
        ...(await authAs(run.client, run.scope)),
        ...run.headers,
      });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
      expect(Object.values(answer.body.data ?? {}).every((value) => value !== null)).toBe(true);
    },
  );
});

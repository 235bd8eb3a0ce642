import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { headersOf, statusOf, type Caller } from '@cmb/kit';
import { buildSchema, parse, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';
import { actsForImport, waitsForLongWrite } from '../import-limits';
import { boundDocumentSize, MAX_DOCUMENT_TOKENS, writtenSize } from '../pipeline/graphql/bound-document-size';
import { exceededLimit, measureOperation } from '../pipeline/graphql/enforce-limits';
import { readBodyWithin } from '../pipeline/http/read-body-within';
import type { HttpExchange } from '../pipeline/steps';

const caller = (purpose: string): Caller => ({
  clientId: 'c',
  org: 'ANAM',
  orgKind: 'REGULATOR',
  purposes: [purpose],
  tokenId: null,
  userId: null,
  requestId: 'r',
});

/** Body limits small enough to reach: 2 KiB and 300 ms, an import 8 KiB and 3 s. */
const BODY_LIMITS = { maxBodyBytes: 2048, importMaxBodyBytes: 8192, bodyTimeoutMs: 300, importBodyTimeoutMs: 3_000 };

/** An exchange whose request body has `size` bytes. */
function exchange(size: number, who: Caller | null): HttpExchange {
  const req = Object.assign(Readable.from([Buffer.alloc(size, 0x61)]), { method: 'POST' }) as unknown as IncomingMessage;
  return { req, res: {} as ServerResponse, requestId: 'r', language: 'en', caller: who, body: '' };
}

describe('the import limits (IMPORT_MAX_BODY_BYTES, IMPORT_TIMEOUT_MS)', () => {
  it('are 64 MiB and 5 minutes by default, read from the environment', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).imports).toEqual({ maxBodyBytes: 64 * 1024 * 1024, timeoutMs: 300_000 });
    expect(loadGatewayConfig({ NODE_ENV: 'development', IMPORT_MAX_BODY_BYTES: '2048', IMPORT_TIMEOUT_MS: '60000' }).imports).toEqual({
      maxBodyBytes: 2048,
      timeoutMs: 60_000,
    });
  });

  it.each([
    [{ IMPORT_MAX_BODY_BYTES: String(257 * 1024 * 1024) }, /IMPORT_MAX_BODY_BYTES/],
    [{ IMPORT_MAX_BODY_BYTES: 'big' }, /IMPORT_MAX_BODY_BYTES/],
    [{ IMPORT_TIMEOUT_MS: '10' }, /IMPORT_TIMEOUT_MS/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', ...env })).toThrowError(message);
  });

  it.each([
    { purpose: 'reference:import', expected: true },
    { purpose: 'provider:read', expected: false },
    { purpose: 'eligibility:check', expected: false },
  ])('apply to a token of $purpose: $expected', ({ purpose, expected }) => {
    expect(actsForImport(caller(purpose))).toBe(expected);
  });

  it.each([
    { purpose: 'reference:import', body: true, timeout: true },
    { purpose: 'registry:publish', body: false, timeout: true },
    { purpose: 'beneficiary:write', body: false, timeout: false },
  ])('give $purpose the import body limit: $body, the import timeout: $timeout', ({ purpose, body, timeout }) => {
    expect(actsForImport(caller(purpose))).toBe(body);
    expect(waitsForLongWrite(caller(purpose))).toBe(timeout);
  });

  it.each([
    { why: 'an import token, a body within the import limit', who: caller('reference:import'), size: 4096, refused: false },
    { why: 'an import token, a body past the import limit', who: caller('reference:import'), size: 8193, refused: true },
    { why: 'another purpose, a body past the interactive limit', who: caller('provider:read'), size: 2049, refused: true },
    { why: 'no caller, a body past the interactive limit', who: null, size: 2049, refused: true },
    { why: 'another purpose, a body within the interactive limit', who: caller('provider:read'), size: 2048, refused: false },
  ])('reads the body by the purpose of the token: $why', async ({ who, size, refused }) => {
    const step = readBodyWithin(BODY_LIMITS);
    const request = exchange(size, who);
    if (refused) {
      await expect(step(request)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE' } });
    } else {
      await step(request);
      expect(request.body).toHaveLength(size);
    }
  });
});

describe('a body trickled in (BODY_TIMEOUT_MS, IMPORT_TIMEOUT_MS)', () => {
  /** An exchange whose body sends a first chunk, then the rest after `restAfterMs`. */
  const trickled = (who: Caller | null, restAfterMs: number): HttpExchange => {
    const body = new PassThrough();
    body.write('{"query":');
    setTimeout(() => body.end('"{ __typename }"}'), restAfterMs).unref();
    const req = Object.assign(body, { method: 'POST' }) as unknown as IncomingMessage;
    return { req, res: {} as ServerResponse, requestId: 'r', language: 'en', caller: who, body: '' };
  };

  it('refuses with 408 a body not received whole in time, and closes the connection', async () => {
    const refused = await Promise.resolve(readBodyWithin(BODY_LIMITS)(trickled(caller('provider:read'), 2_000))).then(
      () => null,
      (error: GraphQLError) => error,
    );
    expect(refused).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_SLOW' } });
    expect(statusOf(refused as GraphQLError)).toBe(408);
    expect(headersOf(refused as GraphQLError)).toEqual({ connection: 'close' });
  });

  it("gives an import's body the import's time, and any body that arrives in time is read", async () => {
    const imported = trickled(caller('reference:import'), 800);
    await readBodyWithin(BODY_LIMITS)(imported);
    expect(imported.body).toBe('{"query":"{ __typename }"}');
    const quick = trickled(caller('provider:read'), 5);
    await readBodyWithin(BODY_LIMITS)(quick);
    expect(quick.body).toBe('{"query":"{ __typename }"}');
  });
});

describe("the parser's bound of tokens (MAX_DOCUMENT_TOKENS)", () => {
  it('reads a whole affiliation batch written in the document, the largest a write accepts', () => {
    const row = (i: number) =>
      `{ nationalId: "ZZ9${String(i).padStart(5, '0')}", insuredNationalId: "ZZ000001", firstName: "Salma", lastName: "Exemple", birthDate: "1990-01-01", sex: "F", regime: "AMO_SALARIES_PUBLIC", role: "SPOUSE", memberNumber: "CO-${i}", validFrom: "2026-01-01", status: "ACTIVE" }`;
    const batch = `mutation { upsertAffiliations(batch: { idempotencyKey: "k", organism: "CNOPS", rows: [${Array.from({ length: 1000 }, (_, i) => row(i)).join(', ')}] }) { applied } }`;
    expect(() => parse(batch, { maxTokens: MAX_DOCUMENT_TOKENS })).not.toThrow();
    expect(() => parse(`{ ${'__typename '.repeat(MAX_DOCUMENT_TOKENS)} }`, { maxTokens: MAX_DOCUMENT_TOKENS })).toThrow(/tokens/);
  });
});

describe('one large string argument (a registry file) and the operation limits', () => {
  const schema = buildSchema(`
    input ImportInput { csv: String! }
    type Version { id: String added: Int }
    type Result { version: Version alreadyLoaded: Boolean }
    type Query { ok: Boolean }
    type Mutation { importProviderRegistry(input: ImportInput!): Result }
  `);
  const LIMITS = { maxDepth: 12, maxAliases: 30, maxCost: 5_000, listFactor: 20, maxPageSize: 200 };
  const csv = `#INPE;extracted_on=2026-03-06;rows=50000\n${'ZZP00001;PS;GENERAL_PRACTITIONER;;Dr X;PRIVATE;CSE;ACTIVE;2012-01-01;\n'.repeat(50_000)}`;

  it.each([
    {
      how: 'as a variable',
      query: 'mutation ($csv: String!) { importProviderRegistry(input: { csv: $csv }) { alreadyLoaded version { id added } } }',
    },
    {
      how: 'written in the document',
      query: `mutation { importProviderRegistry(input: { csv: ${JSON.stringify(csv)} }) { alreadyLoaded version { id added } } }`,
    },
  ])('costs what its fields cost, whatever the size of the string, $how', ({ query }) => {
    const document = parse(query);
    expect(writtenSize(document)).toEqual({ depth: 3, aliases: 0, fields: 5, longestName: 0 });
    expect(exceededLimit(measureOperation(schema, document, LIMITS.listFactor, { csv }), LIMITS)).toBeNull();
    expect(validate(schema, document, [boundDocumentSize(LIMITS)])).toEqual([]);
  });
});

// A whole gateway (AUTH_MODE off, audit on an embedded SQLite file in a temp dir) in front of stub subgraphs on
// loopback that record every body they receive: what a hostile client's variables and operation names reach.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, type RunningServer } from '@cmb/kit';
import Database from 'better-sqlite3';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentAuditFacts, subjectsOf } from '../access-audit/subjects';
import { buildGatewayApp, type GatewayApp } from '../app';
import { loadGatewayConfig, type GatewayConfig } from '../config';

const SUBGRAPHS = ['beneficiaries', 'providers', 'medicines', 'care-pathways', 'medical-records', 'audit', 'registry'];

interface Received {
  subgraph: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

let stub: Server;
let stubUrl = '';
const received: Received[] = [];
let gateway: GatewayApp;
let config: GatewayConfig;
let served: RunningServer;
let dir: string;

/** What each stub subgraph answers. */
function answerOf(subgraph: string, body: string): unknown {
  const { query } = JSON.parse(body) as { query: string };
  if (subgraph === 'beneficiaries' && query.includes('person(')) {
    return { data: { person: { __typename: 'Person', ref: '0f0e0d0c-0b0a-4000-8000-000000000001', readerProof: 'proof' } } };
  }
  if (query.includes('_entities')) {
    const { variables } = JSON.parse(body) as { variables: { representations: unknown[] } };
    return { data: { _entities: variables.representations.map(() => ({ __typename: 'Person', longTermIllnesses: [] })) } };
  }
  return { data: null, errors: [{ message: 'stub', extensions: { code: 'NOT_FOUND' } }] };
}

const post = async (payload: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${served.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, text: await response.text() };
};

const auditRows = () => {
  const db = new Database(join(dir, 'audit.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_event ORDER BY seq').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cmb-hostile-names-'));
  stub = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const subgraph = (req.url ?? '').split('/')[1] ?? '';
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST') received.push({ subgraph, body, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'POST' ? JSON.stringify(answerOf(subgraph, body)) : '{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  const urls = Object.fromEntries(
    SUBGRAPHS.map((name) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, `${stubUrl}/${name}/graphql`]),
  );
  config = loadGatewayConfig({
    NODE_ENV: 'test',
    AUTH_MODE: 'off',
    AUDIT_MODE: 'on',
    AUDIT_SQLITE_PATH: join(dir, 'audit.sqlite'),
    LOG_LEVEL: 'silent',
    SHARED_ANSWERS_MAX_AGE_MS: '0',
    ...urls,
  });
  gateway = await buildGatewayApp(config);
  served = await listen(gateway.handler, { host: '127.0.0.1', port: 0, logger: gateway.logger, acceptAfterStopMs: 0 });
}, 60_000);

afterAll(async () => {
  await served?.close();
  await gateway?.close();
  await new Promise<void>((resolve) => stub?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
});

/** A JSON array nested `levels` deep: JSON.parse reads it (V8's parser is iterative), a recursive walk overflows. */
const deepJson = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('a national id written in the operation name', () => {
  it('never reaches a subgraph that is not sent the national id itself (care-pathways reads persons by ref)', async () => {
    const answer = await post({
      query: 'query CheckZZ000001 { person(nationalId: "ZZ000001") { longTermIllnesses { code } } }',
      operationName: 'CheckZZ000001',
    });
    expect(answer.status).toBe(200);
    const pathways = received.filter((r) => r.subgraph === 'care-pathways');
    // The plan's second fetch, by ref, under a neutral name.
    expect(pathways.length).toBeGreaterThan(0);
    for (const call of pathways) {
      expect(call.body).not.toContain('ZZ000001');
      expect(JSON.parse(call.body).operationName).toMatch(/^CheckID__care_pathways__\d+$/);
    }
  });

  it('in lower case, is kept in the audit trail as its pseudonym, as an upper-case one is', async () => {
    const answer = await post({ query: 'query check_zz000001 { person(nationalId: "ZZ000001") { firstName } }' });
    expect(answer.status).toBe(200);
    const rows = auditRows().filter((row) => String(row.body).toLowerCase().includes('check_'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(String(row.operation_name).toLowerCase()).not.toContain('zz000001');
      expect(String(row.body).toLowerCase()).not.toContain('zz000001');
    }
  });
});

describe('variables nested deeper than any input of the schema', () => {
  const LEVELS = 200_000; // 400 KB of the 1 MiB body limit

  it.each([
    ['a variable that would fail coercion', 'query Probe($n: String!) { person(nationalId: $n) { firstName } }', '"n"'],
    [
      'a custom scalar under a skipped field (the planner drops its fetch)',
      'query Check($d: Date, $b: Boolean!) { eligibility(input: {nationalId: "ZZ000001", providerInpe: "ZZP00001"}) { outcome } basis: reimbursementBasis(code: "6118000000000", date: $d) @skip(if: $b) { reimbursable } }',
      '"b":true,"d"',
    ],
  ])(
    '%s: refused whole before any subgraph is called (it was a 500, after the check ran and with no audit event)',
    async (_case, query, prefix) => {
      const answer = await post(`{"query":${JSON.stringify(query)},"variables":{${prefix}:${deepJson(LEVELS)}}}`);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(received).toEqual([]);
    },
  );

  it('is recorded in the audit trail, refused, naming the persons the request named by variable and by literal (it left no trace)', async () => {
    const query =
      'query Probe($i: EligibilityInput!, $pad: [String]) { eligibility(input: $i) { outcome } other: person(nationalId: "ZZ000002") { firstName } }';
    const variables = `{"i":{"nationalId":"ZZ000001","providerInpe":"ZZP00001"},"pad":${deepJson(LEVELS)}}`;
    const answer = await post(`{"query":${JSON.stringify(query)},"operationName":"Probe","variables":${variables}}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(received).toEqual([]);
    const events = auditRows()
      .map((row) => JSON.parse(String(row.body)) as Record<string, unknown>)
      .filter((event) => event.operationName === 'Probe' && event.outcome === 'QUERY_TOO_COMPLEX');
    expect(events).toHaveLength(1);
    const pseudonym = (nationalId: string) => config.audit.keyring.pseudonymise(nationalId);
    expect(events[0]).toMatchObject({ decision: 'REFUSED', fieldPaths: [], subgraphs: [] });
    expect([...(events[0]?.subjects as string[])].sort()).toEqual([pseudonym('ZZ000001'), pseudonym('ZZ000002')].sort());
  });

  it('the same, sent over GET', async () => {
    const query = encodeURIComponent('query Probe($n: String) { medicine(code: $n) { code } }');
    const response = await fetch(`${served.url}/graphql?query=${query}&variables=${encodeURIComponent(`{"n":${deepJson(40)}}`)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    expect(received).toEqual([]);
  });

  it("the audit's walk of variables survives a value nested deeper than the stack", () => {
    const facts = documentAuditFacts(parse('query ($d: Date) { reimbursementBasis(code: "1", date: $d) { reimbursable } }'));
    expect(() => subjectsOf(facts, { d: JSON.parse(deepJson(200_000)) })).not.toThrow();
  });
});

describe('a national id written in the document itself', () => {
  /** The errors of a document the gateway refuses while parsing or validating it. */
  const refusal = async (query: string) => {
    const answer = await post({ query }, { 'accept-language': 'en' });
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/ZZ00000[12]/i);
    return (JSON.parse(answer.text) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors;
  };

  it.each([
    ['a string argument given a name', '{ person(nationalId: ZZ000001) { firstName } }', 'String'],
    [
      'an enum argument given a national id',
      '{ eligibility(input: { nationalId: "ZZ000002", providerInpe: "ZZP00001", careType: ZZ000001 }) { outcome } }',
      'CareType',
    ],
  ])('%s: INVALID_VALUE names where the literal is and the type expected, never the value', async (_case, query, expected) => {
    const [error] = await refusal(query);
    expect(error?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'INVALID_VALUE', params: { expected } });
    expect(error?.extensions).not.toHaveProperty('stacktrace');
    expect(error?.message).toMatch(/^Invalid value for line 1, column \d+/);
  });

  it.each([
    ['a field named after one (validation)', '{ zz000001 }', 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "<national id>"'],
    ['a name the parser did not expect', '{ __typename } ZZ000002', 'GRAPHQL_PARSE_FAILED', 'Unexpected Name "<national id>"'],
    [
      'a string the parser did not expect',
      '{ person(nationalId "ZZ000001 Fatima Synthetique 0600000000") { firstName } }',
      'GRAPHQL_PARSE_FAILED',
      'found String.',
    ],
  ])('%s: the message keeps its other words, what the client wrote replaced', async (_case, query, code, kept) => {
    const [error] = await refusal(query);
    expect(error?.extensions.code).toBe(code);
    expect(error?.message).toContain(kept);
    expect(error?.message).not.toMatch(/Fatima|0600000000/);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  ContextPublicKeys,
  createLogger,
  generateContextKeyPair,
  readSubgraphConfig,
  SERVED_PERSONS_EXTENSION,
  SHARED_ANSWER_EXTENSION,
  SIGNED_CONTEXT_HEADER,
  verifyCallerContext,
  type Caller,
  type RunningServer,
} from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoSubgraph, WHO_AM_I } from '../../../test/support/echo-subgraph';
import { memoryLogger } from '../../../test/support/memory-logger';
import { makeTestCertificates, type TestCertificates } from '../../../test/support/test-certificates';
import { loadGatewayConfig } from '../config';
import { SharedAnswerCache } from '../datasources/shared-answer-cache';
import { SubgraphDataSource } from '../datasources/subgraph-data-source';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { createAttachmentLookup } from '../providers/attachment-lookup';
import { READINESS_MAX_ANSWER_BYTES, SubgraphReadiness } from '../server/subgraph-readiness';

const CALLER: Caller = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
  tokenId: 't-1',
  userId: null,
  requestId: 'r-1',
};
const key = generateContextKeyPair();
const trusted = new ContextPublicKeys().add('gw1', key.publicKey);
const env = { NODE_ENV: 'test', GATEWAY_CONTEXT_PRIVATE_KEY: key.privateKey, GATEWAY_CONTEXT_KEY_ID: 'gw1' };
const logger = createLogger('gateway', 'silent');
const metrics = createGatewayMetrics();

/** One subgraph call as Apollo's executor makes it (only the fields the data source reads). */
const call = (query: string, variables: Record<string, unknown> = {}, context: object = { caller: CALLER, requestId: 'r-1' }) =>
  ({ request: { query, variables }, context }) as unknown as GraphQLDataSourceProcessOptions;

/** The options of a data source towards `url`, as the gateway builds them (no shared answers). */
const dataSourceOptions = (name: string, url: string, config = loadGatewayConfig(env)) => ({
  name,
  url,
  timeoutMs: 2_000,
  importTimeoutMs: 2_000,
  connections: 2,
  maxAnswerBytes: { national: 65_536, insurer: 4_096 },
  degradable: false,
  logger,
  metrics,
  hiddenFields: () => new Set<string>(),
  ogOwner: () => null,
  signer: config.contextSigner,
  tls: config.subgraphTls,
  tracing: null,
  sharedAnswers: null,
});

const dataSource = (name: string, url: string, config = loadGatewayConfig(env)) =>
  new SubgraphDataSource(dataSourceOptions(name, url, config));

/** A subgraph on loopback that answers each request, once its body is read, with `answer`; closed after the file's tests. */
function useStubSubgraph(answer: (res: ServerResponse, body: string, req: IncomingMessage) => void): { url: () => string } {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => answer(res, Buffer.concat(chunks).toString('utf8'), req));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: () => url };
}

/** Answers JSON with HTTP 200. */
const answerJson = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('the gateway signs every subgraph call for its target and its body', () => {
  const received: { header: string | undefined; body: string }[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const header = req.headers[SIGNED_CONTEXT_HEADER];
        received.push({ header: typeof header === 'string' ? header : undefined, body: Buffer.concat(chunks).toString('utf8') });
        const answer = req.url?.startsWith('/providers')
          ? { data: { attachedProfessionals: [{ inpe: 'ZZP00001' }] } }
          : { data: { ok: true } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verdict = (header: string | undefined, subgraph: string, body: string) =>
    verifyCallerContext(header, { keys: trusted, subgraph, body, clockSkewSeconds: 0 });

  it('in the data source: one signature per call, bound to the subgraph and to the body sent', async () => {
    received.length = 0;
    const source = dataSource('care-pathways', `${url}/graphql`);
    await source.process(call('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ id: 1 }] }));
    await source.process(call('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ id: 2 }] }));
    await source.close();
    expect(received).toHaveLength(2);
    const [first, second] = received as [(typeof received)[0], (typeof received)[0]];
    expect(verdict(first.header, 'care-pathways', first.body)).toEqual({ caller: CALLER });
    expect(verdict(second.header, 'care-pathways', second.body)).toEqual({ caller: CALLER });
    expect(verdict(first.header, 'care-pathways', second.body)).toEqual({ refused: 'GATEWAY_CONTEXT_BODY_MISMATCH' });
    expect(verdict(first.header, 'beneficiaries', first.body)).toEqual({ refused: 'GATEWAY_CONTEXT_WRONG_SUBGRAPH' });
  });

  it('in the data source: no caller, no context', async () => {
    received.length = 0;
    const source = dataSource('care-pathways', `${url}/graphql`);
    await source.process(call('{ __typename }', {}, { requestId: 'r-2' }));
    await source.close();
    expect(received[0]?.header).toBeUndefined();
  });

  it("in the attachments client: signed for providers with the lookup's body, as the gateway itself", async () => {
    received.length = 0;
    const lookup = createAttachmentLookup({
      providersUrl: () => `${url}/providers/graphql`,
      signer: loadGatewayConfig(env).contextSigner,
      tls: null,
      ttlMs: 0,
      timeoutMs: 2_000,
      maxAnswerBytes: 65_536,
      tracing: null,
    });
    expect([...(await lookup('ZZP00004', 'r-3'))]).toEqual(['ZZP00001']);
    const [only] = received as [(typeof received)[0]];
    expect(verdict(only.header, 'providers', only.body)).toMatchObject({
      caller: { clientId: 'cmb-gateway', orgKind: 'GATEWAY', purposes: ['provider:read'], requestId: 'r-3' },
    });
    expect(verdict(only.header, 'beneficiaries', only.body)).toEqual({ refused: 'GATEWAY_CONTEXT_WRONG_SUBGRAPH' });
  });
});

describe("the data source reuses a national subgraph's shareable answers", () => {
  const FETCH =
    'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on EligibilityDecision { provider { inpe } } } }';
  const represent = (id: string) => ({
    representations: [{ __typename: 'EligibilityDecision', id, providerInpe: 'ZZP00004', careDate: '2026-03-02' }],
  });
  const notice = { typename: 'EligibilityDecision', dependsOn: ['providerInpe', 'careDate'], maxAgeSeconds: 60 };
  let calls = 0;
  /** While set, reads wait for it before they are answered (a write is answered at once). */
  let held: Promise<void> | null = null;
  // A providers subgraph that declares its decision facts shareable.
  const stub = useStubSubgraph((res, body) => {
    calls += 1;
    const answer = () =>
      answerJson(res, { data: { _entities: [{ provider: { inpe: 'ZZP00004' } }] }, extensions: { [SHARED_ANSWER_EXTENSION]: notice } });
    if (held && !body.includes('mutation')) void held.then(answer);
    else answer();
  });

  const sharing = (ogOwner: string | null) =>
    new SubgraphDataSource({
      ...dataSourceOptions('providers', stub.url()),
      ogOwner: () => ogOwner,
      sharedAnswers: new SharedAnswerCache({ maxAgeMs: 60_000, maxEntries: 100, maxChars: 100_000 }),
    });

  it('answers a second decision of the same provider and day without a call, and calls again after a write', async () => {
    calls = 0;
    const source = sharing(null);
    const first = await source.process(call(FETCH, represent('d-1')));
    const second = await source.process(call(FETCH, represent('d-2')));
    expect(second).toEqual({ data: first.data });
    expect(first.extensions).toEqual({});
    expect(calls).toBe(1);
    await source.process(call('mutation { rollbackProviderRegistry(versionId: "x") { inForce { id } } }'));
    await source.process(call(FETCH, represent('d-3')));
    expect(calls).toBe(3);
    await source.close();
  });

  it('keeps no answer to a read sent before a write and answered after it', async () => {
    calls = 0;
    const source = sharing(null);
    let release = () => {};
    held = new Promise<void>((resolve) => (release = resolve));
    const read = source.process(call(FETCH, represent('d-1')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await source.process(call('mutation { rollbackProviderRegistry(versionId: "x") { inForce { id } } }'));
    release();
    held = null;
    await read;
    await source.process(call(FETCH, represent('d-2')));
    expect(calls).toBe(3);
    await source.close();
  });

  it("never answers for an insurer's subgraph from its cache", async () => {
    calls = 0;
    const source = sharing('CNSS');
    await source.process(call(FETCH, represent('d-1')));
    await source.process(call(FETCH, represent('d-2')));
    expect(calls).toBe(2);
    await source.close();
  });
});

describe("the persons an insurer's subgraph reports for the audit", () => {
  // An OG's subgraph that reports serving its member, a person it was not told about, and one of another OG.
  const stub = useStubSubgraph((res) =>
    answerJson(res, {
      data: { _entities: [{ claims: [] }] },
      extensions: { [SERVED_PERSONS_EXTENSION]: [{ ref: 'ref-member' }, { ref: 'ref-planted' }, { ref: 'ref-other-og' }] },
    }),
  );
  const reported = async (caller: Caller) => {
    const servedPersons = new Map([
      ['ref-member', { ref: 'ref-member', organisms: ['CNSS'] }],
      ['ref-other-og', { ref: 'ref-other-og', organisms: ['CNOPS'] }],
    ]);
    const source = new SubgraphDataSource({ ...dataSourceOptions('cnss-claims', stub.url()), ogOwner: () => 'CNSS' });
    await source.process(call('query { _entities { __typename } }', {}, { caller, requestId: 'r-1', servedPersons }));
    await source.close();
    return [...servedPersons.keys()].sort();
  };

  it("adds for another organisation's request only the persons it was told it covers", async () => {
    expect(await reported(CALLER)).toEqual(['ref-member', 'ref-other-og']);
  });

  it("adds any person it reports to the insurer's own request", async () => {
    expect(await reported({ ...CALLER, clientId: 'cnss-backoffice', org: 'CNSS', orgKind: 'OG' })).toEqual([
      'ref-member',
      'ref-other-og',
      'ref-planted',
    ]);
  });
});

describe('the bytes read from a subgraph answer are bounded', () => {
  // An answer of 20,000 bytes of JSON, with its length declared (`?sized`) or sent in chunks without one.
  const filler = 'x'.repeat(20_000);
  const stub = useStubSubgraph((res) => {
    const text = JSON.stringify({ data: { ok: filler } });
    res.writeHead(200, { 'content-type': 'application/json' });
    // Chunked: no content-length, the body in pieces.
    for (let at = 0; at < text.length; at += 1_000) res.write(text.slice(at, at + 1_000));
    res.end();
  });
  const sized = useStubSubgraph((res) => answerJson(res, { data: { ok: filler } }));

  it.each([
    { subgraph: 'national, within its bound (64 KiB here)', owner: null, answered: true },
    { subgraph: "an insurer's, past its bound (4 KiB here)", owner: 'CNSS', answered: false },
  ])('$subgraph: answered $answered, with or without a declared length', async ({ owner, answered }) => {
    for (const url of [stub.url(), sized.url()]) {
      const source = new SubgraphDataSource({ ...dataSourceOptions('cnss-claims', url), ogOwner: () => owner });
      const answer = await source.process(call('{ ok }'));
      await source.close();
      expect(answer.data).toEqual(answered ? { ok: filler } : undefined);
      expect(answer.errors?.[0]?.extensions?.code).toBe(answered ? undefined : 'SUBGRAPH_UNAVAILABLE');
    }
  });
});

describe('the media type a call asks of a subgraph', () => {
  const accepts: (string | undefined)[] = [];
  const stub = useStubSubgraph((res, _body, req) => {
    accepts.push(req.headers.accept);
    answerJson(res, { data: { ok: true } });
  });

  it("asks an insurer's subgraph for JSON, and a national one (which answers JSON unasked) nothing to negotiate", async () => {
    for (const owner of ['CNSS', null]) {
      const source = new SubgraphDataSource({ ...dataSourceOptions('cnss-claims', stub.url()), ogOwner: () => owner });
      expect((await source.process(call('{ ok }'))).data).toEqual({ ok: true });
      await source.close();
    }
    expect(accepts).toEqual(['application/json', undefined]);
  });
});

describe("a subgraph's answer that is not JSON", () => {
  // An insurer's subgraph answering text of its choosing, a national id first.
  const stub = useStubSubgraph((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('ZZ000001 is not JSON');
  });

  it('fails the call (SUBGRAPH_UNAVAILABLE) and leaves none of its text in the logs', async () => {
    const { logger, text } = memoryLogger('gateway');
    const source = new SubgraphDataSource({ ...dataSourceOptions('cnss-claims', stub.url()), logger });
    const answer = await source.process(call('{ ok }'));
    await source.close();
    expect(answer.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(text()).toContain('subgraph unavailable');
    expect(text()).not.toContain('ZZ0000');
  });
});

describe("the gateway's own lookups read a national subgraph's answer within a bound", () => {
  // Attachments of an establishment, padded past the bound by professionals nobody asked for.
  let professionals = 1;
  const stub = useStubSubgraph((res) =>
    answerJson(res, {
      data: { attachedProfessionals: Array.from({ length: professionals }, (_, i) => ({ inpe: `ZZP${String(i).padStart(5, '0')}` })) },
    }),
  );
  const lookup = () =>
    createAttachmentLookup({
      providersUrl: stub.url,
      signer: loadGatewayConfig(env).contextSigner,
      tls: null,
      ttlMs: 0,
      timeoutMs: 2_000,
      maxAnswerBytes: 4_096,
      tracing: null,
    });

  it('reads an answer within the bound, and fails the lookup past it instead of reading it whole', async () => {
    professionals = 3;
    expect([...(await lookup()('ZZP00004', 'r-5'))]).toEqual(['ZZP00000', 'ZZP00001', 'ZZP00002']);
    professionals = 1_000;
    await expect(lookup()('ZZP00004', 'r-6')).rejects.toThrow(/more than 4096 bytes/);
  });
});

describe("the readiness probe reads a subgraph's /readyz within a bound", () => {
  // A copy well formed, padded past the bound by a field nobody reads.
  const copy = { copy: 'inpe', version: 'v1', asOf: '2026-03-01', ageDays: 1, maxAge: '7 days', stale: false };
  let paddingBytes = 0;
  const stub = useStubSubgraph((res) => answerJson(res, { referenceCopies: [copy], padding: 'x'.repeat(paddingBytes) }));

  it.each([
    { padding: 0, copies: { 'cnss-claims': [copy] } },
    { padding: READINESS_MAX_ANSWER_BYTES, copies: {} },
  ])('an answer padded with $padding bytes: reachable, its copies $copies', async ({ padding, copies }) => {
    paddingBytes = padding;
    const probe = await new SubgraphReadiness(() => ({ 'cnss-claims': stub.url() })).probe();
    expect(probe).toEqual({ reachable: { 'cnss-claims': true }, referenceCopies: copies });
  });
});

describe('a call under the import purpose waits for the import timeout', () => {
  // A subgraph that answers after 400 ms, as one loading a registry file would, later.
  const stub = useStubSubgraph((res) => setTimeout(() => answerJson(res, { data: { ok: true } }), 400));

  it.each([
    { purpose: 'reference:import', answered: true },
    { purpose: 'eligibility:check', answered: false },
  ])('$purpose: answered $answered', async ({ purpose, answered }) => {
    const source = new SubgraphDataSource({
      ...dataSourceOptions('providers', stub.url()),
      timeoutMs: 100,
      importTimeoutMs: 5_000,
      connections: 1,
      tls: null,
    });
    const answer = await source.process(call('{ ok }', {}, { caller: { ...CALLER, purposes: [purpose] }, requestId: 'r-4' }));
    await source.close();
    expect(answer.data).toEqual(answered ? { ok: true } : undefined);
    expect(answer.errors?.[0]?.extensions?.code).toBe(answered ? undefined : 'SUBGRAPH_UNAVAILABLE');
  });
});

describe('the gateway reaches a subgraph over mutual TLS', () => {
  let certificates: TestCertificates;
  let subgraph: RunningServer;
  beforeAll(async () => {
    certificates = makeTestCertificates();
    subgraph = await startEchoSubgraph(
      readSubgraphConfig(
        'providers',
        {
          NODE_ENV: 'test',
          GATEWAY_CONTEXT_PUBLIC_KEYS: `gw1:${key.publicKey}`,
          TLS_CERT_FILE: certificates.server.cert,
          TLS_KEY_FILE: certificates.server.key,
          TLS_CLIENT_CA_FILE: certificates.ca,
        },
        { port: 0 },
      ),
    );
  });
  afterAll(async () => {
    await subgraph?.close();
    certificates?.remove();
  });

  const gatewayConfig = (tls: Record<string, string>) => loadGatewayConfig({ ...env, ...tls });

  it('with its client certificate: the call is answered, and the subgraph is ready', async () => {
    const config = gatewayConfig({
      SUBGRAPH_TLS_CA_FILE: certificates.ca,
      SUBGRAPH_TLS_CERT_FILE: certificates.client.cert,
      SUBGRAPH_TLS_KEY_FILE: certificates.client.key,
    });
    const source = dataSource('providers', `${subgraph.url}/graphql`, config);
    const answer = await source.process(call(WHO_AM_I));
    await source.close();
    expect(answer).toEqual({ data: { whoAmI: { clientId: 'hopital-zzp00004', purposes: ['eligibility:check'] } } });
    const readiness = new SubgraphReadiness(() => ({ providers: `${subgraph.url}/graphql` }), config.subgraphTls);
    expect(await readiness.check()).toEqual({ providers: true });
  });

  it.each<[string, (c: TestCertificates) => Record<string, string>]>([
    ['without a client certificate', (c) => ({ SUBGRAPH_TLS_CA_FILE: c.ca })],
    [
      'with a client certificate of another CA',
      (c) => ({ SUBGRAPH_TLS_CA_FILE: c.ca, SUBGRAPH_TLS_CERT_FILE: c.otherClient.cert, SUBGRAPH_TLS_KEY_FILE: c.otherClient.key }),
    ],
  ])('%s: refused, the subgraph is unavailable to it', async (_case, files) => {
    const config = gatewayConfig(files(certificates));
    const source = dataSource('providers', `${subgraph.url}/graphql`, config);
    const answer = await source.process(call(WHO_AM_I));
    await source.close();
    expect(answer.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(answer.data).toBeUndefined();
    const readiness = new SubgraphReadiness(() => ({ providers: `${subgraph.url}/graphql` }), config.subgraphTls);
    expect(await readiness.check()).toEqual({ providers: false });
  });
});

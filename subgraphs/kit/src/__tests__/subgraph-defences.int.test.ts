import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoSubgraph, WHO_AM_I } from '../../../../test/support/echo-subgraph';
import { makeTestCertificates, type TestCertificates } from '../../../../test/support/test-certificates';
// The HTTP face as the subgraphs get it: the built kit, which the echo subgraph serves.
import {
  contextSigner,
  generateContextKeyPair,
  readSubgraphConfig,
  SIGNED_CONTEXT_HEADER,
  type Caller,
  type RunningServer,
} from '@cmb/kit';

const CALLER: Caller = {
  clientId: 'cabinet-zzp00001',
  org: 'ZZP00001',
  orgKind: 'PROFESSIONAL',
  purposes: ['eligibility:check'],
  tokenId: null,
  userId: null,
  requestId: 'r-1',
};
const gateway = generateContextKeyPair();
const signer = contextSigner({ keyId: 'g1', privateKey: gateway.privateKey, ttlSeconds: 10 });
const BODY = JSON.stringify({ query: WHO_AM_I });

interface Answer {
  status: number;
  cacheControl: string | undefined;
  body: { data?: { whoAmI?: { clientId: string } }; errors?: { extensions?: { code?: string; reason?: string } }[] };
}

function post(url: string, body: string, headers: Record<string, string>, method = 'POST', tls: object = {}): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method, headers: { 'content-type': 'application/json', ...headers }, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          cacheControl: res.headers['cache-control'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
        }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

const reasonOf = (answer: Answer) => ({ status: answer.status, ...answer.body.errors?.[0]?.extensions });

describe('a subgraph trusts only a context the gateway signed for it and for this body', () => {
  let subgraph: RunningServer;
  let url: string;
  beforeAll(async () => {
    const config = readSubgraphConfig(
      'beneficiaries',
      { NODE_ENV: 'test', GATEWAY_CONTEXT_PUBLIC_KEYS: `g1:${gateway.publicKey}` },
      { port: 0 },
    );
    subgraph = await startEchoSubgraph(config);
    url = `${subgraph.url}/graphql`;
  });
  afterAll(() => subgraph.close());

  it('answers the caller the gateway signed for, never to be cached', async () => {
    const answer = await post(url, BODY, { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', BODY) });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAmI?.clientId).toBe('cabinet-zzp00001');
    expect(answer.cacheControl).toBe('no-store');
  });

  it.each([
    ['without a context', () => ({}), 'GATEWAY_CONTEXT_MISSING'],
    [
      'with a context signed for another subgraph',
      () => ({ [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'providers', BODY) }),
      'GATEWAY_CONTEXT_WRONG_SUBGRAPH',
    ],
    [
      'with a context signed for another body',
      () => ({ [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', JSON.stringify({ query: '{ __typename }' })) }),
      'GATEWAY_CONTEXT_BODY_MISMATCH',
    ],
    [
      'with an expired context',
      () => ({ [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', BODY, Date.now() - 60_000) }),
      'GATEWAY_CONTEXT_EXPIRED',
    ],
    [
      'with a context signed by another key',
      () => ({
        [SIGNED_CONTEXT_HEADER]: contextSigner({ keyId: 'g1', privateKey: generateContextKeyPair().privateKey, ttlSeconds: 10 }).sign(
          CALLER,
          'beneficiaries',
          BODY,
        ),
      }),
      'GATEWAY_CONTEXT_INVALID',
    ],
  ])('refuses a call %s: 401 UNAUTHENTICATED with the reason', async (_case, headers, reason) => {
    const answer = await post(url, BODY, headers());
    expect(reasonOf(answer)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason });
    expect(answer.body.data).toBeUndefined();
  });

  it('takes a context once: the same context and body sent again within the expiry is refused', async () => {
    const header = signer.sign(CALLER, 'beneficiaries', BODY);
    const first = await post(url, BODY, { [SIGNED_CONTEXT_HEADER]: header });
    expect(first.status).toBe(200);
    const again = await post(url, BODY, { [SIGNED_CONTEXT_HEADER]: header });
    expect(reasonOf(again)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'GATEWAY_CONTEXT_REPLAYED' });
    expect(again.body.data).toBeUndefined();
  });

  it('refuses GraphQL over GET, whose operation no body hash covers', async () => {
    const search = `?query=${encodeURIComponent(WHO_AM_I)}`;
    const answer = await post(`${url}${search}`, '', { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', '') }, 'GET');
    expect(reasonOf(answer)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', reason: 'SUBGRAPH_POST_ONLY' });
  });
});

describe('a subgraph reads no body before the signed context holds, and sizes it by the signed purposes', () => {
  const ORDINARY = 64 * 1024;
  const LARGE = 1024 * 1024;
  let subgraph: RunningServer;
  let url: URL;
  beforeAll(async () => {
    const config = readSubgraphConfig(
      'providers',
      { NODE_ENV: 'test', GATEWAY_CONTEXT_PUBLIC_KEYS: `g1:${gateway.publicKey}` },
      { port: 0 },
    );
    subgraph = await startEchoSubgraph(config, {
      maxBodyBytes: ORDINARY,
      largeBodies: { purposes: ['reference:import'], maxBodyBytes: LARGE },
    });
    url = new URL(`${subgraph.url}/graphql`);
  });
  afterAll(() => subgraph.close());

  /** A body of about `size` bytes whose operation is the echo query. */
  const paddedBody = (size: number) => JSON.stringify({ query: WHO_AM_I, extensions: { padding: 'x'.repeat(size) } });

  it('answers an unsigned call at once, while its announced body is still arriving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('no answer before the body was complete: the subgraph waited to read it'));
      }, 5_000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => undefined);
      req.write('{"query":"');
    });
    expect(status).toBe(401);
  });

  it('holds a caller without a large-body purpose to the ordinary limit', async () => {
    const body = paddedBody(ORDINARY * 2);
    const answer = await post(url.href, body, { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'providers', body) });
    expect(reasonOf(answer)).toMatchObject({ status: 413, reason: 'REQUEST_TOO_LARGE' });
  });

  it('reads the larger body of a caller signed with a large-body purpose, and no more than its limit', async () => {
    const importer: Caller = { ...CALLER, clientId: 'anam-registry', org: 'ANAM', orgKind: 'REGULATOR', purposes: ['reference:import'] };
    const body = paddedBody(ORDINARY * 2);
    const answer = await post(url.href, body, { [SIGNED_CONTEXT_HEADER]: signer.sign(importer, 'providers', body) });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAmI?.clientId).toBe('anam-registry');
    const tooLarge = paddedBody(LARGE * 2);
    const refused = await post(url.href, tooLarge, { [SIGNED_CONTEXT_HEADER]: signer.sign(importer, 'providers', tooLarge) });
    expect(reasonOf(refused)).toMatchObject({ status: 413, reason: 'REQUEST_TOO_LARGE' });
  });
});

describe('a subgraph over mutual TLS', () => {
  let certificates: TestCertificates;
  let subgraph: Awaited<ReturnType<typeof startEchoSubgraph>>;
  beforeAll(async () => {
    certificates = makeTestCertificates();
    const config = readSubgraphConfig(
      'providers',
      {
        NODE_ENV: 'test',
        GATEWAY_CONTEXT_PUBLIC_KEYS: `g1:${gateway.publicKey}`,
        TLS_CERT_FILE: certificates.server.cert,
        TLS_KEY_FILE: certificates.server.key,
        TLS_CLIENT_CA_FILE: certificates.ca,
      },
      { port: 0 },
    );
    subgraph = await startEchoSubgraph(config);
  });
  afterAll(async () => {
    await subgraph?.close();
    certificates?.remove();
  });

  const material = (files: { cert: string; key: string } | null, ca: string) => ({
    ca: readFileSync(ca),
    ...(files && { cert: readFileSync(files.cert), key: readFileSync(files.key) }),
  });

  /**
   * Opens a TLS connection, asks for /healthz, and reports how it ends: `answered`, the
   * TLS alert's error code, or `closed unanswered`. With TLS 1.3 the client learns of a
   * refused certificate only after its own side of the handshake: from the server's
   * alert (no certificate), or from the server closing the connection (a certificate of
   * an untrusted CA, which Node's server checks once the handshake is done).
   */
  const handshake = (tls: object): Promise<string> =>
    new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: subgraph.port, servername: 'localhost', ...tls });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      socket.on('secureConnect', () => socket.write('GET /healthz HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n'));
      socket.on('data', () => resolve('answered'));
      socket.on('close', () => resolve('closed unanswered'));
    });

  it('serves https at the URL it reports', () => {
    expect(subgraph.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a client whose certificate the trusted CA signed', async () => {
    const answer = await post(
      `${subgraph.url}/graphql`,
      BODY,
      { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'providers', BODY) },
      'POST',
      material(certificates.client, certificates.ca),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAmI?.clientId).toBe('cabinet-zzp00001');
  });

  it('checks the handshake helper: a client with the right certificate is answered', async () => {
    expect(await handshake(material(certificates.client, certificates.ca))).toBe('answered');
  });

  it('refuses at the handshake a client without a certificate', async () => {
    const [requests, refused] = [subgraph.requests(), subgraph.refusedHandshakes()];
    expect(await handshake(material(null, certificates.ca))).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
    expect(subgraph.requests()).toBe(requests);
    expect(subgraph.refusedHandshakes()).toBe(refused + 1);
  });

  it('refuses at the handshake a client whose certificate another CA signed', async () => {
    const [requests, refused] = [subgraph.requests(), subgraph.refusedHandshakes()];
    expect(await handshake(material(certificates.otherClient, certificates.ca))).toBe('closed unanswered');
    expect(subgraph.requests()).toBe(requests);
    expect(subgraph.refusedHandshakes()).toBe(refused + 1);
  });

  it('answers nothing over plain HTTP', async () => {
    await expect(post(`http://127.0.0.1:${subgraph.port}/graphql`, BODY, {})).rejects.toThrow();
  });
});

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoSubgraph, WHO_AM_I } from '../../../../test/support/echo-subgraph';
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
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'] }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

describe('a subgraph trusts only a context the gateway signed for it and for this body', () => {
  let subgraph: RunningServer;
  let url: string;
  beforeAll(async () => {
    const config = readSubgraphConfig('beneficiaries', { GATEWAY_CONTEXT_PUBLIC_KEYS: `g1:${gateway.publicKey}` }, { port: 0 });
    subgraph = await startEchoSubgraph(config);
    url = `${subgraph.url}/graphql`;
  });
  afterAll(() => subgraph.close());

  const reasonOf = (answer: Answer) => ({ status: answer.status, ...answer.body.errors?.[0]?.extensions });

  it('answers the caller the gateway signed for', async () => {
    const answer = await post(url, BODY, { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', BODY) });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.whoAmI?.clientId).toBe('cabinet-zzp00001');
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

  it('refuses GraphQL over GET, whose operation no body hash covers', async () => {
    const search = `?query=${encodeURIComponent(WHO_AM_I)}`;
    const answer = await post(`${url}${search}`, '', { [SIGNED_CONTEXT_HEADER]: signer.sign(CALLER, 'beneficiaries', '') }, 'GET');
    expect(reasonOf(answer)).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', reason: 'SUBGRAPH_POST_ONLY' });
  });
});

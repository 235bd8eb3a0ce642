import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ContextPublicKeys,
  contextSigner,
  DEVELOPMENT_CONTEXT_KEY,
  generateContextKeyPair,
  verifyCallerContext,
  type Caller,
} from '../index';

const CALLER: Caller = {
  clientId: 'hopital-zzp00004',
  org: 'ZZP00004',
  orgKind: 'ESTABLISHMENT',
  purposes: ['eligibility:check'],
  tokenId: 'token-1',
  userId: null,
  requestId: 'request-1',
};
const BODY = JSON.stringify({ query: 'query ($i: EligibilityInput!) { eligibility(input: $i) { id } }', variables: { i: { x: 1 } } });
const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);
const current = generateContextKeyPair();
const next = generateContextKeyPair();
const keys = new ContextPublicKeys().add('k1', current.publicKey);
const signer = contextSigner({ keyId: 'k1', privateKey: current.privateKey, ttlSeconds: 10 });

const verify = (header: string | undefined, changes: Partial<Parameters<typeof verifyCallerContext>[1]> = {}) =>
  verifyCallerContext(header, { keys, subgraph: 'beneficiaries', body: BODY, clockSkewSeconds: 5, now: NOW, ...changes });

const segments = (header: string) =>
  header.split('.').map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);

describe('the signed caller context', () => {
  it('carries the caller to the subgraph it was signed for, with this body', () => {
    expect(verify(signer.sign(CALLER, 'beneficiaries', BODY, NOW))).toEqual({ caller: CALLER });
  });

  it('is a JWS (ES256) naming its key id, bound to the subgraph, the body hash and a short expiry', () => {
    const header = signer.sign(CALLER, 'beneficiaries', BODY, NOW);
    const [protectedHeader, payload] = segments(header.split('.').slice(0, 2).join('.'));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: 'k1', typ: 'cmb-context' });
    expect(payload).toMatchObject({ aud: 'beneficiaries', iat: NOW / 1000, exp: NOW / 1000 + 10, caller: CALLER });
    expect((payload as { bh: string }).bh).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a context signed for another subgraph', () => {
    expect(verify(signer.sign(CALLER, 'providers', BODY, NOW))).toEqual({ refused: 'GATEWAY_CONTEXT_WRONG_SUBGRAPH' });
  });

  it('refuses a context replayed with another body', () => {
    const header = signer.sign(CALLER, 'beneficiaries', BODY, NOW);
    expect(verify(header, { body: BODY.replace('{ id }', '{ id coverage { memberNumber } }') })).toEqual({
      refused: 'GATEWAY_CONTEXT_BODY_MISMATCH',
    });
    expect(verify(header, { body: '' })).toEqual({ refused: 'GATEWAY_CONTEXT_BODY_MISMATCH' });
  });

  it.each([
    ['just before its expiry', 10_000, { caller: CALLER }],
    ['within the clock skew after its expiry', 15_000, { caller: CALLER }],
    ['past its expiry and the skew', 15_001, { refused: 'GATEWAY_CONTEXT_EXPIRED' }],
    ['signed within the skew in the future', -5_000, { caller: CALLER }],
    ['signed further in the future than the skew', -6_000, { refused: 'GATEWAY_CONTEXT_EXPIRED' }],
  ])('when received %s', (_case, age, verdict) => {
    const header = signer.sign(CALLER, 'beneficiaries', BODY, NOW);
    expect(verify(header, { now: NOW + age })).toEqual(verdict);
  });

  it('expires after the lifetime the signer is configured with', () => {
    const short = contextSigner({ keyId: 'k1', privateKey: current.privateKey, ttlSeconds: 2 });
    const header = short.sign(CALLER, 'beneficiaries', BODY, NOW);
    expect(verify(header, { now: NOW + 2_000, clockSkewSeconds: 0 })).toEqual({ caller: CALLER });
    expect(verify(header, { now: NOW + 3_000, clockSkewSeconds: 0 })).toEqual({ refused: 'GATEWAY_CONTEXT_EXPIRED' });
  });

  it('is missing without a header', () => {
    expect(verify(undefined)).toEqual({ refused: 'GATEWAY_CONTEXT_MISSING' });
    expect(verify('')).toEqual({ refused: 'GATEWAY_CONTEXT_MISSING' });
  });

  it.each([
    ['signed by a key nobody trusts', () => contextSigner({ keyId: 'k2', privateKey: next.privateKey, ttlSeconds: 10 })],
    ['signed by another key under a trusted key id', () => contextSigner({ keyId: 'k1', privateKey: next.privateKey, ttlSeconds: 10 })],
    [
      'signed by the development key',
      () => contextSigner({ keyId: DEVELOPMENT_CONTEXT_KEY.keyId, privateKey: DEVELOPMENT_CONTEXT_KEY.privateKey, ttlSeconds: 10 }),
    ],
  ])('refuses a context %s', (_case, make) => {
    expect(verify(make().sign(CALLER, 'beneficiaries', BODY, NOW))).toEqual({ refused: 'GATEWAY_CONTEXT_INVALID' });
  });

  it('refuses a context whose payload was changed after signing', () => {
    const [head, , signature] = signer.sign(CALLER, 'beneficiaries', BODY, NOW).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        aud: 'beneficiaries',
        bh: '',
        iat: NOW / 1000,
        exp: NOW / 1000 + 10,
        caller: { ...CALLER, purposes: ['audit:read'] },
      }),
    ).toString('base64url');
    expect(verify(`${head}.${forged}.${signature}`)).toEqual({ refused: 'GATEWAY_CONTEXT_INVALID' });
  });

  it.each([
    ['garbage', 'not a context'],
    ['two segments', 'a.b'],
    ['an unsigned JWS', `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`],
    [
      'the former shared-secret format',
      (() => {
        const body = Buffer.from(JSON.stringify({ v: 1, c: CALLER, t: NOW })).toString('base64url');
        return `${body}.${createHmac('sha256', 'development-only-gateway-context-secret-0001').update(body).digest('base64url')}`;
      })(),
    ],
  ])('refuses %s', (_case, header) => {
    expect(verify(header)).toEqual({ refused: 'GATEWAY_CONTEXT_INVALID' });
  });

  it('lets subgraphs trust several public keys during a rotation', () => {
    const rotating = new ContextPublicKeys().add('k1', current.publicKey).add('k2', next.publicKey);
    const signedBefore = signer.sign(CALLER, 'beneficiaries', BODY, NOW);
    const signedAfter = contextSigner({ keyId: 'k2', privateKey: next.privateKey, ttlSeconds: 10 }).sign(
      CALLER,
      'beneficiaries',
      BODY,
      NOW,
    );
    expect(verify(signedBefore, { keys: rotating })).toEqual({ caller: CALLER });
    expect(verify(signedAfter, { keys: rotating })).toEqual({ caller: CALLER });
    const retired = new ContextPublicKeys().add('k2', next.publicKey);
    expect(verify(signedBefore, { keys: retired })).toEqual({ refused: 'GATEWAY_CONTEXT_INVALID' });
  });

  it('signs each call apart: two bodies, two signatures', () => {
    const first = signer.sign(CALLER, 'beneficiaries', BODY, NOW);
    const second = signer.sign(CALLER, 'beneficiaries', `${BODY} `, NOW);
    expect(first).not.toBe(second);
    expect(verify(second, { body: `${BODY} ` })).toEqual({ caller: CALLER });
  });
});

describe('context public keys', () => {
  it('reads `kid:key,...` and a JSON object of key id to key', () => {
    expect(ContextPublicKeys.parseList(`k1:${current.publicKey}, k2:${next.publicKey}`).keyIds).toEqual(['k1', 'k2']);
    expect(ContextPublicKeys.parseJson(JSON.stringify({ k1: current.publicKey })).keyIds).toEqual(['k1']);
  });

  it('reads a PEM public key too', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${current.publicKey.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END PUBLIC KEY-----\n`;
    const fromPem = ContextPublicKeys.parseJson(JSON.stringify({ k1: pem }));
    expect(verify(signer.sign(CALLER, 'beneficiaries', BODY, NOW), { keys: fromPem })).toEqual({ caller: CALLER });
  });

  it.each([
    ['an entry without a key id', `${current.publicKey}`, /kid:key/],
    ['a malformed key id', `k 1:${current.publicKey}`, /key id/],
    ['a key that is not a public key', 'k1:bm90IGEga2V5', /k1/],
    ['a key of another algorithm', `k1:${'MCowBQYDK2VwAyEA' + Buffer.alloc(32, 7).toString('base64')}`, /P-256/],
    ['the same key id twice', `k1:${current.publicKey},k1:${next.publicKey}`, /k1/],
  ])('refuses %s, naming it', (_case, list, message) => {
    expect(() => ContextPublicKeys.parseList(list)).toThrowError(message);
  });

  it('tells whether the development key is among them', () => {
    expect(new ContextPublicKeys().add('k1', current.publicKey).trustsDevelopmentKey()).toBe(false);
    expect(new ContextPublicKeys().add('any', DEVELOPMENT_CONTEXT_KEY.publicKey).trustsDevelopmentKey()).toBe(true);
  });
});

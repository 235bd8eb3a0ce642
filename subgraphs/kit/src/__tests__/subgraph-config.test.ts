import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_CONTEXT_KEY, generateContextKeyPair, readSubgraphConfig, runsInProduction } from '../index';

const dir = mkdtempSync(join(tmpdir(), 'cmb-kit-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const current = generateContextKeyPair();
const next = generateContextKeyPair();
/** The configuration read under NODE_ENV=test unless the environment says otherwise. */
const read = (env: Record<string, string | undefined>) => readSubgraphConfig('providers', { NODE_ENV: 'test', ...env }, { port: 4102 });

describe('production is the default', () => {
  it.each([
    [undefined, true],
    ['production', true],
    ['staging', true],
    ['', true],
    ['development', false],
    ['test', false],
  ])('NODE_ENV %s runs as production: %s', (nodeEnv, production) => {
    expect(runsInProduction(nodeEnv)).toBe(production);
  });

  it('refuses to start a subgraph without the gateway public keys when NODE_ENV is unset', () => {
    expect(() => readSubgraphConfig('providers', {}, { port: 4102 })).toThrowError(/GATEWAY_CONTEXT_PUBLIC_KEYS must be set in production/);
  });

  it('refuses the development key set explicitly in production', () => {
    expect(() =>
      readSubgraphConfig(
        'providers',
        { NODE_ENV: 'production', GATEWAY_CONTEXT_PUBLIC_KEYS: `dev:${DEVELOPMENT_CONTEXT_KEY.publicKey}` },
        { port: 4102 },
      ),
    ).toThrowError(/development context key is refused/);
  });

  it('takes the development key in development', () => {
    const config = readSubgraphConfig('providers', { NODE_ENV: 'development' }, { port: 4102 });
    expect(config.production).toBe(false);
    expect(config.gatewayContext.publicKeys.trustsDevelopmentKey()).toBe(true);
  });
});

describe('the gateway context a subgraph trusts', () => {
  it('trusts the development key outside production, with a few seconds of clock skew', () => {
    const config = read({});
    expect(config.gatewayContext.publicKeys.keyIds).toEqual([DEVELOPMENT_CONTEXT_KEY.keyId]);
    expect(config.gatewayContext.publicKeys.trustsDevelopmentKey()).toBe(true);
    expect(config.gatewayContext.clockSkewSeconds).toBe(5);
  });

  it('reads the public keys as `kid:key,...` or from a JSON file', () => {
    expect(read({ GATEWAY_CONTEXT_PUBLIC_KEYS: `k1:${current.publicKey},k2:${next.publicKey}` }).gatewayContext.publicKeys.keyIds).toEqual([
      'k1',
      'k2',
    ]);
    const file = join(dir, 'context-keys.json');
    writeFileSync(file, JSON.stringify({ k2: next.publicKey }));
    expect(read({ GATEWAY_CONTEXT_PUBLIC_KEYS_FILE: file }).gatewayContext.publicKeys.keyIds).toEqual(['k2']);
    expect(read({ GATEWAY_CONTEXT_CLOCK_SKEW_SECONDS: '2' }).gatewayContext.clockSkewSeconds).toBe(2);
  });

  describe('in production', () => {
    const production = { NODE_ENV: 'production', GATEWAY_CONTEXT_PUBLIC_KEYS: `k1:${current.publicKey}` };

    it('starts with the gateway public keys it is given', () => {
      expect(read(production).gatewayContext.publicKeys.keyIds).toEqual(['k1']);
    });

    it.each([
      [{ GATEWAY_CONTEXT_PUBLIC_KEYS: undefined }, /GATEWAY_CONTEXT_PUBLIC_KEYS must be set in production/],
      [{ GATEWAY_CONTEXT_PUBLIC_KEYS: `dev:${DEVELOPMENT_CONTEXT_KEY.publicKey}` }, /development context key is refused/],
      [
        { GATEWAY_CONTEXT_PUBLIC_KEYS: `k1:${current.publicKey},old:${DEVELOPMENT_CONTEXT_KEY.publicKey}` },
        /development context key is refused/,
      ],
      [
        { GATEWAY_CONTEXT_PUBLIC_KEYS: undefined, GATEWAY_CONTEXT_PUBLIC_KEYS_FILE: '/nonexistent/keys.json' },
        /GATEWAY_CONTEXT_PUBLIC_KEYS_FILE/,
      ],
      [{ GATEWAY_CONTEXT_PUBLIC_KEYS_FILE: '/nonexistent/keys.json' }, /not both/],
      [{ GATEWAY_CONTEXT_PUBLIC_KEYS: 'k1:not-a-key' }, /GATEWAY_CONTEXT_PUBLIC_KEYS/],
      [{ GATEWAY_CONTEXT_CLOCK_SKEW_SECONDS: '600' }, /GATEWAY_CONTEXT_CLOCK_SKEW_SECONDS/],
    ])('refuses %o', (change, message) => {
      expect(() => read({ ...production, ...change })).toThrowError(message);
    });
  });
});

describe('TLS of a subgraph', () => {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const ca = join(dir, 'ca.pem');
  writeFileSync(cert, 'CERT');
  writeFileSync(key, 'KEY');
  writeFileSync(ca, 'CA');

  it('is off by default (plain HTTP)', () => {
    expect(read({}).tls).toBeNull();
  });

  it('reads its certificate, key and the CA of the clients it accepts', () => {
    const { tls } = read({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key, TLS_CLIENT_CA_FILE: ca });
    expect(tls).toEqual({ cert: Buffer.from('CERT'), key: Buffer.from('KEY'), clientCa: Buffer.from('CA') });
  });

  it.each([
    [{ TLS_CERT_FILE: cert }, /TLS_CERT_FILE and TLS_KEY_FILE together/],
    [{ TLS_KEY_FILE: key }, /TLS_CERT_FILE and TLS_KEY_FILE together/],
    [{ TLS_CLIENT_CA_FILE: ca }, /TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE/],
    [{ TLS_CERT_FILE: cert, TLS_KEY_FILE: join(dir, 'missing.pem') }, /TLS_KEY_FILE/],
  ])('refuses %o', (env, message) => {
    expect(() => read(env)).toThrowError(message);
  });
});

describe('the body limit (MAX_BODY_BYTES)', () => {
  it.each([
    { env: {}, defaults: undefined, expected: 4 * 1024 * 1024, why: '4 MiB for a subgraph that loads no files' },
    { env: {}, defaults: 65 * 1024 * 1024, expected: 65 * 1024 * 1024, why: "the subgraph's own default" },
    { env: { MAX_BODY_BYTES: '2048' }, defaults: 65 * 1024 * 1024, expected: 2048, why: 'the variable over the default' },
  ])('$why', ({ env, defaults, expected }) => {
    const config = readSubgraphConfig('providers', { NODE_ENV: 'test', ...env }, { port: 4102, maxBodyBytes: defaults });
    expect(config.maxBodyBytes).toBe(expected);
  });

  it.each(['10', String(301 * 1024 * 1024), 'lots'])('refuses MAX_BODY_BYTES=%s', (value) => {
    expect(() => read({ MAX_BODY_BYTES: value })).toThrowError(/MAX_BODY_BYTES/);
  });
});

import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_KEYS, developmentSigningKey, generateSigningKeyPair } from '@cmb/audit-store';
import { loadGatewayConfig } from '../config';

describe('gateway configuration', () => {
  it('has working defaults in development', () => {
    const config = loadGatewayConfig({ NODE_ENV: 'development' });
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      subgraphTimeoutMs: 2000,
      degradableSubgraphs: ['providers', 'care-pathways'],
      production: false,
    });
    expect(config.subgraphUrls).toEqual({});
  });

  it('reads per-subgraph routes and timeouts by name', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'development',
      SUBGRAPH_CARE_PATHWAYS_URL: 'http://10.0.0.1:4104/graphql',
      SUBGRAPH_PROVIDERS_TIMEOUT_MS: '500',
      SUBGRAPH_TIMEOUT_MS: '1500',
    });
    expect(config.subgraphUrls).toEqual({ 'care-pathways': 'http://10.0.0.1:4104/graphql' });
    expect(config.subgraphTimeoutsMs).toEqual({ providers: 500 });
    expect(config.subgraphTimeoutMs).toBe(1500);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ SUBGRAPH_PROVIDERS_URL: 'ftp://x' }, /SUBGRAPH_PROVIDERS_URL/],
    [{ SUBGRAPH_PROVIDERS_TIMEOUT_MS: '5' }, /SUBGRAPH_PROVIDERS_TIMEOUT_MS/],
    [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrowError(message);
  });

  it.each([undefined, 'staging', 'prod', 'Production'])('behaves as production with NODE_ENV %s', (nodeEnv) => {
    expect(() => loadGatewayConfig({ NODE_ENV: nodeEnv })).toThrowError(/in production/);
  });

  describe('audit keys in production', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://idp.example.test/realms/cmb',
      GATEWAY_CONTEXT_SECRET: 'a-production-context-secret-of-32-characters',
      AUDIT_PSEUDONYM_KEYS: 'p1:a-production-pseudonym-secret-of-32-chars',
      AUDIT_SIGNING_KEY: generateSigningKeyPair().privateKey,
      AUDIT_SIGNING_KEY_ID: 'k1',
      AUDIT_WITNESS_DATABASE_URL: 'postgres://cmb_gateway_audit@witness-host/cmb_audit_witness',
    };

    it('starts with its own keys', () => {
      expect(loadGatewayConfig(production).audit.keyring.currentVersion).toBe('p1');
    });

    it.each([
      [{ AUDIT_PSEUDONYM_KEYS: undefined }, /AUDIT_PSEUDONYM_KEYS must be set/],
      [{ AUDIT_SIGNING_KEY: undefined, AUDIT_SIGNING_KEY_ID: undefined }, /AUDIT_SIGNING_KEY must be set/],
      [{ AUDIT_SIGNING_KEY: DEVELOPMENT_KEYS.signingKey }, /development audit keys are refused/],
      [{ AUDIT_PSEUDONYM_KEYS: `p2:${DEVELOPMENT_KEYS.pseudonymKeys.split(':')[1]}` }, /development audit keys are refused/],
      [{ AUDIT_SIGNING_KEY: developmentSigningKey('any passphrase').slice(0, 20) }, /AUDIT_SIGNING_KEY/],
      [{ AUDIT_SIGNING_KEY_ID: undefined }, /AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY_ID together/],
      [{ AUDIT_MODE: 'off' }, /AUDIT_MODE=off is refused/],
      [{ AUDIT_WITNESS_DATABASE_URL: undefined }, /AUDIT_WITNESS_DATABASE_URL must be set in production/],
      [{ AUTH_MODE: 'off' }, /AUTH_MODE=off is refused in production/],
      [{ AUTH_ISSUER: undefined }, /AUTH_ISSUER must name the realm/],
      [{ AUTH_ISSUER: 'http://127.0.0.1:4010/realms/cmb' }, /AUTH_ISSUER must name the realm/],
      [
        { GATEWAY_CONTEXT_SECRET: 'development-only-gateway-context-secret-0001' },
        /GATEWAY_CONTEXT_SECRET must be set in production, and not to the development secret/,
      ],
    ])('refuses %o', (change, message) => {
      expect(() => loadGatewayConfig({ ...production, ...change })).toThrowError(message);
    });
  });

  describe('the audit writer id on PostgreSQL', () => {
    const store = { NODE_ENV: 'development', AUDIT_DATABASE_URL: 'postgres://cmb_gateway_audit:secret@db/cmb_audit', PORT: '4000' };

    it("is bound to the store's login by default: <login>:<hostname>:<port>", () => {
      expect(loadGatewayConfig(store).audit.writerId).toMatch(/^cmb_gateway_audit:.+:4000$/);
      expect(loadGatewayConfig({ NODE_ENV: 'development', PORT: '4000' }).audit.writerId).toMatch(/^[^:]+:4000$/);
    });

    it("keeps a writer id bound to the login, and refuses another login's at start", () => {
      expect(loadGatewayConfig({ ...store, AUDIT_WRITER_ID: 'cmb_gateway_audit:gw-1' }).audit.writerId).toBe('cmb_gateway_audit:gw-1');
      expect(loadGatewayConfig({ ...store, AUDIT_WRITER_ID: 'cmb_gateway_audit' }).audit.writerId).toBe('cmb_gateway_audit');
      expect(() => loadGatewayConfig({ ...store, AUDIT_WRITER_ID: 'gw-1' })).toThrowError(
        /AUDIT_WRITER_ID must be "cmb_gateway_audit" or start with "cmb_gateway_audit:"/,
      );
    });
  });
});

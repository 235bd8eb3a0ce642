import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_KEYS, developmentSigningKey, generateSigningKeyPair } from '@cmb/audit-store';
import { ContextPublicKeys, DEVELOPMENT_CONTEXT_KEY, generateContextKeyPair, verifyCallerContext, type Caller } from '@cmb/kit';
import { loadGatewayConfig } from '../config';

const contextKey = generateContextKeyPair();
const CALLER: Caller = {
  clientId: 'c',
  org: null,
  orgKind: null,
  purposes: ['eligibility:check'],
  tokenId: null,
  userId: null,
  requestId: 'r',
};

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

  it('follows a registry when its database is given, the build-time supergraph alone otherwise', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).registry).toBeNull();
    expect(loadGatewayConfig({ NODE_ENV: 'development', REGISTRY_SQLITE_PATH: 'data/registry.sqlite' }).registry).toEqual({
      database: { sqlitePath: 'data/registry.sqlite' },
      pollMs: 1000,
      usageFlushMs: 10000,
    });
    expect(
      loadGatewayConfig({
        NODE_ENV: 'development',
        REGISTRY_DATABASE_URL: 'postgres://gw@127.0.0.1:5432/cmb_registry',
        SUPERGRAPH_POLL_MS: '500',
        FIELD_USAGE_FLUSH_MS: '2000',
      }).registry,
    ).toEqual({ database: { url: 'postgres://gw@127.0.0.1:5432/cmb_registry' }, pollMs: 500, usageFlushMs: 2000 });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ SUPERGRAPH_POLL_MS: '10' }, /SUPERGRAPH_POLL_MS/],
    [{ REGISTRY_DATABASE_URL: 'postgres://x@h/db', REGISTRY_SQLITE_PATH: 'a.sqlite' }, /REGISTRY_DATABASE_URL or REGISTRY_SQLITE_PATH/],
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
      GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey,
      GATEWAY_CONTEXT_KEY_ID: 'gw1',
      AUDIT_PSEUDONYM_KEYS: 'p1:a-production-pseudonym-secret-of-32-chars',
      AUDIT_SIGNING_KEY: generateSigningKeyPair().privateKey,
      AUDIT_SIGNING_KEY_ID: 'k1',
      AUDIT_WITNESS_DATABASE_URL: 'postgres://cmb_gateway_audit@witness-host/cmb_audit_witness',
    };

    it('starts with its own keys', () => {
      expect(loadGatewayConfig(production).audit.keyring.currentVersion).toBe('p1');
    });

    it('takes an identity provider over https, or over plain http beside the gateway on this machine only', () => {
      expect(loadGatewayConfig({ ...production, AUTH_ISSUER: 'http://127.0.0.1:8080/realms/cmb' }).auth.issuer).toBe(
        'http://127.0.0.1:8080/realms/cmb',
      );
      const jwks = 'https://keycloak.cmb.svc:8443/realms/cmb/protocol/openid-connect/certs';
      expect(loadGatewayConfig({ ...production, AUTH_JWKS_URL: jwks }).auth.jwksUrl).toBe(jwks);
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
      [{ AUTH_ISSUER: 'http://localhost:4010/realms/cmb' }, /AUTH_ISSUER must be a real identity provider, not the development issuer/],
      [{ AUTH_ISSUER: 'http://0.0.0.0:4010/realms/cmb' }, /AUTH_ISSUER must be a real identity provider, not the development issuer/],
      [{ AUTH_ISSUER: 'http://[::1]:4010/realms/cmb' }, /AUTH_ISSUER must be a real identity provider, not the development issuer/],
      [
        { AUTH_ISSUER: 'http://keycloak.cmb.svc:8080/realms/cmb' },
        /AUTH_ISSUER must be an https: URL \(plain http: only to this machine\)/,
      ],
      [{ AUTH_JWKS_URL: 'http://keycloak.cmb.svc:8080/realms/cmb/protocol/openid-connect/certs' }, /AUTH_JWKS_URL must be an https: URL/],
      [{ GATEWAY_CONTEXT_PRIVATE_KEY: DEVELOPMENT_CONTEXT_KEY.privateKey }, /development context key is refused in production/],
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

  describe('the key that signs the caller context', () => {
    const verifies = (header: string, publicKey: string, keyId: string) =>
      verifyCallerContext(header, {
        keys: new ContextPublicKeys().add(keyId, publicKey),
        subgraph: 'providers',
        body: '{}',
        clockSkewSeconds: 0,
      });

    it('is the development key outside production, signing for 10 seconds', () => {
      const { contextSigner } = loadGatewayConfig({ NODE_ENV: 'test' });
      expect(contextSigner.keyId).toBe(DEVELOPMENT_CONTEXT_KEY.keyId);
      expect(contextSigner.ttlSeconds).toBe(10);
      expect(verifies(contextSigner.sign(CALLER, 'providers', '{}'), DEVELOPMENT_CONTEXT_KEY.publicKey, 'dev')).toEqual({ caller: CALLER });
    });

    it('is the private key and key id given, with the lifetime given', () => {
      const { contextSigner } = loadGatewayConfig({
        NODE_ENV: 'test',
        GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey,
        GATEWAY_CONTEXT_KEY_ID: 'gw1',
        GATEWAY_CONTEXT_TTL_SECONDS: '3',
      });
      expect(contextSigner.keyId).toBe('gw1');
      expect(contextSigner.ttlSeconds).toBe(3);
      expect(verifies(contextSigner.sign(CALLER, 'providers', '{}'), contextKey.publicKey, 'gw1')).toEqual({ caller: CALLER });
    });

    it.each([
      [{ GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey }, /GATEWAY_CONTEXT_PRIVATE_KEY and GATEWAY_CONTEXT_KEY_ID together/],
      [{ GATEWAY_CONTEXT_KEY_ID: 'gw1' }, /GATEWAY_CONTEXT_PRIVATE_KEY and GATEWAY_CONTEXT_KEY_ID together/],
      [{ GATEWAY_CONTEXT_PRIVATE_KEY: 'not-a-key', GATEWAY_CONTEXT_KEY_ID: 'gw1' }, /GATEWAY_CONTEXT_PRIVATE_KEY/],
      [{ GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey, GATEWAY_CONTEXT_KEY_ID: 'gw 1' }, /GATEWAY_CONTEXT_KEY_ID/],
      [{ GATEWAY_CONTEXT_TTL_SECONDS: '3600' }, /GATEWAY_CONTEXT_TTL_SECONDS/],
      [{ GATEWAY_CONTEXT_TTL_SECONDS: '0' }, /GATEWAY_CONTEXT_TTL_SECONDS/],
    ])('refuses %o', (env, message) => {
      expect(() => loadGatewayConfig({ NODE_ENV: 'test', ...env })).toThrowError(message);
    });
  });

  describe('context key in production', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://idp.example.test/realms/cmb',
      AUDIT_PSEUDONYM_KEYS: 'p1:a-production-pseudonym-secret-of-32-chars',
      AUDIT_SIGNING_KEY: generateSigningKeyPair().privateKey,
      AUDIT_SIGNING_KEY_ID: 'k1',
      AUDIT_WITNESS_DATABASE_URL: 'postgres://cmb_gateway_audit@witness-host/cmb_audit_witness',
      GATEWAY_CONTEXT_PRIVATE_KEY: contextKey.privateKey,
      GATEWAY_CONTEXT_KEY_ID: 'gw1',
    };

    it.each([
      [
        { GATEWAY_CONTEXT_PRIVATE_KEY: undefined, GATEWAY_CONTEXT_KEY_ID: undefined },
        /GATEWAY_CONTEXT_PRIVATE_KEY must be set in production/,
      ],
      [{ GATEWAY_CONTEXT_PRIVATE_KEY: DEVELOPMENT_CONTEXT_KEY.privateKey }, /development context key is refused/],
    ])('refuses %o', (change, message) => {
      expect(() => loadGatewayConfig({ ...production, ...change })).toThrowError(message);
    });
  });

  describe('HTTPS on the public port', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmb-gateway-server-tls-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, name.toUpperCase());
      return path;
    };

    it('is off by default: plain HTTP', () => {
      expect(loadGatewayConfig({ NODE_ENV: 'test' }).tls).toBeNull();
    });

    it('reads the certificate and the key', () => {
      const config = loadGatewayConfig({ NODE_ENV: 'test', TLS_CERT_FILE: file('tls.crt'), TLS_KEY_FILE: file('tls.key') });
      expect(config.tls).toEqual({ cert: Buffer.from('TLS.CRT'), key: Buffer.from('TLS.KEY') });
    });

    it.each([
      [{ TLS_CERT_FILE: 'x' }, /TLS_CERT_FILE and TLS_KEY_FILE together/],
      [{ TLS_KEY_FILE: 'x' }, /TLS_CERT_FILE and TLS_KEY_FILE together/],
      [{ TLS_CERT_FILE: '/nonexistent/tls.crt', TLS_KEY_FILE: '/nonexistent/tls.key' }, /TLS_CERT_FILE/],
    ])('refuses %o', (env, message) => {
      expect(() => loadGatewayConfig({ NODE_ENV: 'test', ...env })).toThrowError(message);
    });
  });

  describe('TLS to the subgraphs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmb-gateway-tls-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, name.toUpperCase());
      return path;
    };

    it('is off by default', () => {
      expect(loadGatewayConfig({ NODE_ENV: 'test' }).subgraphTls).toBeNull();
    });

    it('reads the CA of the subgraphs, and the client certificate and key', () => {
      const config = loadGatewayConfig({
        NODE_ENV: 'test',
        SUBGRAPH_TLS_CA_FILE: file('ca.pem'),
        SUBGRAPH_TLS_CERT_FILE: file('cert.pem'),
        SUBGRAPH_TLS_KEY_FILE: file('key.pem'),
      });
      expect(config.subgraphTls).toEqual({ ca: Buffer.from('CA.PEM'), cert: Buffer.from('CERT.PEM'), key: Buffer.from('KEY.PEM') });
      expect(loadGatewayConfig({ NODE_ENV: 'test', SUBGRAPH_TLS_CA_FILE: file('ca.pem') }).subgraphTls).toEqual({
        ca: Buffer.from('CA.PEM'),
      });
    });

    it.each([
      [{ SUBGRAPH_TLS_CERT_FILE: 'x' }, /SUBGRAPH_TLS_CERT_FILE and SUBGRAPH_TLS_KEY_FILE together/],
      [{ SUBGRAPH_TLS_CA_FILE: '/nonexistent/ca.pem' }, /SUBGRAPH_TLS_CA_FILE/],
    ])('refuses %o', (env, message) => {
      expect(() => loadGatewayConfig({ NODE_ENV: 'test', ...env })).toThrowError(message);
    });
  });
});

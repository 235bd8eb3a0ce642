import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSigningKeyPair } from '@cmb/audit-store';
import { generateContextKeyPair } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseManifests, type Manifest } from '../../deploy/policy/pod-policy';
import { renderChart, ROOT } from '../support/deploy-commands';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

/** The configuration reader of each component, from its compiled package (`npm test` builds first). */
const LOADERS: Record<string, { file: string; name: string }> = {
  gateway: { file: 'gateway/dist/config.js', name: 'loadGatewayConfig' },
  beneficiaries: { file: 'subgraphs/beneficiaries/dist/config.js', name: 'loadConfig' },
  providers: { file: 'subgraphs/providers/dist/config.js', name: 'loadConfig' },
  medicines: { file: 'subgraphs/medicines/dist/config.js', name: 'loadConfig' },
  'care-pathways': { file: 'subgraphs/care-pathways/dist/config.js', name: 'loadConfig' },
  'medical-records': { file: 'subgraphs/medical-records/dist/config.js', name: 'loadConfig' },
  audit: { file: 'subgraphs/audit/dist/config.js', name: 'loadConfig' },
  registry: { file: 'subgraphs/registry/dist/config.js', name: 'loadConfig' },
};

/** What the image sets for every process (deploy/Dockerfile, runtime stage). */
const IMAGE_ENV = { NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '8080', METRICS_HOST: '0.0.0.0', METRICS_PORT: '9464', HOME: '/tmp' };

type EnvVariable = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };

const tools = inject('deployTools');
let manifests: Manifest[] = [];
let certificates: TestCertificates;
let files: string;
let secrets: Record<string, string>;
const mounted: Record<string, string> = {};

/** Values of the right form for every secret variable the chart reads, as the platform's secret store would hold them. */
function makeSecrets(): Record<string, string> {
  const context = generateContextKeyPair();
  const audit = generateSigningKeyPair();
  const trustedKeys = join(files, 'trusted-keys.json');
  writeFileSync(trustedKeys, JSON.stringify({ k2027: { publicKey: audit.publicKey, writers: ['gw_audit:*'] } }));
  mounted['/etc/cmb/audit-trusted-keys/trusted-keys.json'] = trustedKeys;
  const secret = () => randomBytes(36).toString('base64url');
  const url = (login: string, database: string) =>
    `postgres://${login}:${secret()}@cmb-${database}-db-rw.cmb.svc:5432/cmb_${database.replace(/-/g, '_')}?sslmode=verify-full`;
  return {
    GATEWAY_CONTEXT_KEY_ID: 'gw-2027-01',
    GATEWAY_CONTEXT_PRIVATE_KEY: context.privateKey,
    GATEWAY_CONTEXT_PUBLIC_KEYS: `gw-2027-01:${context.publicKey}`,
    AUDIT_SIGNING_KEY_ID: 'k2027',
    AUDIT_SIGNING_KEY: audit.privateKey,
    AUDIT_PSEUDONYM_KEYS: `v2027:${secret()}`,
    DECISION_ID_KEY: randomBytes(32).toString('base64'),
    CONSENT_CAPABILITY_SECRET: secret(),
    FEDERATION_PROOF_SECRET: secret(),
    RATE_LIMIT_STORE_URL: 'redis://cmb-rate-limits.cmb.svc:6379',
    REGISTRY_DATABASE_URL: url('gw_registry', 'registry'),
    AUDIT_WITNESS_DATABASE_URL: url('gw_audit', 'audit-witness'),
  };
}

/** The environment a container of the rendered Deployment gets: the image's, the chart's values, its secrets, its mounted files. */
function environmentOf(component: string): Record<string, string> {
  const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata?.name === `cmb-${component}`);
  const container = (deployment?.spec as { template: { spec: { containers: { env: EnvVariable[] }[] } } }).template.spec.containers[0];
  const env: Record<string, string> = { ...IMAGE_ENV };
  for (const variable of container?.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    const databaseUrl = `postgres://${component === 'audit' ? 'audit_reader' : component === 'gateway' ? 'gw_audit' : 'app'}:pw@db.cmb.svc:5432/x`;
    const value = ref ? (secrets[ref.key] ?? (ref.key.endsWith('DATABASE_URL') ? databaseUrl : undefined)) : variable.value;
    if (value === undefined) throw new Error(`${component}: no test value for the secret ${variable.name}`);
    env[variable.name] = mounted[value] ?? value;
  }
  return env;
}

beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'cmb-chart-env-'));
  certificates = makeTestCertificates();
  // The files the chart mounts, at their in-container paths, made here.
  Object.assign(mounted, {
    '/etc/cmb/tls/ca.crt': certificates.ca,
    '/etc/cmb/tls/tls.crt': certificates.serverAndClient.cert,
    '/etc/cmb/tls/tls.key': certificates.serverAndClient.key,
    '/etc/cmb/server-tls/tls.crt': certificates.server.cert,
    '/etc/cmb/server-tls/tls.key': certificates.server.key,
  });
  secrets = makeSecrets();
  manifests = parseManifests(renderChart(tools.helm, { valuesFiles: ['values-production.yaml'] }));
  const realm = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata?.name === 'cmb-realm') as
    { data: Record<string, string> } | undefined;
  const realmFile = join(files, 'realm', 'cmb-realm.json');
  mkdirSync(dirname(realmFile), { recursive: true });
  writeFileSync(realmFile, realm?.data['cmb-realm.json'] ?? '');
  mounted['/etc/cmb/realm/cmb-realm.json'] = realmFile;
});

afterAll(() => {
  certificates?.remove();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('the production values give each process what its production configuration requires', () => {
  it.each(Object.keys(LOADERS))('%s starts its configuration with the chart’s environment', async (component) => {
    const loader = LOADERS[component]!;
    const module = (await import(join(ROOT, loader.file))) as Record<string, (env: Record<string, string>) => { production: boolean }>;
    const config = module[loader.name]!(environmentOf(component));
    expect(config.production).toBe(true);
  });

  it('the gateway serves HTTPS, calls every subgraph over mutual TLS, and refuses to start without a secret', async () => {
    const { loadGatewayConfig } = (await import(join(ROOT, LOADERS.gateway!.file))) as {
      loadGatewayConfig: (env: Record<string, string>) => {
        tls: { cert: Buffer } | null;
        subgraphTls: { cert?: Buffer } | null;
        subgraphUrls: Record<string, string>;
      };
    };
    const env = environmentOf('gateway');
    const config = loadGatewayConfig(env);
    expect(config.subgraphTls?.cert).toBeDefined();
    expect(config.tls?.cert).toBeDefined();
    expect(Object.values(config.subgraphUrls).every((url) => url.startsWith('https://'))).toBe(true);
    const { AUDIT_SIGNING_KEY: _dropped, ...withoutSigningKey } = env;
    expect(() => loadGatewayConfig(withoutSigningKey)).toThrow(/AUDIT_SIGNING_KEY/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRealm } from '@cmb/auth';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { checkPodPolicy, parseManifests, type Manifest } from '../../deploy/policy/pod-policy';
import { KUBERNETES_VERSIONS } from '../../scripts/lib/deploy-tools.mjs';
import { KEYCLOAK_VERSION } from '../../scripts/lib/keycloak.mjs';
import { CHART, renderChart, ROOT, run, validateManifests } from '../support/deploy-commands';

/**
 * The operators' kinds: kubernetes-validate ships Kubernetes' own schemas
 * only, so these are skipped by the schema check (and checked structurally
 * below); any other skipped kind fails the test.
 */
const OPERATOR_KINDS = [
  'cert-manager.io/v1/Certificate',
  'cert-manager.io/v1/Issuer',
  'k8s.keycloak.org/v2alpha1/Keycloak',
  'k8s.keycloak.org/v2alpha1/KeycloakRealmImport',
  'monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'postgresql.cnpg.io/v1/Cluster',
  'postgresql.cnpg.io/v1/ScheduledBackup',
];

const SUBGRAPHS = ['audit', 'beneficiaries', 'care-pathways', 'medical-records', 'medicines', 'providers', 'registry'];

const tools = inject('deployTools');
const renders: Record<'default' | 'production', { text: string; manifests: Manifest[] }> = {
  default: { text: '', manifests: [] },
  production: { text: '', manifests: [] },
};

type Json = Record<string, unknown>;
const find = (manifests: Manifest[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata?.name === name);
const spec = (manifest: Manifest | undefined) => (manifest?.spec ?? {}) as Json;
const podSpec = (manifest: Manifest | undefined) => (spec(manifest).template as { spec: Json }).spec;
const envOf = (manifest: Manifest | undefined) =>
  ((podSpec(manifest).containers as { env: { name: string; value?: string; valueFrom?: unknown }[] }[])[0]?.env ?? []).reduce<
    Record<string, { value?: string; valueFrom?: unknown }>
  >((all, variable) => ({ ...all, [variable.name]: variable }), {});

beforeAll(() => {
  renders.default.text = renderChart(tools.helm);
  renders.production.text = renderChart(tools.helm, { valuesFiles: ['values-production.yaml'] });
  for (const render of Object.values(renders)) render.manifests = parseManifests(render.text);
});

describe('the Helm chart', () => {
  it.each([[[]], [['values-production.yaml']]])('passes helm lint with %j', (valuesFiles: string[]) => {
    const result = run(tools.helm, ['lint', CHART, '--strict', ...valuesFiles.flatMap((file) => ['--values', join(CHART, file)])]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it.each((['default', 'production'] as const).flatMap((name) => (KUBERNETES_VERSIONS as string[]).map((version) => [name, version])))(
    'renders %s values that validate in strict mode against the schemas of Kubernetes %s, only the operators’ kinds skipped',
    (name, version) => {
      const result = validateManifests(tools.kubernetesValidate, version, renders[name as 'default' | 'production'].text);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      for (const kind of result.skippedKinds) expect(OPERATOR_KINDS).toContain(kind);
    },
  );

  it('schema validation fails on an unknown field (the check can fail)', () => {
    const broken = renders.default.text.replace('revisionHistoryLimit: 5', 'revisionHistoryLimit: 5\n  replicaz: 3');
    expect(validateManifests(tools.kubernetesValidate, (KUBERNETES_VERSIONS as string[])[0]!, broken).status).not.toBe(0);
  });

  it.each(['default', 'production'] as const)('meets the pod policy with %s values', (name) => {
    expect(checkPodPolicy(renders[name].manifests)).toEqual([]);
  });

  it.each([
    ['a container as root', ['podSecurityContext.runAsUser=0'], 'runAsNonRoot'],
    ['runAsNonRoot off', ['podSecurityContext.runAsNonRoot=false', 'containerSecurityContext.runAsNonRoot=false'], 'runAsNonRoot'],
    ['a writable root filesystem', ['containerSecurityContext.readOnlyRootFilesystem=false'], 'readOnlyRootFilesystem'],
    ['the gateway without limits', ['gateway.resources.limits=null'], 'limits'],
    ['a subgraph without limits', ['subgraphs.providers.resources.limits=null'], 'limits'],
  ])('fails the pod policy when rendered with %s', (_name, set, rule) => {
    const violations = checkPodPolicy(parseManifests(renderChart(tools.helm, { set })));
    expect(violations.map((v) => v.rule)).toContain(rule);
  });

  it('runs a Deployment and a Service per subgraph and for the gateway, with probes on /healthz and /readyz', () => {
    const { manifests } = renders.production;
    for (const component of ['gateway', ...SUBGRAPHS]) {
      const deployment = find(manifests, 'Deployment', `cmb-${component}`);
      expect(deployment, component).toBeDefined();
      expect(find(manifests, 'Service', `cmb-${component}`), component).toBeDefined();
      const container = (podSpec(deployment).containers as Json[])[0] ?? {};
      const probes = JSON.stringify([container.livenessProbe, container.readinessProbe]);
      expect(probes).toContain('/healthz');
      expect(probes).toContain('/readyz');
    }
  });

  it('autoscales the gateway and beneficiaries and keeps them through disruptions', () => {
    for (const component of ['gateway', 'beneficiaries']) {
      const hpa = find(renders.production.manifests, 'HorizontalPodAutoscaler', `cmb-${component}`);
      expect(spec(hpa).minReplicas as number).toBeGreaterThanOrEqual(3);
      expect(find(renders.production.manifests, 'PodDisruptionBudget', `cmb-${component}`)).toBeDefined();
      // The HPA owns the replica count.
      expect(spec(find(renders.production.manifests, 'Deployment', `cmb-${component}`)).replicas).toBeUndefined();
    }
  });

  it('speaks mutual TLS to the subgraphs with cert-manager certificates', () => {
    const { manifests } = renders.default;
    const env = envOf(find(manifests, 'Deployment', 'cmb-gateway'));
    for (const name of SUBGRAPHS) {
      expect(env[`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`]?.value).toBe(`https://cmb-${name}.cmb.svc:8080/graphql`);
      const certificate = find(manifests, 'Certificate', `cmb-${name}`);
      expect(spec(certificate).secretName).toBe(`cmb-${name}-tls`);
      expect(spec(certificate).dnsNames).toContain(`cmb-${name}.cmb.svc`);
      const subgraphEnv = envOf(find(manifests, 'Deployment', `cmb-${name}`));
      expect(subgraphEnv.TLS_CLIENT_CA_FILE?.value).toBe('/etc/cmb/tls/ca.crt');
    }
    expect(env.SUBGRAPH_TLS_CERT_FILE?.value).toBeDefined();
    // The public side too: the gateway serves HTTPS with its own certificate, which the ingress controller checks.
    expect(env.TLS_CERT_FILE?.value).toBe('/etc/cmb/server-tls/tls.crt');
    expect(spec(find(manifests, 'Certificate', 'cmb-gateway')).usages).toEqual(['digital signature', 'server auth']);
    const ingress = find(manifests, 'Ingress', 'cmb-gateway')?.metadata as { annotations: Record<string, string> };
    expect(ingress.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
    expect(ingress.annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify']).toBe('on');
    expect(spec(find(manifests, 'Certificate', 'cmb-gateway-client')).usages).toEqual(['digital signature', 'client auth']);
  });

  it('reads every secret from an existing Secret by variable, and renders no Secret nor development secret', () => {
    for (const { text, manifests } of Object.values(renders)) {
      expect(manifests.some((m) => m.kind === 'Secret')).toBe(false);
      expect(text).not.toMatch(/dev-only|development-only/);
    }
    const gateway = envOf(find(renders.production.manifests, 'Deployment', 'cmb-gateway'));
    for (const variable of ['GATEWAY_CONTEXT_PRIVATE_KEY', 'AUDIT_SIGNING_KEY', 'AUDIT_PSEUDONYM_KEYS', 'AUDIT_DATABASE_URL']) {
      expect(gateway[variable]?.valueFrom, variable).toEqual({ secretKeyRef: { name: 'cmb-gateway', key: variable } });
    }
  });

  it('lets only the gateway reach a subgraph, and only its clients reach a database', () => {
    const { manifests } = renders.production;
    const sources = (policy: Manifest | undefined) =>
      ((spec(policy).ingress as { from: { podSelector?: { matchLabels: Record<string, string> } }[] }[])[0]?.from ?? []).map(
        (peer) => peer.podSelector?.matchLabels['app.kubernetes.io/component'],
      );
    for (const name of SUBGRAPHS) expect(sources(find(manifests, 'NetworkPolicy', `cmb-${name}`))).toEqual(['gateway']);
    expect(sources(find(manifests, 'NetworkPolicy', 'cmb-beneficiaries-db'))).toEqual(['beneficiaries']);
    expect(sources(find(manifests, 'NetworkPolicy', 'cmb-audit-db'))).toEqual(['gateway', 'audit', 'audit-ops']);
    expect(sources(find(manifests, 'NetworkPolicy', 'cmb-registry-db'))).toEqual(['gateway', 'registry']);
    const gatewayPolicy = JSON.stringify(find(manifests, 'NetworkPolicy', 'cmb-gateway'));
    expect(gatewayPolicy).toContain('"port":9464');
    expect(gatewayPolicy).toContain('"app.kubernetes.io/name":"prometheus"');
    expect(find(manifests, 'NetworkPolicy', 'cmb-default-deny')).toBeDefined();
  });

  it('allows CORS for the consoles’ origins only', () => {
    const ingress = find(renders.production.manifests, 'Ingress', 'cmb-gateway');
    const annotations = ingress?.metadata && (ingress.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations?.['nginx.ingress.kubernetes.io/cors-allow-origin']).toBe('https://console.cmb.anam.ma');
    expect(spec(ingress).tls).toBeDefined();
  });

  it('carries the operators’ examples in production: a CloudNativePG cluster with a replica per database, Keycloak and its realm', () => {
    const { manifests } = renders.production;
    const clusters = manifests.filter((m) => m.kind === 'Cluster');
    expect(clusters.map((m) => m.metadata?.name).sort()).toEqual(
      ['audit', 'audit-witness', 'beneficiaries', 'care-pathways', 'keycloak', 'medical-records', 'medicines', 'providers', 'registry']
        .map((d) => `cmb-${d}-db`)
        .sort(),
    );
    for (const cluster of clusters) expect(spec(cluster).instances as number).toBeGreaterThanOrEqual(2);
    expect(manifests.filter((m) => m.kind === 'ScheduledBackup')).toHaveLength(clusters.length);
    // Backups encrypted at rest (they hold health data); the audit witness's in its own bucket, with its own owner's
    // credentials: whoever can rewrite the store's backups cannot rewrite the witness's too.
    const store = (database: string) =>
      (
        spec(clusters.find((m) => m.metadata?.name === `cmb-${database}-db`)).backup as {
          barmanObjectStore: {
            destinationPath: string;
            s3Credentials: { accessKeyId: { name: string } };
            wal: { encryption?: string };
            data: { encryption?: string };
          };
        }
      ).barmanObjectStore;
    for (const cluster of clusters) {
      const { wal, data } = store(String(cluster.metadata?.name).replace(/^cmb-|-db$/g, ''));
      expect([wal.encryption, data.encryption]).toEqual(['aws:kms', 'aws:kms']);
    }
    const [audit, witness] = [store('audit'), store('audit-witness')];
    expect(witness.s3Credentials.accessKeyId.name).not.toBe(audit.s3Credentials.accessKeyId.name);
    expect(witness.destinationPath.split('/').slice(0, 3)).not.toEqual(audit.destinationPath.split('/').slice(0, 3));
    const migrate = find(manifests, 'Job', 'cmb-audit-ops-migrate');
    expect((migrate?.metadata as { annotations: Record<string, string> }).annotations['helm.sh/hook']).toBe('post-install,pre-upgrade');
    expect(JSON.stringify(podSpec(migrate).containers)).toContain('"/app/audit-store/dist/cli.js","migrate"');
    const realm = spec(find(manifests, 'KeycloakRealmImport', 'cmb-keycloak-realm')).realm as {
      clients: {
        clientId: string;
        secret?: string;
        publicClient?: boolean;
        redirectUris?: string[];
        attributes?: Record<string, string>;
      }[];
      users: { credentials?: unknown }[];
    };
    expect(realm.clients.map((c) => c.clientId)).toContain('og-cnss');
    expect(realm.clients.map((c) => c.clientId)).not.toContain('cabinet-zzp00001');
    for (const client of realm.clients) if (client.secret) expect(client.secret).toMatch(/^\$\{CLIENT_SECRET_[A-Z0-9_]+\}$/);
    expect(realm.users.every((user) => user.credentials === undefined)).toBe(true);
    // The consoles return to the production origin after sign-in and sign-out; nothing of the development loopback stays.
    for (const client of realm.clients.filter((c) => c.publicClient)) {
      expect(client.redirectUris).toEqual(['https://console.cmb.anam.ma/*']);
      expect(client.attributes?.['post.logout.redirect.uris']).toBe('https://console.cmb.anam.ma/*');
    }
    expect(JSON.stringify(realm)).not.toContain('127.0.0.1');
    // Officers read the national audit trail with a password: a policy, and a lockout well before 30 failures.
    const policy = realm as unknown as { passwordPolicy?: string; failureFactor?: number };
    expect(policy.passwordPolicy).toMatch(/length\(12\)/);
    expect(policy.failureFactor).toBeLessThanOrEqual(10);
    // Keycloak's public face: its realms' endpoints only, never /admin (the operator's own Ingress, all paths, is off).
    expect(spec(find(manifests, 'Keycloak', 'cmb-keycloak')).ingress).toEqual({ enabled: false });
    // The release the realm is tested against, not whatever the operator's version defaults to.
    expect(spec(find(manifests, 'Keycloak', 'cmb-keycloak'))).toMatchObject({
      image: `quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}`,
      // A stock image with startOptimized (the default for a named image) would ignore the build options (db, features).
      startOptimized: false,
    });
    const keycloakIngress = spec(find(manifests, 'Ingress', 'cmb-keycloak')) as {
      rules: { host: string; http: { paths: { path: string }[] } }[];
    };
    expect(keycloakIngress.rules.map((rule) => rule.host)).toEqual(['auth.cmb.anam.ma']);
    const published = keycloakIngress.rules[0]?.http.paths.map((p) => p.path) ?? [];
    expect(published).toEqual(['/realms/cmb/', '/resources/']);
    // The master realm (the bootstrap administrator's login and token endpoint) is not on any published prefix.
    for (const path of ['/realms/master/protocol/openid-connect/token', '/realms/master/account', '/admin/master/console/']) {
      expect(published.some((prefix) => path.startsWith(prefix))).toBe(false);
    }
    const keycloakIngressMetadata = find(manifests, 'Ingress', 'cmb-keycloak')?.metadata as
      { annotations?: Record<string, string> } | undefined;
    expect(keycloakIngressMetadata?.annotations).toMatchObject({ 'cert-manager.io/cluster-issuer': 'anam-public' });
    // The operators' kinds are off by default: a plain cluster without them renders.
    expect(renders.default.manifests.some((m) => m.kind === 'Cluster' || m.kind === 'Keycloak')).toBe(false);
  });

  it('gives the registry the production realm (the same derivation as the import), which the realm reader accepts', () => {
    const { manifests } = renders.production;
    const configMap = find(manifests, 'ConfigMap', 'cmb-realm') as { data: Record<string, string> } | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'cmb-realm-'));
    try {
      const file = join(dir, 'cmb-realm.json');
      writeFileSync(file, configMap?.data['cmb-realm.json'] ?? '');
      const realm = loadRealm(file);
      expect([...realm.clients.keys()]).toEqual([
        'og-cnss',
        'og-cnops',
        'anam-registry',
        'cndp-inspector',
        'patient-portal',
        'officer-console',
      ]);
      expect(realm.clients.get('og-cnss')?.claims.org).toBe('CNSS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(envOf(find(manifests, 'Deployment', 'cmb-registry')).REGISTRY_REALM_FILE?.value).toBe('/etc/cmb/realm/cmb-realm.json');
  });

  it('ships the alert rules file as its PrometheusRule, and the dashboard', () => {
    const rule = find(renders.default.manifests, 'PrometheusRule', 'cmb-alerts');
    const rules = parse(readFileSync(join(ROOT, 'deploy/helm/files/prometheus/cmb-alerts.rules.yaml'), 'utf8')) as Json;
    expect(spec(rule)).toEqual(rules);
    const dashboard = find(renders.default.manifests, 'ConfigMap', 'cmb-dashboard') as { data: Record<string, string> } | undefined;
    expect(JSON.parse(dashboard?.data['cmb-federation.json'] ?? '{}').uid).toBe('cmb-federation-gateway');
  });
});

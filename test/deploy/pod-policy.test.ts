import { describe, expect, it } from 'vitest';
import { checkPodPolicy, parseManifests, type Manifest } from '../../deploy/policy/pod-policy';

/** A Deployment that meets every rule; each case below breaks one. */
function compliantDeployment(): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'gateway' },
    spec: {
      template: {
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000 },
          volumes: [{ name: 'tmp', emptyDir: {} }],
          containers: [
            {
              name: 'gateway',
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              env: [
                { name: 'AUDIT_SIGNING_KEY_ID', valueFrom: { secretKeyRef: { name: 's', key: 'AUDIT_SIGNING_KEY_ID' } } },
                { name: 'AUDIT_SIGNING_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'AUDIT_SIGNING_KEY' } } },
                { name: 'TLS_KEY_FILE', value: '/etc/cmb/tls/tls.key' },
                { name: 'LOG_LEVEL', value: 'info' },
              ],
            },
          ],
        },
      },
    },
  };
}

type Spec = { containers: Record<string, unknown>[] } & Record<string, unknown>;
const podOf = (manifest: Manifest) => (manifest.spec as { template: { spec: Spec } }).template.spec;
type Container = { securityContext: Record<string, unknown>; resources: Record<string, unknown>; env: unknown[] };
const containerOf = (manifest: Manifest) => podOf(manifest).containers[0] as Container;

const cases: { name: string; breakIt: (m: Manifest) => void; rule: string }[] = [
  { name: 'a container as root (runAsUser 0)', breakIt: (m) => (containerOf(m).securityContext.runAsUser = 0), rule: 'runAsNonRoot' },
  { name: 'runAsNonRoot false', breakIt: (m) => (podOf(m).securityContext = { runAsNonRoot: false }), rule: 'runAsNonRoot' },
  { name: 'runAsNonRoot unset', breakIt: (m) => (podOf(m).securityContext = {}), rule: 'runAsNonRoot' },
  {
    name: 'a writable root filesystem',
    breakIt: (m) => (containerOf(m).securityContext.readOnlyRootFilesystem = false),
    rule: 'readOnlyRootFilesystem',
  },
  { name: 'no limits', breakIt: (m) => delete containerOf(m).resources.limits, rule: 'limits' },
  {
    name: 'a memory limit missing',
    breakIt: (m) => (containerOf(m).resources.limits = { cpu: '1' }),
    rule: 'limits',
  },
  { name: 'no requests', breakIt: (m) => delete containerOf(m).resources.requests, rule: 'requests' },
  {
    name: 'privilege escalation allowed',
    breakIt: (m) => (containerOf(m).securityContext.allowPrivilegeEscalation = true),
    rule: 'allowPrivilegeEscalation',
  },
  { name: 'capabilities kept', breakIt: (m) => (containerOf(m).securityContext.capabilities = {}), rule: 'capabilities' },
  {
    name: 'a capability added',
    breakIt: (m) => (containerOf(m).securityContext.capabilities = { drop: ['ALL'], add: ['NET_ADMIN'] }),
    rule: 'capabilities',
  },
  { name: 'privileged', breakIt: (m) => (containerOf(m).securityContext.privileged = true), rule: 'privileged' },
  { name: 'host network', breakIt: (m) => (podOf(m).hostNetwork = true), rule: 'hostNetwork' },
  { name: 'a hostPath volume', breakIt: (m) => (podOf(m).volumes = [{ name: 'h', hostPath: { path: '/' } }]), rule: 'hostPath' },
  {
    name: 'the service account token mounted',
    breakIt: (m) => delete podOf(m).automountServiceAccountToken,
    rule: 'automountServiceAccountToken',
  },
  {
    name: 'a secret as a literal value',
    breakIt: (m) => (containerOf(m).env = [{ name: 'AUDIT_SIGNING_KEY', value: 'MC4CAQAwBQYDK2VwBCIEI' }]),
    rule: 'secretFromSecret',
  },
  {
    name: 'a database URL as a literal value',
    breakIt: (m) => (containerOf(m).env = [{ name: 'DATABASE_URL', value: 'postgres://u:p@db/x' }]),
    rule: 'secretFromSecret',
  },
];

describe('the pod policy over rendered manifests', () => {
  it('passes a compliant Deployment', () => {
    expect(checkPodPolicy([compliantDeployment()])).toEqual([]);
  });

  it.each(cases)('refuses $name ($rule)', ({ breakIt, rule }) => {
    const manifest = compliantDeployment();
    breakIt(manifest);
    const violations = checkPodPolicy([manifest]);
    expect(violations.map((v) => v.rule)).toContain(rule);
    expect(violations.every((v) => v.resource === 'Deployment/gateway')).toBe(true);
  });

  it('checks init containers and the pods of Jobs and CronJobs too', () => {
    const deployment = compliantDeployment();
    podOf(deployment).initContainers = [{ name: 'init', image: 'x' }];
    const cronJob: Manifest = {
      kind: 'CronJob',
      metadata: { name: 'verify' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'verify' }] } } } } },
    };
    const violations = checkPodPolicy([deployment, cronJob]);
    expect(violations.some((v) => v.container === 'init' && v.rule === 'readOnlyRootFilesystem')).toBe(true);
    expect(violations.some((v) => v.resource === 'CronJob/verify' && v.rule === 'limits')).toBe(true);
  });

  it('refuses a rendered Secret object', () => {
    expect(checkPodPolicy([{ kind: 'Secret', metadata: { name: 'keys' } }]).map((v) => v.rule)).toEqual(['noSecretObjects']);
  });

  it('reads a multi-document stream, skipping empty documents', () => {
    const manifests = parseManifests('---\n# comment only\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n');
    expect(manifests.map((m) => `${m.kind}/${m.metadata?.name}`)).toEqual(['Service/a']);
  });
});

import { parseAllDocuments } from 'yaml';

/** One Kubernetes object of a rendered manifest stream. */
export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  [field: string]: unknown;
}

/** A rule a workload breaks: where, which rule, and what to fix. */
export interface PolicyViolation {
  /** `Kind/name`. */
  resource: string;
  /** The container, or null for a pod-level rule. */
  container: string | null;
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: unknown, key: string): Json => (isObject(value) && isObject(value[key]) ? value[key] : {});
const listAt = (value: unknown, key: string): unknown[] => (isObject(value) && Array.isArray(value[key]) ? value[key] : []);

/** Splits a multi-document YAML stream (helm template's output) into its objects, empty documents left out. */
export function parseManifests(yamlText: string): Manifest[] {
  return parseAllDocuments(yamlText)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`invalid YAML in the rendered manifests: ${document.errors[0]?.message}`);
      return document.toJS() as unknown;
    })
    .filter((value): value is Manifest => isObject(value) && typeof value.kind === 'string');
}

/** The pod template of a workload kind, or null for a kind that runs no pod. */
function podSpecOf(manifest: Manifest): Json | null {
  switch (manifest.kind) {
    case 'Pod':
      return objectAt(manifest, 'spec');
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return objectAt(objectAt(objectAt(manifest, 'spec'), 'template'), 'spec');
    case 'CronJob':
      return objectAt(objectAt(objectAt(objectAt(objectAt(manifest, 'spec'), 'jobTemplate'), 'spec'), 'template'), 'spec');
    default:
      return null;
  }
}

/** Environment variables whose value is a secret: they must come from a Secret, never a literal. */
const SECRET_VARIABLE = /(SECRET|PASSWORD|PRIVATE_KEY|SIGNING_KEY|PSEUDONYM_KEYS|PUBLIC_KEYS|DATABASE_URL|STORE_URL|DECISION_ID_KEY|TOKEN)/;
const NOT_A_SECRET = /(_FILE|_KEY_ID)$/;

/** The rules one container must meet; `pod` is its pod's spec (pod-level settings count as defaults). */
function containerViolations(container: Json, pod: Json, resource: string): PolicyViolation[] {
  const name = typeof container.name === 'string' ? container.name : '?';
  const violations: PolicyViolation[] = [];
  const fail = (rule: string, message: string) => violations.push({ resource, container: name, rule, message });
  const own = objectAt(container, 'securityContext');
  const podLevel = objectAt(pod, 'securityContext');
  const runAsNonRoot = own.runAsNonRoot ?? podLevel.runAsNonRoot;
  const runAsUser = own.runAsUser ?? podLevel.runAsUser;
  if (runAsNonRoot !== true) fail('runAsNonRoot', 'set securityContext.runAsNonRoot: true (pod or container)');
  if (runAsUser === 0) fail('runAsNonRoot', 'runAsUser 0 is root: use the image user (1000)');
  if (own.privileged === true) fail('privileged', 'remove securityContext.privileged');
  if (own.allowPrivilegeEscalation !== false) fail('allowPrivilegeEscalation', 'set securityContext.allowPrivilegeEscalation: false');
  if (own.readOnlyRootFilesystem !== true)
    fail('readOnlyRootFilesystem', 'set securityContext.readOnlyRootFilesystem: true (mount an emptyDir where a path must be writable)');
  const capabilities = objectAt(own, 'capabilities');
  if (!listAt(capabilities, 'drop').includes('ALL'))
    fail('capabilities', 'drop ALL capabilities (securityContext.capabilities.drop: [ALL])');
  if (listAt(capabilities, 'add').length > 0) fail('capabilities', 'add no capability');
  const resources = objectAt(container, 'resources');
  for (const kind of ['requests', 'limits'] as const) {
    const values = objectAt(resources, kind);
    for (const resourceName of ['cpu', 'memory']) {
      if (values[resourceName] === undefined || values[resourceName] === null || values[resourceName] === '')
        fail(kind, `set resources.${kind}.${resourceName}`);
    }
  }
  for (const variable of listAt(container, 'env')) {
    if (!isObject(variable) || typeof variable.name !== 'string') continue;
    if (SECRET_VARIABLE.test(variable.name) && !NOT_A_SECRET.test(variable.name) && variable.value !== undefined)
      fail('secretFromSecret', `${variable.name} carries a secret: read it from a Secret (valueFrom.secretKeyRef), never a literal`);
  }
  return violations;
}

/**
 * Checks every workload of rendered manifests: each container runs as
 * non-root, on a read-only root filesystem, without privilege escalation or
 * capabilities, with CPU and memory requests and limits, and reads its secrets
 * from Secrets; the pod shares nothing with its node. Returns every violation
 * (empty: the manifests pass). No Secret object may be rendered at all: the
 * chart only refers to Secrets made by the platform.
 */
export function checkPodPolicy(manifests: readonly Manifest[]): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const manifest of manifests) {
    const resource = `${manifest.kind}/${manifest.metadata?.name ?? '?'}`;
    if (manifest.kind === 'Secret') {
      violations.push({
        resource,
        container: null,
        rule: 'noSecretObjects',
        message: 'render no Secret: refer to an existing one (existingSecret)',
      });
      continue;
    }
    const pod = podSpecOf(manifest);
    if (!pod) continue;
    const podFail = (rule: string, message: string) => violations.push({ resource, container: null, rule, message });
    for (const shared of ['hostNetwork', 'hostPID', 'hostIPC'])
      if (pod[shared] === true) podFail(shared, `remove ${shared}: a pod shares nothing with its node`);
    if (listAt(pod, 'volumes').some((volume) => isObject(volume) && volume.hostPath !== undefined))
      podFail('hostPath', 'mount no hostPath volume');
    if (pod.automountServiceAccountToken !== false)
      podFail('automountServiceAccountToken', 'set automountServiceAccountToken: false (the processes never call the Kubernetes API)');
    const containers = [...listAt(pod, 'initContainers'), ...listAt(pod, 'containers')].filter(isObject);
    if (containers.length === 0) podFail('containers', 'a workload without containers');
    for (const container of containers) violations.push(...containerViolations(container, pod, resource));
  }
  return violations;
}

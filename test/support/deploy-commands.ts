import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');
/** The Helm chart. */
export const CHART = join(ROOT, 'deploy/helm');

/** What a command printed and how it ended. */
export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool to its end (no shell), with its output kept for the assertion messages. */
export function run(command: string, args: readonly string[], options: { cwd?: string } = {}): CommandResult {
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template` of the chart with values files (relative to the chart) and `--set` overrides; throws on failure. */
export function renderChart(helm: string, { valuesFiles = [], set = [] }: { valuesFiles?: string[]; set?: string[] } = {}): string {
  const args = ['template', 'cmb', CHART, '--namespace', 'cmb'];
  for (const file of valuesFiles) args.push('--values', join(CHART, file));
  for (const value of set) args.push('--set', value);
  const result = run(helm, args);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return result.stdout;
}

/** The kinds kubernetes-validate skipped for want of a schema, and its verdict, for a rendered stream. */
export function validateManifests(
  validator: string,
  kubernetesVersion: string,
  yamlText: string,
): CommandResult & { skippedKinds: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cmb-render-'));
  try {
    const file = join(dir, 'rendered.yaml');
    writeFileSync(file, yamlText);
    const result = run(validator, ['--strict', '--quiet', '--kubernetes-version', kubernetesVersion, file]);
    const skippedKinds = [...result.stdout.matchAll(/Couldn't find schema for kind (\S+) with api version (\S+)/g)].map(
      ([, kind, apiVersion]) => `${apiVersion}/${kind}`,
    );
    return { ...result, skippedKinds: [...new Set(skippedKinds)].sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

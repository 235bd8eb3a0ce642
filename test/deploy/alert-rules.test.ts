import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, run } from '../support/deploy-commands';

const RULES = join(ROOT, 'deploy/helm/files/prometheus/cmb-alerts.rules.yaml');
const RULE_TESTS = join(ROOT, 'deploy/prometheus-tests/cmb-alerts.test.yaml');
const DASHBOARD = join(ROOT, 'deploy/helm/files/grafana/cmb-federation.json');
const tools = inject('deployTools');

/** Every TypeScript source of a folder, recursively, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the alert rules and the dashboard', () => {
  it('pass promtool check rules', () => {
    const result = run(tools.promtool, ['check', 'rules', RULES]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('pass their unit tests (promtool test rules): each alert fires on its situation and stays silent below it', () => {
    const result = run(tools.promtool, ['test', 'rules', RULE_TESTS]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
  });

  it('use only metric names the gateway exports', () => {
    const exported = sources(join(ROOT, 'gateway/src'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const used = new Set(
      [...(readFileSync(RULES, 'utf8') + readFileSync(DASHBOARD, 'utf8')).matchAll(/\b(cmb_[a-z_]+)/g)].map(([, name = '']) =>
        name.replace(/_(bucket|count|sum)$/, ''),
      ),
    );
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(exported, `${name} is not exported by the gateway`).toContain(`'${name}'`);
  });
});

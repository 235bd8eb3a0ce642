import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, run } from '../support/deploy-commands';

const DOCKERFILE = join(ROOT, 'deploy/Dockerfile');
const tools = inject('deployTools');

/** One instruction of a Dockerfile: its keyword and its text, continuation lines joined. */
interface Instruction {
  keyword: string;
  text: string;
}

/** Splits a Dockerfile into instructions (comments and parser directives left out) and groups them by stage. */
function stagesOf(source: string): Instruction[][] {
  const joined = source.replace(/\\\n/g, ' ');
  const instructions = joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), text: rest.join(' ') };
    });
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const SECRET_NAME = /(SECRET|PASSWORD|PRIVATE|TOKEN|_KEY\b|_KEYS\b|DATABASE_URL)/i;

describe('deploy/Dockerfile', () => {
  const source = readFileSync(DOCKERFILE, 'utf8');
  const stages = stagesOf(source);
  const runtime = stages.at(-1) ?? [];

  it('passes hadolint', () => {
    const result = run(tools.hadolint, ['--failure-threshold', 'info', DOCKERFILE]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('hadolint fails on a bad Dockerfile (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmb-dockerfile-'));
    try {
      const bad = join(dir, 'Dockerfile');
      writeFileSync(bad, 'FROM node:latest\nRUN apt-get install curl\n');
      expect(run(tools.hadolint, ['--failure-threshold', 'info', bad]).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is multi-stage, parameterised by TARGET, and runs the chosen target', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.some((i) => i.keyword === 'ARG' && i.text.startsWith('TARGET'))).toBe(true);
    expect(source).toContain('ln -s "${entry}" main.js');
    expect(source).toContain('console) entry="console/server/console-cli.mjs"');
    expect(runtime.find((i) => i.keyword === 'CMD')?.text).toBe('["node", "/app/main.js"]');
  });

  it('runs as a numeric non-root user in the final stage', () => {
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.text);
    expect(users.length).toBeGreaterThan(0);
    const last = users.at(-1) ?? '';
    expect(last).toMatch(/^\d+(:\d+)?$/);
    expect(last.split(':')[0]).not.toBe('0');
  });

  it('has a HEALTHCHECK on /healthz through the image’s own probe', () => {
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.text ?? '';
    expect(healthcheck).toContain('deploy/container/probe.mjs');
    expect(healthcheck).toContain('/healthz');
  });

  it('bakes in no secret: no ENV or ARG named like one, and the secrets of the compose stack stay out of the build context', () => {
    for (const stage of stages) {
      for (const instruction of stage.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
        const names = [...instruction.text.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)/g)].map((m) => m[1] ?? '');
        for (const name of names) expect(name, instruction.text).not.toMatch(SECRET_NAME);
      }
    }
    const ignore = readFileSync(join(ROOT, 'deploy/Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const entry of ['deploy/.env', 'deploy/.secrets', '**/node_modules', '.git']) expect(ignore).toContain(entry);
  });
});

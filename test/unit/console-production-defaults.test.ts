import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleEndpoints } from '../../console/server/console-server.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';

/**
 * SECURITY.md rule 5: production is the default, and the development issuer
 * is refused at start. The consoles' server (the `console` image target,
 * NODE_ENV=production in the image) falling back, with AUTH_ISSUER or
 * GATEWAY_URL unset, to the development issuer and a plain-HTTP loopback
 * gateway would send every browser to sign in at http://127.0.0.1:4010 and to
 * POST the national ids an officer types to http://127.0.0.1:4000 on the
 * user's own machine.
 */
const CLI = join(import.meta.dirname, '..', '..', 'console', 'server', 'console-cli.mjs');

/** Starts the CLI; resolves with its exit code, or 'still running' after a while (then stops it). */
async function runFor(env: Record<string, string>, ms = 4_000): Promise<{ code: number | null | 'still running'; output: string }> {
  const child = spawn(process.execPath, [CLI], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve({ code: 'still running', output });
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the consoles' server in production", () => {
  it('refuses to start without AUTH_ISSUER and GATEWAY_URL instead of serving the development issuer and a loopback gateway', async () => {
    const port = String(await freePort());
    const { code, output } = await runFor({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: port,
      CONSOLE_ORIGIN: 'https://console.cmb.anam.ma',
    });
    expect(code, output).not.toBe('still running');
    expect(code).not.toBe(0);
  });

  it('refuses a plain-HTTP identity provider that is not this machine', async () => {
    const port = String(await freePort());
    const { code, output } = await runFor({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: port,
      CONSOLE_ORIGIN: 'https://console.cmb.anam.ma',
      AUTH_ISSUER: 'http://auth.cmb.anam.ma/realms/cmb',
      GATEWAY_URL: 'http://api.cmb.anam.ma/graphql',
    });
    expect(code, output).not.toBe('still running');
    expect(code).not.toBe(0);
  });
});

describe("the consoles' server headers", () => {
  it('tells browsers to reach an https: console origin over HTTPS only (Strict-Transport-Security): the page holds the tokens', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { startConsoleServer } = await import('../../console/server/console-server.mjs');
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>page</title>');
    const port = await freePort();
    const server = await startConsoleServer({
      origin: 'https://console.cmb.anam.ma',
      issuer: 'https://auth.cmb.anam.ma/realms/cmb',
      gatewayUrl: 'https://api.cmb.anam.ma/graphql',
      dist,
      listenOn: { hostname: '127.0.0.1', port: String(port) },
    });
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/officer`);
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await server.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe("the consoles' endpoints (AUTH_ISSUER, GATEWAY_URL)", () => {
  it.each([undefined, 'production', 'staging'])('are required with NODE_ENV %s', (nodeEnv) => {
    expect(() => consoleEndpoints({ ...(nodeEnv && { NODE_ENV: nodeEnv }) })).toThrow(/AUTH_ISSUER is required outside development/);
    expect(() => consoleEndpoints({ NODE_ENV: nodeEnv, AUTH_ISSUER: 'https://auth.cmb.anam.ma/realms/cmb' })).toThrow(
      /GATEWAY_URL is required/,
    );
  });

  it('are https: in production, plain http: only to this machine', () => {
    const env = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://auth.cmb.anam.ma/realms/cmb',
      GATEWAY_URL: 'http://api.cmb.anam.ma/graphql',
    };
    expect(() => consoleEndpoints(env)).toThrow(/GATEWAY_URL must be an https: URL/);
    expect(consoleEndpoints({ ...env, GATEWAY_URL: 'https://api.cmb.anam.ma/graphql' })).toEqual({
      issuer: 'https://auth.cmb.anam.ma/realms/cmb',
      gatewayUrl: 'https://api.cmb.anam.ma/graphql',
    });
    // The consoles served to this machine alone may use this machine's identity provider and gateway.
    expect(consoleEndpoints({ AUTH_ISSUER: 'http://127.0.0.1:8180/realms/cmb', GATEWAY_URL: 'http://localhost:4000/graphql' }).issuer).toBe(
      'http://127.0.0.1:8180/realms/cmb',
    );
  });

  it.each([
    ['http://127.0.0.1:4010/realms/cmb', 'http://127.0.0.1:4000/graphql'],
    ['https://localhost/realms/cmb', 'https://api.cmb.anam.ma/graphql'],
  ])('never name this machine for consoles other machines reach (its browser would reach its own): %s', (issuer, gateway) => {
    expect(() =>
      consoleEndpoints({
        NODE_ENV: 'production',
        CONSOLE_ORIGIN: 'https://console.cmb.anam.ma',
        AUTH_ISSUER: issuer,
        GATEWAY_URL: gateway,
      }),
    ).toThrow(/AUTH_ISSUER/);
  });

  it('default to the development issuer and the local gateway in development and test only', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(consoleEndpoints({ NODE_ENV })).toEqual({
        issuer: 'http://127.0.0.1:4010/realms/cmb',
        gatewayUrl: 'http://127.0.0.1:4000/graphql',
      });
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';
import { allowConsoleOrigin } from '../pipeline/http/allow-console-origin';
import type { HttpExchange } from '../pipeline';

const CONSOLE = 'http://127.0.0.1:5173';

/** A server running the CORS step, then answering 200 as the routes after it would. */
async function serverWith(origin: string | null): Promise<{ server: Server; url: string }> {
  const step = allowConsoleOrigin(origin);
  const server = createServer((req, res) => {
    const exchange: HttpExchange = { req, res, requestId: 'r', language: 'fr', caller: null, body: '' };
    void step(exchange);
    if (res.writableEnded) return;
    res.writeHead(req.method === 'OPTIONS' ? 405 : 200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("CORS for the consoles' origin only", () => {
  let configured: { server: Server; url: string };
  let unconfigured: { server: Server; url: string };
  beforeAll(async () => {
    configured = await serverWith(CONSOLE);
    unconfigured = await serverWith(null);
  });
  afterAll(() => {
    configured.server.close();
    unconfigured.server.close();
  });

  const preflight = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' };
  it.each([
    {
      name: "the console's preflight",
      target: 'configured',
      method: 'OPTIONS',
      path: '/graphql',
      origin: CONSOLE,
      status: 204,
      allowed: CONSOLE,
    },
    {
      name: "another origin's preflight",
      target: 'configured',
      method: 'OPTIONS',
      path: '/graphql',
      origin: 'http://evil.example',
      status: 405,
      allowed: null,
    },
    {
      name: 'a lookalike origin (another port)',
      target: 'configured',
      method: 'OPTIONS',
      path: '/graphql',
      origin: 'http://127.0.0.1:5174',
      status: 405,
      allowed: null,
    },
    { name: "the console's POST", target: 'configured', method: 'POST', path: '/graphql', origin: CONSOLE, status: 200, allowed: CONSOLE },
    {
      name: "another origin's POST",
      target: 'configured',
      method: 'POST',
      path: '/graphql',
      origin: 'http://evil.example',
      status: 200,
      allowed: null,
    },
    {
      name: 'a preflight elsewhere than /graphql',
      target: 'configured',
      method: 'OPTIONS',
      path: '/readyz',
      origin: CONSOLE,
      status: 405,
      allowed: CONSOLE,
    },
    {
      name: 'no console configured',
      target: 'unconfigured',
      method: 'OPTIONS',
      path: '/graphql',
      origin: CONSOLE,
      status: 405,
      allowed: null,
    },
  ])('$name', async ({ target, method, path, origin, status, allowed }) => {
    const base = target === 'configured' ? configured.url : unconfigured.url;
    const answer = await fetch(`${base}${path}`, { method, headers: { origin, ...(method === 'OPTIONS' ? preflight : {}) } });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    if (status === 204) {
      expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
      expect(answer.headers.get('access-control-allow-headers')).toContain('authorization');
    }
    if (target === 'configured') expect(answer.headers.get('vary')).toBe('Origin');
  });

  it.each([
    { value: 'http://127.0.0.1:5173', ok: true },
    { value: 'https://console.anam.ma', ok: true },
    { value: 'http://127.0.0.1:5173/', ok: false },
    { value: 'http://127.0.0.1:5173/officer', ok: false },
    { value: '*', ok: false },
  ])('reads CONSOLE_ORIGIN $value as an origin: $ok', ({ value, ok }) => {
    const load = () => loadGatewayConfig({ NODE_ENV: 'development', CONSOLE_ORIGIN: value });
    if (ok) expect(load().consoleOrigin).toBe(value);
    else expect(load).toThrow(/CONSOLE_ORIGIN/);
  });

  it('allows no origin by default', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).consoleOrigin).toBeNull();
  });
});

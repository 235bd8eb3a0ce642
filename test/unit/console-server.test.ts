import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleOrigin, startConsoleServer } from '../../console/server/console-server.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';

const ISSUER = 'http://127.0.0.1:8080/realms/cmb';
const GATEWAY = 'http://127.0.0.1:4000/graphql';

/** A raw GET (fetch would normalise `..` out of the path before sending it). */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the consoles' server", () => {
  let dist: string;
  let server: { url: string; stop: () => Promise<void> };
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cmb-console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dist, '..', 'cmb-console-secret.txt'), 'outside');
    server = await startConsoleServer({ origin: `http://127.0.0.1:${await freePort()}`, issuer: ISSUER, gatewayUrl: GATEWAY, dist });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(dist, '..', 'cmb-console-secret.txt'), { force: true });
  });

  it.each([
    { path: '/config.json', status: 200, body: JSON.stringify({ issuer: ISSUER, gatewayUrl: GATEWAY }), type: 'application/json' },
    { path: '/assets/app.js', status: 200, body: 'export {};', type: 'text/javascript; charset=utf-8' },
    { path: '/officer', status: 200, body: '<!doctype html><title>page</title>', type: 'text/html; charset=utf-8' },
    { path: '/officer/events/abc?x=1', status: 200, body: '<!doctype html><title>page</title>', type: 'text/html; charset=utf-8' },
    { path: '/../cmb-console-secret.txt', status: 200, body: '<!doctype html><title>page</title>', type: 'text/html; charset=utf-8' },
    { path: '/%2e%2e/cmb-console-secret.txt', status: 200, body: '<!doctype html><title>page</title>', type: 'text/html; charset=utf-8' },
  ])('GET $path: the file, the page, never a file outside dist', async ({ path, status, body, type }) => {
    const answer = await get(server.url, path);
    expect(answer.status).toBe(status);
    expect(answer.body).toBe(body);
    expect(answer.headers['content-type']).toBe(type);
  });

  it('sends a Content-Security-Policy that allows the gateway and the issuer only, no framing, no referrer', async () => {
    const { headers } = await get(server.url, '/');
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4000 http://127.0.0.1:8080");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/%', '/%E0%A4%A', '/assets/%ZZ.js'])('answers 400 to the malformed path %s, and keeps serving', async (path) => {
    expect((await get(server.url, path)).status).toBe(400);
    expect((await get(server.url, '/config.json')).status).toBe(200);
  });

  it('answers its health probe (the image and the chart probe /healthz)', async () => {
    const answer = await get(server.url, '/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });

  it('listens where told (a container: HOST and PORT) while naming its public origin', async () => {
    const port = await freePort();
    const inContainer = await startConsoleServer({
      origin: 'https://console.example.invalid',
      issuer: ISSUER,
      gatewayUrl: GATEWAY,
      dist,
      listenOn: { hostname: '127.0.0.1', port: String(port) },
    });
    try {
      expect(inContainer.url).toBe('https://console.example.invalid');
      expect((await get(`http://127.0.0.1:${port}`, '/healthz')).status).toBe(200);
    } finally {
      await inContainer.stop();
    }
  });

  it('answers nothing but GET and HEAD', async () => {
    expect((await get(server.url, '/config.json', 'POST')).status).toBe(405);
  });

  it.each([
    { env: {}, origin: 'http://127.0.0.1:5173' },
    { env: { CONSOLE_PORT: '5200' }, origin: 'http://127.0.0.1:5200' },
    { env: { CONSOLE_ORIGIN: 'https://console.anam.ma' }, origin: 'https://console.anam.ma' },
  ])('takes its origin from $env', ({ env, origin }) => {
    expect(consoleOrigin(env)).toBe(origin);
  });
});

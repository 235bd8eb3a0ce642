// A request answered before its body is read (no token: 401; over its rate: 429; an unknown route) has the rest of its
// body dropped within BODY_TIMEOUT_MS, then its connection closed (rule 0): an unauthenticated client trickling a body
// held the socket up to Node's whole-request timeout (BODY_TIMEOUT_MS and IMPORT_TIMEOUT_MS + 10 s: 310 s by default).
import { connect } from 'node:net';
import { listen, type RunningServer } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGatewayApp, type GatewayApp } from '../app';
import { loadGatewayConfig } from '../config';

let gateway: GatewayApp;
let served: RunningServer;
const BODY_TIMEOUT_MS = 500;

beforeAll(async () => {
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    AUTH_MODE: 'required',
    AUDIT_MODE: 'off',
    LOG_LEVEL: 'silent',
    BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
  });
  gateway = await buildGatewayApp(config);
  // As gateway/src/index.ts listens.
  const requestTimeoutMs = Math.max(config.bodyTimeoutMs, config.imports.timeoutMs) + 10_000;
  served = await listen(gateway.handler, { host: '127.0.0.1', port: 0, logger: gateway.logger, acceptAfterStopMs: 0, requestTimeoutMs });
}, 60_000);

afterAll(async () => {
  await served?.close();
  await gateway?.close();
});

describe('a body trickled in after a refusal at the edge', () => {
  it.each(['/graphql', '/elsewhere'])('%s: does not hold the connection past BODY_TIMEOUT_MS (plus a margin)', async (path) => {
    const socket = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let answered = '';
    let closedAt: number | null = null;
    socket.on('data', (chunk: Buffer) => (answered += chunk.toString('utf8')));
    socket.on('close', () => (closedAt = Date.now()));
    socket.on('error', () => undefined);
    const started = Date.now();
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{`);
    // One byte every 100 ms for 3 s: six times BODY_TIMEOUT_MS.
    for (let i = 0; i < 30 && closedAt === null; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!socket.destroyed) socket.write(' ');
    }
    const heldMs = (closedAt ?? Date.now()) - started;
    socket.destroy();
    expect(answered).toMatch(/^HTTP\/1\.1 (401|404)/);
    expect(heldMs).toBeLessThan(BODY_TIMEOUT_MS + 1_000);
  });
});

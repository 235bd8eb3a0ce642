import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerTooLargeError } from '../subgraph-client/bounded-answer';
import { CallTimeoutError, postWithinBounds } from '../subgraph-client/bounded-post';

/** How the loopback subgraph answers a request, by its path. */
const ANSWERS: Record<string, (res: ServerResponse, body: string) => void> = {
  '/echo': (res, body) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ echoed: body }));
  },
  '/never': () => undefined,
  '/declared-large': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
    res.write('x'.repeat(100));
  },
  '/chunked-large': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let at = 0; at < 5; at += 1) res.write('y'.repeat(1_000));
    res.end();
  },
};

let server: Server;
let origin = '';
/** Connections the server saw closed (a bound that aborts a call closes its connection). */
let closedConnections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => ANSWERS[req.url ?? '']?.(res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => socket.on('close', () => (closedConnections += 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, overrides: { timeoutMs?: number; maxBytes?: number } = {}) => ({
  path,
  headers: { 'content-type': 'application/json' },
  body: '{"query":"{ ok }"}',
  timeoutMs: overrides.timeoutMs ?? 2_000,
  maxBytes: overrides.maxBytes ?? 1_024,
});

describe('a POST to a subgraph within bounds', () => {
  it('answers the status and the text, and reuses its connection for the next call', async () => {
    const pool = new Pool(origin, { connections: 1 });
    const closedBefore = closedConnections;
    for (let call = 0; call < 3; call += 1) {
      expect(await postWithinBounds(pool, post('/echo'))).toEqual({
        statusCode: 200,
        text: JSON.stringify({ echoed: '{"query":"{ ok }"}' }),
      });
    }
    expect(closedConnections).toBe(closedBefore);
    await pool.close();
  });

  it('aborts a call past its timeout and closes its connection; the pool then calls afresh', async () => {
    const pool = new Pool(origin, { connections: 1 });
    const closedBefore = closedConnections;
    await expect(postWithinBounds(pool, post('/never', { timeoutMs: 50 }))).rejects.toBeInstanceOf(CallTimeoutError);
    await expect.poll(() => closedConnections).toBe(closedBefore + 1);
    expect((await postWithinBounds(pool, post('/echo'))).statusCode).toBe(200);
    await pool.close();
  });

  it('counts the wait for a busy connection within the deadline', async () => {
    const pool = new Pool(origin, { connections: 1 });
    const hanging = postWithinBounds(pool, post('/never', { timeoutMs: 400 }));
    const started = Date.now();
    await expect(postWithinBounds(pool, post('/echo', { timeoutMs: 50 }))).rejects.toBeInstanceOf(CallTimeoutError);
    expect(Date.now() - started).toBeLessThan(350);
    await expect(hanging).rejects.toBeInstanceOf(CallTimeoutError);
    await pool.close();
  });

  it.each(['/declared-large', '/chunked-large'])('fails an answer past its bytes (%s) and closes its connection', async (path) => {
    const pool = new Pool(origin, { connections: 1 });
    const closedBefore = closedConnections;
    await expect(postWithinBounds(pool, post(path, { maxBytes: 1_024 }))).rejects.toBeInstanceOf(AnswerTooLargeError);
    await expect.poll(() => closedConnections).toBe(closedBefore + 1);
    await pool.close();
  });

  it('fails a call to nowhere with the connection error', async () => {
    const pool = new Pool('http://127.0.0.1:9', { connections: 1 });
    await expect(postWithinBounds(pool, post('/echo'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await pool.close();
  });
});

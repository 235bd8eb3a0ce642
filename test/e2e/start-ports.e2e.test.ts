// Tests and benchmarks start processes on ports they found free; on a busy
// machine another process may take one before the listen. A subgraph then
// moves to another free port (with portFallback), and says where it went.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSubgraph, SUBGRAPHS } from '../../scripts/lib/federation.mjs';
import { freePort } from '../../scripts/lib/postgres.mjs';

type Started = { port: number; url: string; stop: () => Promise<void> };

describe('a subgraph whose port was taken between its choice and its listen', () => {
  const medicines = (SUBGRAPHS as { name: string }[]).find((s) => s.name === 'medicines');
  const storage = () => ({ postgresUrl: inject('e2ePostgresUrl') });
  const env = () => inject('subgraphEnv').medicines;
  let taken: number;
  let squatter: Server;

  beforeAll(async () => {
    taken = await freePort();
    // Holds the port, and drops whatever connects to it (the health polls of the subgraph that wanted it).
    squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  it('moves to another free port with portFallback, and answers there', async () => {
    const started = (await startSubgraph(medicines, storage(), { port: taken, env: env(), quiet: true, portFallback: true })) as Started;
    try {
      expect(started.port).not.toBe(taken);
      expect(started.url).toBe(`http://127.0.0.1:${started.port}/graphql`);
      expect((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status).toBe(200);
    } finally {
      await started.stop();
    }
  });

  it('fails, naming the taken port, without it (npm start keeps its fixed ports)', async () => {
    await expect(startSubgraph(medicines, storage(), { port: taken, env: env(), quiet: true })).rejects.toThrow(/EADDRINUSE/);
  });
});

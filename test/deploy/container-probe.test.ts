import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readSubgraphConfig, type RunningServer } from '@cmb/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/deploy-commands';
import { startEchoSubgraph } from '../support/echo-subgraph';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

const PROBE = join(ROOT, 'deploy/container/probe.mjs');

/**
 * Runs the image's probe as Kubernetes' exec probe does: node, the path, the
 * container's environment. Asynchronously: the subgraph answers from this
 * same process.
 */
function probe(path: string, env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PROBE, path], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the container probe against a subgraph that requires client certificates', () => {
  let certificates: TestCertificates;
  let subgraph: RunningServer;
  let tlsEnv: Record<string, string>;
  beforeAll(async () => {
    certificates = makeTestCertificates();
    // The pod's environment as the chart sets it: the subgraph's own certificate, and the CA of its clients.
    tlsEnv = {
      TLS_CERT_FILE: certificates.serverAndClient.cert,
      TLS_KEY_FILE: certificates.serverAndClient.key,
      TLS_CLIENT_CA_FILE: certificates.ca,
    };
    subgraph = await startEchoSubgraph(readSubgraphConfig('providers', { NODE_ENV: 'test', ...tlsEnv }, { port: 0 }));
  });
  afterAll(async () => {
    await subgraph?.close();
    certificates?.remove();
  });

  it('passes with the pod’s own certificate (loopback, the service name in the certificate not checked)', async () => {
    const result = await probe('/healthz', { ...tlsEnv, PORT: String(subgraph.port) });
    expect(result.status, result.stderr).toBe(0);
  });

  it('fails with a certificate of another CA, without one, and on a path that is not 2xx', async () => {
    const port = String(subgraph.port);
    const foreign = {
      TLS_CERT_FILE: certificates.otherClient.cert,
      TLS_KEY_FILE: certificates.otherClient.key,
      TLS_CLIENT_CA_FILE: certificates.ca,
    };
    const refused = [await probe('/healthz', { ...foreign, PORT: port }), await probe('/healthz', { PORT: port })];
    for (const result of refused) {
      expect(result.status).toBe(1);
      // Refused at the handshake or the protocol, not left to time out.
      expect(result.stderr).not.toMatch(/no answer within|HTTP \d/);
    }
    const missing = await probe('/no-such-path', { ...tlsEnv, PORT: port });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('HTTP 404');
  });

  it('fails when nothing listens', async () => {
    const result = await probe('/healthz', { PORT: '1', PROBE_TIMEOUT_MS: '1000' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('probe /healthz on port 1');
  });
});

// Health probe of a container: GET <path> (default /healthz) on this process's
// own port (PORT) and exit 0 on a 2xx answer, 1 otherwise. The runtime image
// has no curl or shell tools: the image's HEALTHCHECK and Kubernetes' exec
// probes run this with node. A subgraph serving HTTPS (TLS_CERT_FILE set)
// that requires client certificates (TLS_CLIENT_CA_FILE) is probed with its
// own certificate, which the same internal CA signed; the CA check of the
// answer is kept (PROBE_CA_FILE or TLS_CLIENT_CA_FILE), the host name is not
// (the probe talks to itself over loopback, where the certificate's service
// names do not apply).
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const path = process.argv[2] ?? '/healthz';
const port = Number(process.env.PROBE_PORT ?? process.env.PORT ?? 8080);
const timeoutMs = Number(process.env.PROBE_TIMEOUT_MS ?? 2000);
// The CA that signed this process's certificate: PROBE_CA_FILE, else the CA of a subgraph's clients (the same internal CA).
const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = process.env;
const caFile = process.env.PROBE_CA_FILE ?? process.env.TLS_CLIENT_CA_FILE;

const tls = certFile && keyFile;
const options = {
  host: '127.0.0.1',
  port,
  path,
  method: 'GET',
  timeout: timeoutMs,
  ...(tls && {
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    ...(caFile && { ca: readFileSync(caFile) }),
    checkServerIdentity: () => undefined,
  }),
};

const fail = (reason) => {
  process.stderr.write(`probe ${path} on port ${port}: ${reason}\n`);
  process.exit(1);
};

const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
  res.resume();
  const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
  if (ok) process.exit(0);
  fail(`HTTP ${res.statusCode}`);
});
req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
req.on('error', (error) => fail(error.message));
req.end();

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Files of one certificate and its key (PEM). */
export interface CertificateFiles {
  cert: string;
  key: string;
}

/** What a mutual-TLS test needs, made at test time with the `openssl` CLI, valid one day. */
export interface TestCertificates {
  dir: string;
  /** The CA that signs the subgraph's certificate and the gateway's client certificate. */
  ca: string;
  /** The subgraph's server certificate (127.0.0.1 and localhost). */
  server: CertificateFiles;
  /** The gateway's client certificate. */
  client: CertificateFiles;
  /** A subgraph certificate for both ends, as the Helm chart issues it: it serves, and its own health probe presents it. */
  serverAndClient: CertificateFiles;
  /** Another CA, and a client certificate it signed: what a subgraph must refuse. */
  otherCa: string;
  otherClient: CertificateFiles;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(
      `openssl ${args[0]} failed (is the openssl CLI installed?): ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

function makeCa(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return { cert, key };
}

function makeLeaf(dir: string, name: string, ca: { cert: string; key: string }, extensions: string): CertificateFiles {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl(
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`],
    dir,
  );
  openssl(
    ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '1', '-out', cert, '-extfile', ext],
    dir,
  );
  return { cert, key };
}

/** A CA, a subgraph server certificate and a gateway client certificate it signed, plus a foreign CA and client. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'cmb-tls-'));
  const ca = makeCa(dir, 'cmb-test-ca');
  const otherCa = makeCa(dir, 'other-ca');
  const client = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n';
  return {
    dir,
    ca: ca.cert,
    server: makeLeaf(
      dir,
      'subgraph',
      ca,
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
    ),
    client: makeLeaf(dir, 'cmb-gateway', ca, client),
    serverAndClient: makeLeaf(
      dir,
      'subgraph-probed',
      ca,
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:cmb-providers.cmb.svc\n',
    ),
    otherCa: otherCa.cert,
    otherClient: makeLeaf(dir, 'intruder', otherCa, client),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// Makes the secrets of the compose stack, once, on the machine that runs it
// (`node deploy/compose/make-secrets.mjs [--out <dir>]`, default deploy/):
// deploy/.env (read by `docker compose` for the ${VAR} of compose.yaml) and
// deploy/.secrets/audit-trusted-keys.json (the public key that verifies the
// gateway's audit checkpoints). Both are git-ignored and never enter an image
// (deploy/Dockerfile.dockerignore). Needs the compiled workspace (`npm run build`).
// Refuses to overwrite: a new signing key would leave the trail's earlier
// checkpoints unverifiable; delete the files yourself to start over.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSigningKeyPair } from '@cmb/audit-store';
import { generateContextKeyPair } from '@cmb/kit';

const outFlag = process.argv.indexOf('--out');
const deployDir = outFlag > 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]) : resolve(import.meta.dirname, '..');
const envFile = join(deployDir, '.env');
const trustedFile = join(deployDir, '.secrets', 'audit-trusted-keys.json');
if (existsSync(envFile) || existsSync(trustedFile)) {
  process.stderr.write(`${envFile} or ${trustedFile} exists already: kept (remove both to make new secrets)\n`);
  process.exit(1);
}

/** A random secret of `bytes` bytes, base64url (no commas, no colons). */
const secret = (bytes = 48) => randomBytes(bytes).toString('base64url');
const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
const context = generateContextKeyPair();
const contextKeyId = `gw-${today}`;
const audit = generateSigningKeyPair();
const auditKeyId = `k${today}`;

const lines = {
  POSTGRES_PASSWORD: secret(24),
  AUDIT_WRITER_PASSWORD: secret(24),
  AUDIT_READER_PASSWORD: secret(24),
  KEYCLOAK_DB_PASSWORD: secret(24),
  KEYCLOAK_ADMIN_PASSWORD: secret(24),
  GATEWAY_CONTEXT_KEY_ID: contextKeyId,
  GATEWAY_CONTEXT_PRIVATE_KEY: context.privateKey,
  GATEWAY_CONTEXT_PUBLIC_KEYS: `${contextKeyId}:${context.publicKey}`,
  AUDIT_SIGNING_KEY_ID: auditKeyId,
  AUDIT_SIGNING_KEY: audit.privateKey,
  AUDIT_PSEUDONYM_KEYS: `v${today}:${secret()}`,
  DECISION_ID_KEY: randomBytes(32).toString('base64'),
  CONSENT_CAPABILITY_SECRET: secret(),
  FEDERATION_PROOF_SECRET: secret(),
};
mkdirSync(join(deployDir, '.secrets'), { recursive: true, mode: 0o700 });
writeFileSync(
  envFile,
  `# Secrets of the compose stack (node deploy/compose/make-secrets.mjs). Never commit.\n${Object.entries(lines)
    .map(([name, value]) => `${name}='${value}'`)
    .join('\n')}\n`,
  { mode: 0o600 },
);
// Public keys only: readable by the containers' user.
writeFileSync(trustedFile, `${JSON.stringify({ [auditKeyId]: { publicKey: audit.publicKey, writers: ['gw_audit:*'] } }, null, 2)}\n`, {
  mode: 0o644,
});
process.stdout.write(`wrote ${envFile} and ${trustedFile}\n`);

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { developmentSigningKey, publicKeyOf, TrustedKeys } from './checkpoint-signing';
import type { AuditDatabaseConfig } from './database';
import { PseudonymKeyring } from './pseudonym-keyring';

/** The development keys: the gateway refuses them when `NODE_ENV=production`. */
export const DEVELOPMENT_KEYS = {
  pseudonymKeys: 'dev:development-only-audit-pseudonym-key-0001',
  signingKeyId: 'dev',
  signingKey: developmentSigningKey('development-only-audit-signing-key'),
} as const;

const environment = z.object({
  AUDIT_DATABASE_URL: z.string().url().optional(),
  AUDIT_SQLITE_PATH: z.string().default('data/audit.sqlite'),
  AUDIT_PSEUDONYM_KEYS: z.string().optional(),
  AUDIT_TRUSTED_KEYS_FILE: z.string().optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
});

/** The development retention period (ten years), until the CNDP's is confirmed. */
const DEVELOPMENT_RETENTION_DAYS = 3_650;

/** The audit store, key ring and trusted keys of the environment, for the command and the `audit` subgraph. */
export interface AuditEnvironment {
  database: AuditDatabaseConfig;
  keyring: PseudonymKeyring;
  trusted: TrustedKeys;
  /** How long events are kept: what retention purges after, and what verification expects still there. */
  retentionDays: number;
}

/**
 * Reads `AUDIT_DATABASE_URL` (else `AUDIT_SQLITE_PATH`), `AUDIT_PSEUDONYM_KEYS`,
 * `AUDIT_TRUSTED_KEYS_FILE` (a JSON object of key id -> Ed25519 public key;
 * without it, only the development key is trusted, and never in production)
 * and `AUDIT_RETENTION_DAYS` (required in production).
 */
export function readAuditEnvironment(env: NodeJS.ProcessEnv = process.env): AuditEnvironment {
  const parsed = environment.safeParse(env);
  if (!parsed.success)
    throw new Error(`Invalid audit configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const values = parsed.data;
  const production = env.NODE_ENV === 'production';
  if (production && !values.AUDIT_PSEUDONYM_KEYS)
    throw new Error('Invalid audit configuration: AUDIT_PSEUDONYM_KEYS must be set in production');
  if (production && !values.AUDIT_TRUSTED_KEYS_FILE)
    throw new Error('Invalid audit configuration: AUDIT_TRUSTED_KEYS_FILE must be set in production');
  if (production && !values.AUDIT_RETENTION_DAYS)
    throw new Error(
      'Invalid audit configuration: AUDIT_RETENTION_DAYS must be set in production (the retention period of the trail, in days)',
    );
  const trusted = values.AUDIT_TRUSTED_KEYS_FILE
    ? TrustedKeys.parse(readFileSync(values.AUDIT_TRUSTED_KEYS_FILE, 'utf8'))
    : new TrustedKeys().add(DEVELOPMENT_KEYS.signingKeyId, publicKeyOf(DEVELOPMENT_KEYS.signingKey));
  return {
    database: { url: values.AUDIT_DATABASE_URL, sqlitePath: values.AUDIT_SQLITE_PATH },
    keyring: PseudonymKeyring.parse(values.AUDIT_PSEUDONYM_KEYS ?? DEVELOPMENT_KEYS.pseudonymKeys),
    trusted,
    retentionDays: values.AUDIT_RETENTION_DAYS ?? DEVELOPMENT_RETENTION_DAYS,
  };
}

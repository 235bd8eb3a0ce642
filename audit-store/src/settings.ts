import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { checkpointSigner, developmentSigningKey, publicKeyOf, TrustedKeys, type CheckpointSigner } from './checkpoint-signing';
import { PseudonymKeyring } from './pseudonym-keyring';

/** The development keys: refused in production (any `NODE_ENV` but development and test). */
export const DEVELOPMENT_KEYS = {
  pseudonymKeys: 'dev:development-only-audit-pseudonym-key-0001',
  signingKeyId: 'dev',
  signingKey: developmentSigningKey('development-only-audit-signing-key'),
} as const;

/** The development retention period (ten years), until the CNDP's is confirmed. */
const DEVELOPMENT_RETENTION_DAYS = 3_650;

/** The secret part of the development pseudonymisation key: a key ring that contains it is refused in production. */
const DEVELOPMENT_PSEUDONYM_SECRET = DEVELOPMENT_KEYS.pseudonymKeys.slice(DEVELOPMENT_KEYS.pseudonymKeys.indexOf(':') + 1);

/**
 * Every `AUDIT_*` variable, each under the one setting it makes. The gateway,
 * the audit subgraph and the `npm run audit` command each read the settings
 * they need through {@link readAuditSettings}.
 */
export interface AuditSettings {
  /** `AUDIT_MODE`: `on`, every personal-data access is audited (fail closed); `off` (never in production): benchmarks only. */
  mode: 'on' | 'off';
  /** `AUDIT_DATABASE_URL` (PostgreSQL), else `AUDIT_SQLITE_PATH`: where the store lives. */
  database: { url?: string; sqlitePath: string };
  /** `AUDIT_PSEUDONYM_KEYS`: the pseudonymisation keys, current first; required in production. */
  keyring: PseudonymKeyring;
  /** `AUDIT_SIGNING_KEY` and `AUDIT_SIGNING_KEY_ID`, set together: signs a writer's checkpoints; required in production. */
  signer: CheckpointSigner;
  /** `AUDIT_WRITER_ID`, `AUDIT_CHECKPOINT_EVERY`, `AUDIT_CHECKPOINT_INTERVAL_MS`: a writer's hash chain and how often it is sealed. */
  chain: {
    /** The chain this writer appends to; unset, the writer chooses one (the gateway: `<hostname>:<port>`). */
    writerId: string | undefined;
    checkpointEvery: number;
    checkpointIntervalMs: number;
  };
  /** `AUDIT_TRUSTED_KEYS_FILE`: the public keys verification trusts; without it only the development key, never in production. */
  trusted: TrustedKeys;
  /**
   * `AUDIT_WITNESS_DATABASE_URL` (PostgreSQL), else `AUDIT_WITNESS_SQLITE_PATH`:
   * the witness of the checkpoints, a database of its own; null when neither
   * is set. Required in production (the gateway writes it, `verify` reads it).
   */
  witness: { url?: string; sqlitePath?: string } | null;
  /** `AUDIT_RETENTION_DAYS`: what retention purges after, and what verification expects still there; required in production. */
  retentionDays: number;
  /** `AUDIT_ANOMALY_*`: overrides of the anomaly thresholds, which otherwise come from the audit subgraph's versioned rules. */
  anomalyThresholds: {
    volumeFactor?: number;
    volumeMinimum?: number;
    offHoursMinimum?: number;
    refusedBurst?: number;
  };
  /**
   * `AUDIT_SEARCH_TIMEOUT_MS`: the longest one statement of the audit
   * subgraph (officers' searches, anomaly reports, access histories) may run
   * on PostgreSQL before the store cancels it; below the gateway's timeout of
   * its calls to the subgraph, so no statement outlives the answer it serves.
   */
  searchTimeoutMs: number;
}

/** The name of one setting of {@link AuditSettings}. */
export type AuditSettingName = keyof AuditSettings;

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The default bound of a statement of the audit subgraph: 1.5 s, below the
 * gateway's default timeout of a subgraph call (`SUBGRAPH_TIMEOUT_MS`, 2 s).
 */
export const DEFAULT_SEARCH_TIMEOUT_MS = 1_500;

/** The variables of each setting: only the variables of the settings asked for are read and validated. */
const VARIABLES = {
  mode: { AUDIT_MODE: z.enum(['on', 'off']).default('on') },
  database: { AUDIT_DATABASE_URL: z.string().url().optional(), AUDIT_SQLITE_PATH: z.string().default('data/audit.sqlite') },
  keyring: { AUDIT_PSEUDONYM_KEYS: z.string().optional() },
  signer: {
    AUDIT_SIGNING_KEY: z.string().optional(),
    AUDIT_SIGNING_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, '1 to 32 letters, digits, dots, dashes or underscores')
      .optional(),
  },
  chain: {
    AUDIT_WRITER_ID: z.string().min(1).max(128).optional(),
    AUDIT_CHECKPOINT_EVERY: count(1, 1_000_000).default(1000),
    AUDIT_CHECKPOINT_INTERVAL_MS: count(100, 3_600_000).default(60_000),
  },
  trusted: { AUDIT_TRUSTED_KEYS_FILE: z.string().optional() },
  witness: { AUDIT_WITNESS_DATABASE_URL: z.string().url().optional(), AUDIT_WITNESS_SQLITE_PATH: z.string().min(1).optional() },
  retentionDays: { AUDIT_RETENTION_DAYS: count(1, 36_500).optional() },
  anomalyThresholds: {
    AUDIT_ANOMALY_VOLUME_FACTOR: z.coerce.number().positive().max(1000).optional(),
    AUDIT_ANOMALY_VOLUME_MINIMUM: count(1, 1_000_000).optional(),
    AUDIT_ANOMALY_OFF_HOURS_MINIMUM: count(1, 1_000_000).optional(),
    AUDIT_ANOMALY_REFUSED_BURST: count(2, 1_000_000).optional(),
  },
  searchTimeoutMs: { AUDIT_SEARCH_TIMEOUT_MS: count(100, 60_000).default(DEFAULT_SEARCH_TIMEOUT_MS) },
} satisfies Record<AuditSettingName, z.ZodRawShape>;

const variables = z.object({
  ...VARIABLES.mode,
  ...VARIABLES.database,
  ...VARIABLES.keyring,
  ...VARIABLES.signer,
  ...VARIABLES.chain,
  ...VARIABLES.trusted,
  ...VARIABLES.witness,
  ...VARIABLES.retentionDays,
  ...VARIABLES.anomalyThresholds,
  ...VARIABLES.searchTimeoutMs,
});

/** The order settings are built in, so a reading reports the same first problem whatever order they were asked in. */
const AUDIT_SETTING_ORDER: readonly AuditSettingName[] = [
  'mode',
  'database',
  'keyring',
  'signer',
  'chain',
  'trusted',
  'witness',
  'retentionDays',
  'anomalyThresholds',
  'searchTimeoutMs',
];

/** How the errors of a reading start: `Invalid <configuration>: ...`. */
export interface AuditSettingsOptions {
  /** What is being configured, for the messages: `gateway configuration`; `audit configuration` by default. */
  configuration?: string;
}

/**
 * Reads and validates the `AUDIT_*` variables of the settings asked for, and
 * only those. An error names the offending variable, never its value. In production
 * (any `NODE_ENV` but development and test, unset included), each setting asked for refuses what production must
 * not run with: `AUDIT_MODE=off`; no `AUDIT_PSEUDONYM_KEYS`,
 * `AUDIT_SIGNING_KEY`, `AUDIT_TRUSTED_KEYS_FILE` or `AUDIT_RETENTION_DAYS`;
 * the development keys.
 */
export function readAuditSettings<N extends AuditSettingName>(
  env: Record<string, string | undefined>,
  names: readonly N[],
  options: AuditSettingsOptions = {},
): Pick<AuditSettings, N> {
  const invalid = (problem: string, cause?: unknown) =>
    new Error(`Invalid ${options.configuration ?? 'audit configuration'}: ${problem}`, cause === undefined ? undefined : { cause });
  const asked = new Set<AuditSettingName>(names);
  const read = Object.fromEntries([...asked].flatMap((name) => Object.keys(VARIABLES[name])).map((variable) => [variable, env[variable]]));
  const parsed = variables.safeParse(read);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const values = parsed.data;

  // Production is any NODE_ENV but development and test, unset included.
  const production = env.NODE_ENV !== 'development' && env.NODE_ENV !== 'test';
  if (production) {
    if (asked.has('mode') && values.AUDIT_MODE === 'off') throw invalid('AUDIT_MODE=off is refused in production');
    if (asked.has('keyring') && !values.AUDIT_PSEUDONYM_KEYS)
      throw invalid('AUDIT_PSEUDONYM_KEYS must be set in production ("version:secret", secrets of 32+ random characters)');
    if (asked.has('signer') && !values.AUDIT_SIGNING_KEY)
      throw invalid('AUDIT_SIGNING_KEY must be set in production (an Ed25519 private key: npm run audit -- keys)');
    if (asked.has('trusted') && !values.AUDIT_TRUSTED_KEYS_FILE) throw invalid('AUDIT_TRUSTED_KEYS_FILE must be set in production');
    if (asked.has('witness') && !values.AUDIT_WITNESS_DATABASE_URL && !values.AUDIT_WITNESS_SQLITE_PATH)
      throw invalid('AUDIT_WITNESS_DATABASE_URL must be set in production (the witness of the checkpoints, a database of its own)');
    if (asked.has('retentionDays') && !values.AUDIT_RETENTION_DAYS)
      throw invalid('AUDIT_RETENTION_DAYS must be set in production (the retention period of the trail, in days)');
    if (
      (asked.has('signer') && values.AUDIT_SIGNING_KEY === DEVELOPMENT_KEYS.signingKey) ||
      (asked.has('keyring') && values.AUDIT_PSEUDONYM_KEYS?.includes(DEVELOPMENT_PSEUDONYM_SECRET))
    )
      throw invalid('the development audit keys are refused in production');
  }
  if (asked.has('signer') && Boolean(values.AUDIT_SIGNING_KEY) !== Boolean(values.AUDIT_SIGNING_KEY_ID))
    throw invalid('set AUDIT_SIGNING_KEY and AUDIT_SIGNING_KEY_ID together');

  /** Reads one setting, naming its variable when it is malformed (never echoing its secret). */
  const setting = <T>(variable: string, readValue: () => T): T => {
    try {
      return readValue();
    } catch (error) {
      throw invalid(`${variable}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  };
  const build: { [K in AuditSettingName]: () => AuditSettings[K] } = {
    mode: () => values.AUDIT_MODE,
    database: () => ({ url: values.AUDIT_DATABASE_URL, sqlitePath: values.AUDIT_SQLITE_PATH }),
    keyring: () =>
      setting('AUDIT_PSEUDONYM_KEYS', () => PseudonymKeyring.parse(values.AUDIT_PSEUDONYM_KEYS ?? DEVELOPMENT_KEYS.pseudonymKeys)),
    signer: () =>
      setting('AUDIT_SIGNING_KEY', () =>
        checkpointSigner(
          values.AUDIT_SIGNING_KEY_ID ?? DEVELOPMENT_KEYS.signingKeyId,
          values.AUDIT_SIGNING_KEY ?? DEVELOPMENT_KEYS.signingKey,
        ),
      ),
    chain: () => ({
      writerId: values.AUDIT_WRITER_ID,
      checkpointEvery: values.AUDIT_CHECKPOINT_EVERY,
      checkpointIntervalMs: values.AUDIT_CHECKPOINT_INTERVAL_MS,
    }),
    trusted: () => {
      const file = values.AUDIT_TRUSTED_KEYS_FILE;
      if (!file) return new TrustedKeys().add(DEVELOPMENT_KEYS.signingKeyId, publicKeyOf(DEVELOPMENT_KEYS.signingKey));
      const trusted = setting('AUDIT_TRUSTED_KEYS_FILE', () => TrustedKeys.parse(readFileSync(file, 'utf8')));
      if (production && trusted.legacy.length > 0)
        throw invalid(
          `AUDIT_TRUSTED_KEYS_FILE: bind every key to the writers it signs for ({ "publicKey": ..., "writers": [...] }); not bound: ${trusted.legacy.join(', ')}`,
        );
      return trusted;
    },
    witness: () =>
      values.AUDIT_WITNESS_DATABASE_URL || values.AUDIT_WITNESS_SQLITE_PATH
        ? { url: values.AUDIT_WITNESS_DATABASE_URL, sqlitePath: values.AUDIT_WITNESS_SQLITE_PATH }
        : null,
    retentionDays: () => values.AUDIT_RETENTION_DAYS ?? DEVELOPMENT_RETENTION_DAYS,
    anomalyThresholds: () => ({
      volumeFactor: values.AUDIT_ANOMALY_VOLUME_FACTOR,
      volumeMinimum: values.AUDIT_ANOMALY_VOLUME_MINIMUM,
      offHoursMinimum: values.AUDIT_ANOMALY_OFF_HOURS_MINIMUM,
      refusedBurst: values.AUDIT_ANOMALY_REFUSED_BURST,
    }),
    searchTimeoutMs: () => values.AUDIT_SEARCH_TIMEOUT_MS,
  };
  const settings: Partial<AuditSettings> = {};
  for (const name of AUDIT_SETTING_ORDER) if (asked.has(name)) Object.assign(settings, { [name]: build[name]() });
  return settings as Pick<AuditSettings, N>;
}

/**
 * The settings the reading side shares (the audit subgraph and the
 * `npm run audit` command, given one environment): the store, the key ring,
 * the trusted keys and the retention period, each required in production.
 */
export const AUDIT_READER_SETTINGS = ['database', 'keyring', 'trusted', 'retentionDays'] as const satisfies readonly AuditSettingName[];

/** The audit store, key ring, trusted keys and retention period of the environment, for the command and the audit subgraph. */
export type AuditEnvironment = Pick<AuditSettings, (typeof AUDIT_READER_SETTINGS)[number]>;

/** Reads the {@link AUDIT_READER_SETTINGS} of an environment (the process's by default). */
export function readAuditEnvironment(env: Record<string, string | undefined> = process.env): AuditEnvironment {
  return readAuditSettings(env, AUDIT_READER_SETTINGS);
}

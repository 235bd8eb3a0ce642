import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ContextPublicKeys, DEVELOPMENT_CONTEXT_KEY } from '../auth/context-keys';
import type { DatabaseConfig } from '../data/data-source-factory';
import { readTracingSettings, type TracingSettings } from '../tracing/tracing-settings';

/** A subgraph's TLS: its certificate and key, and the CA of the clients it accepts (mutual TLS) when given. */
export interface SubgraphTls {
  cert: Buffer;
  key: Buffer;
  /** Only clients with a certificate this CA signed complete the handshake (the gateway). */
  clientCa?: Buffer;
}

/** Settings every subgraph reads from its environment. */
export interface SubgraphConfig {
  /** Subgraph name, used in logs and readiness. */
  name: string;
  host: string;
  port: number;
  database: DatabaseConfig;
  logLevel: string;
  production: boolean;
  /** How the caller context the gateway signed is checked: its public keys, and the clock skew allowed. */
  gatewayContext: { publicKeys: ContextPublicKeys; clockSkewSeconds: number };
  /** HTTPS (with client certificates when a client CA is given); null: plain HTTP. */
  tls: SubgraphTls | null;
  /** The largest request body read (`MAX_BODY_BYTES`); larger ones are refused with 413 before any parsing. */
  maxBodyBytes: number;
  /** Where its traces go (OTLP/HTTP JSON, `OTEL_EXPORTER_OTLP_ENDPOINT`); null: no tracing, no SDK loaded. */
  tracing: TracingSettings | null;
}

/** The body limit of a subgraph that loads no files: 4 MiB. */
export const DEFAULT_SUBGRAPH_MAX_BODY_BYTES = 4 * 1024 * 1024;

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.string().url().optional(),
  SQLITE_PATH: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  GATEWAY_CONTEXT_PUBLIC_KEYS: z.string().min(1).optional(),
  GATEWAY_CONTEXT_PUBLIC_KEYS_FILE: z.string().min(1).optional(),
  GATEWAY_CONTEXT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  TLS_CLIENT_CA_FILE: z.string().min(1).optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(300 * 1024 * 1024)
    .optional(),
});

/**
 * Whether a process runs as production: any `NODE_ENV` other than
 * `development` or `test`, unset included. `npm start` and the tests set it;
 * a deployment that forgets it gets production's refusals, not development's
 * secrets.
 */
export function runsInProduction(nodeEnv: string | undefined): boolean {
  return nodeEnv !== 'development' && nodeEnv !== 'test';
}

/** Reads one setting, naming the variable when it is malformed (never echoing its value). */
function setting<T>(owner: string, variable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`Invalid configuration for subgraph ${owner}: ${variable}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/**
 * The gateway public keys a subgraph trusts: `GATEWAY_CONTEXT_PUBLIC_KEYS`
 * (`kid:key,...`) or `GATEWAY_CONTEXT_PUBLIC_KEYS_FILE` (JSON `{ kid: key }`);
 * the development key outside production when neither is set. Production
 * needs its own keys and refuses the development key.
 */
export function contextPublicKeysFrom(
  values: { GATEWAY_CONTEXT_PUBLIC_KEYS?: string; GATEWAY_CONTEXT_PUBLIC_KEYS_FILE?: string },
  production: boolean,
  owner: string,
): ContextPublicKeys {
  const { GATEWAY_CONTEXT_PUBLIC_KEYS: list, GATEWAY_CONTEXT_PUBLIC_KEYS_FILE: file } = values;
  if (list && file)
    throw new Error(
      `Invalid configuration for subgraph ${owner}: set GATEWAY_CONTEXT_PUBLIC_KEYS or GATEWAY_CONTEXT_PUBLIC_KEYS_FILE, not both`,
    );
  if (production && !list && !file)
    throw new Error(
      `Invalid configuration for subgraph ${owner}: GATEWAY_CONTEXT_PUBLIC_KEYS must be set in production (kid:key,... of the gateway's ES256 public keys), or GATEWAY_CONTEXT_PUBLIC_KEYS_FILE`,
    );
  const keys = list
    ? setting(owner, 'GATEWAY_CONTEXT_PUBLIC_KEYS', () => ContextPublicKeys.parseList(list))
    : file
      ? setting(owner, 'GATEWAY_CONTEXT_PUBLIC_KEYS_FILE', () => ContextPublicKeys.parseJson(readFileSync(file, 'utf8')))
      : new ContextPublicKeys().add(DEVELOPMENT_CONTEXT_KEY.keyId, DEVELOPMENT_CONTEXT_KEY.publicKey);
  if (keys.keyIds.length === 0) throw new Error(`Invalid configuration for subgraph ${owner}: no gateway public key given`);
  if (production && keys.trustsDevelopmentKey())
    throw new Error(
      `Invalid configuration for subgraph ${owner}: the development context key is refused in production (NODE_ENV other than development or test)`,
    );
  return keys;
}

/** The TLS files of a subgraph, read once; null when none is set. */
function tlsFrom(
  values: { TLS_CERT_FILE?: string; TLS_KEY_FILE?: string; TLS_CLIENT_CA_FILE?: string },
  owner: string,
): SubgraphTls | null {
  const { TLS_CERT_FILE: cert, TLS_KEY_FILE: key, TLS_CLIENT_CA_FILE: clientCa } = values;
  if (!cert && !key && !clientCa) return null;
  if (Boolean(cert) !== Boolean(key))
    throw new Error(`Invalid configuration for subgraph ${owner}: set TLS_CERT_FILE and TLS_KEY_FILE together`);
  if (!cert || !key)
    throw new Error(`Invalid configuration for subgraph ${owner}: TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE`);
  const read = (variable: string, path: string) => setting(owner, variable, () => readFileSync(path));
  return {
    cert: read('TLS_CERT_FILE', cert),
    key: read('TLS_KEY_FILE', key),
    ...(clientCa && { clientCa: read('TLS_CLIENT_CA_FILE', clientCa) }),
  };
}

/**
 * Reads and validates the common subgraph settings once. Fails with every
 * offending variable named, so a misconfigured process never starts.
 */
export function readSubgraphConfig(
  name: string,
  env: Record<string, string | undefined>,
  defaults: { port: number; maxBodyBytes?: number },
): SubgraphConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration for subgraph ${name}: ${problems}`);
  }
  const values = parsed.data;
  const production = runsInProduction(values.NODE_ENV);
  return {
    name,
    host: values.HOST,
    port: values.PORT ?? defaults.port,
    database: {
      url: values.DATABASE_URL,
      sqlitePath: values.SQLITE_PATH ?? `data/${name}.sqlite`,
      poolSize: values.DB_POOL_SIZE,
    },
    logLevel: values.LOG_LEVEL,
    production,
    gatewayContext: {
      publicKeys: contextPublicKeysFrom(values, production, name),
      clockSkewSeconds: values.GATEWAY_CONTEXT_CLOCK_SKEW_SECONDS,
    },
    tls: tlsFrom(values, name),
    maxBodyBytes: values.MAX_BODY_BYTES ?? defaults.maxBodyBytes ?? DEFAULT_SUBGRAPH_MAX_BODY_BYTES,
    tracing: readTracingSettings(env, `cmb-${name}`, `subgraph ${name}`),
  };
}

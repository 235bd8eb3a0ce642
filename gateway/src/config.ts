import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { readAuditSettings, writerBoundToLogin, type CheckpointSigner, type PseudonymKeyring } from '@cmb/audit-store';
import {
  contextSigner,
  DEVELOPMENT_CONTEXT_KEY,
  isDevelopmentContextKey,
  readTracingSettings,
  runsInProduction,
  type ContextSigner,
  type TracingSettings,
} from '@cmb/kit';
import { z } from 'zod';
import type { ImportLimits } from './import-limits';
import type { QueryLimits } from './pipeline/graphql/enforce-limits';
import type { RateLimitSettings } from './rate-limiting/token-buckets';
import { clientAddressOf } from './server/client-address';

/** Settings of the gateway, read once at start. */
export interface GatewayConfig {
  host: string;
  port: number;
  /** Where Prometheus scrapes `/metrics`: a port of its own, never the public one. */
  metrics: { host: string; port: number };
  /** The supergraph composed at build time: served until the registry's is loaded, and when the registry cannot be read at start. */
  supergraphPath: string;
  /**
   * The subgraph registry's database the gateway follows (several gateways
   * share it): PostgreSQL URL or SQLite file; null: the build-time supergraph only.
   */
  registry: {
    database: { url?: string; sqlitePath?: string };
    /** How often the latest supergraph version is read. */
    pollMs: number;
    /** How often the field usage counted in memory is added to the registry's database. */
    usageFlushMs: number;
  } | null;
  /** Routing URL overrides per subgraph name. */
  subgraphUrls: Record<string, string>;
  /** Per-subgraph timeout in milliseconds, with a default. */
  subgraphTimeoutMs: number;
  subgraphTimeoutsMs: Record<string, number>;
  /** Subgraphs whose failure degrades an answer instead of failing it (hop 2 of the eligibility check). */
  degradableSubgraphs: string[];
  /** Keep-alive connections per subgraph. */
  subgraphConnections: number;
  /** The most bytes read from one subgraph answer (`SUBGRAPH_MAX_ANSWER_BYTES`), from an insurer's (`OG_SUBGRAPH_MAX_ANSWER_BYTES`). */
  subgraphMaxAnswerBytes: { national: number; insurer: number };
  /** TLS to the subgraphs (their CA, and the gateway's client certificate for mutual TLS); null: the system CAs over https. */
  subgraphTls: SubgraphClientTls | null;
  /** HTTPS on the public port (the ingress controller re-encrypts to it): the certificate and key; null: plain HTTP. */
  tls: { cert: Buffer; key: Buffer } | null;
  maxBodyBytes: number;
  /** How long a request's body (not an import's) may take to arrive whole; an import's has its subgraph timeout. */
  bodyTimeoutMs: number;
  /** A request under an import purpose (`reference:import`, a whole registry file): its body limit and its subgraph timeout. */
  imports: ImportLimits;
  logLevel: string;
  production: boolean;
  auth: {
    /** `required`: every request needs a valid token; `off` (never in production): benchmarks only. */
    mode: 'required' | 'off';
    issuer: string;
    audience: string;
    jwksUrl: string | undefined;
  };
  /** Signs the caller context of each subgraph call with the gateway's private key (subgraphs hold only the public key). */
  contextSigner: ContextSigner;
  limits: QueryLimits;
  rateLimit: RateLimitSettings;
  /**
   * The store the replicas share their rate limits through (Redis; `RATE_LIMIT_STORE_URL`)
   * and the longest a draw may wait for it; null: each replica counts in memory.
   */
  rateLimitStore: { url: string; timeoutMs: number } | null;
  /** Where the gateway's traces go (OTLP/HTTP JSON, `OTEL_EXPORTER_OTLP_ENDPOINT`); null: no tracing, no SDK loaded. */
  tracing: TracingSettings | null;
  /** How long an establishment's attached professionals are cached. */
  attachmentsTtlMs: number;
  /** The longest a subgraph's shareable answer is reused (`SHARED_ANSWERS_MAX_AGE_MS`); 0: never. */
  sharedAnswersMaxAgeMs: number;
  /** The web consoles' origin (`CONSOLE_ORIGIN`): the one origin a browser may call `/graphql` from (CORS); null: none. */
  consoleOrigin: string | null;
  /** The proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`); empty: the socket's peer is the client. */
  trustedProxies: string[];
  audit: {
    /** `on`: every personal-data access is audited (fail closed); `off` (never in production): benchmarks only. */
    mode: 'on' | 'off';
    database: { url?: string; sqlitePath: string };
    /** The witness of the checkpoints, a database of its own (required in production); null without one. */
    witness: { url?: string; sqlitePath?: string } | null;
    /** The pseudonymisation keys, current first. */
    keyring: PseudonymKeyring;
    /** Signs the checkpoints of this writer's chain. */
    signer: CheckpointSigner;
    /**
     * This writer's hash chain: unique among the gateways writing at the same
     * time; on PostgreSQL bound to the store login (`<login>` or
     * `<login>:...`, row-level security), `<login>:<hostname>:<port>` by default.
     */
    writerId: string;
    checkpointEvery: number;
    checkpointIntervalMs: number;
  };
}

/** What the gateway presents to and expects from the subgraphs over TLS (undici `connect` options). */
export interface SubgraphClientTls {
  /** The CA that signs the subgraphs' certificates. */
  ca?: Buffer;
  /** The gateway's client certificate and key, for subgraphs that require one. */
  cert?: Buffer;
  key?: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

const DEFAULT_SUPERGRAPH = resolve(__dirname, '../supergraph/supergraph.graphql');

/** The embedded development issuer of `npm start`: the default outside production, refused in production. */
const DEVELOPMENT_ISSUER = 'http://127.0.0.1:4010/realms/cmb';

/** Hosts of this machine (loopback, unspecified): only a process beside the gateway answers there. */
const LOCAL_HOST = /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|\[::ffff:127(\.\d{1,3}){3}\])$/i;

/** The development issuer's port (`npm start`): on this machine, under any of its names, it is that issuer. */
const DEVELOPMENT_ISSUER_PORT = new URL(DEVELOPMENT_ISSUER).port;

/**
 * Why a URL may not name the identity provider's realm or keys in
 * production, or null: the keys decide who every caller is, so they come
 * over TLS (`https:`) from any other machine (plain `http:` only from this
 * one: a provider beside the gateway, with no network between), and never
 * from the development issuer under another of its names.
 */
function productionIdentityUrlProblem(url: string): string | null {
  const parsed = new URL(url);
  const local = LOCAL_HOST.test(parsed.hostname);
  if (local && parsed.port === DEVELOPMENT_ISSUER_PORT) return 'a real identity provider, not the development issuer';
  if (parsed.protocol !== 'https:' && !local) return 'an https: URL (plain http: only to this machine)';
  return null;
}

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH),
  REGISTRY_DATABASE_URL: z.string().url().optional(),
  REGISTRY_SQLITE_PATH: z.string().min(1).optional(),
  SUPERGRAPH_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  FIELD_USAGE_FLUSH_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(64),
  SUBGRAPH_MAX_ANSWER_BYTES: z.coerce.number().int().min(1_024).max(1_073_741_824).default(8_388_608),
  OG_SUBGRAPH_MAX_ANSWER_BYTES: z.coerce.number().int().min(1_024).max(1_073_741_824).default(1_048_576),
  DEGRADABLE_SUBGRAPHS: z.string().default('providers,care-pathways'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(1024 * 1024),
  IMPORT_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  IMPORT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  AUTH_MODE: z.enum(['required', 'off']).default('required'),
  AUTH_ISSUER: z.string().url().optional(),
  AUTH_AUDIENCE: z.string().min(1).default('cmb-gateway'),
  AUTH_JWKS_URL: z.string().url().optional(),
  GATEWAY_CONTEXT_PRIVATE_KEY: z.string().min(1).optional(),
  GATEWAY_CONTEXT_KEY_ID: z.string().regex(KEY_ID, '1 to 32 letters, digits, dots, dashes or underscores').optional(),
  GATEWAY_CONTEXT_TTL_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  SUBGRAPH_TLS_CA_FILE: z.string().min(1).optional(),
  SUBGRAPH_TLS_CERT_FILE: z.string().min(1).optional(),
  SUBGRAPH_TLS_KEY_FILE: z.string().min(1).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
  QUERY_LIST_FACTOR: z.coerce.number().int().min(1).max(1000).default(20),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).max(1_000_000).default(50),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(100),
  RATE_LIMIT_STORE_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a Redis URL (redis://host:port or rediss:// over TLS)')
    .optional(),
  RATE_LIMIT_STORE_TIMEOUT_MS: z.coerce.number().int().min(5).max(5_000).default(100),
  ATTACHMENTS_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  SHARED_ANSWERS_MAX_AGE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => {
        try {
          clientAddressOf(entries);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'addresses, CIDR ranges or loopback, linklocal, uniquelocal, comma-separated (10.0.0.0/8,loopback)' },
    ),
  CONSOLE_ORIGIN: z
    .string()
    .regex(
      /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/,
      'an origin: scheme, host and port, no path (http://127.0.0.1:5173)',
    )
    .optional(),
});

/** `SUBGRAPH_CARE_PATHWAYS_URL` → `care-pathways`. */
function subgraphNameOf(variable: string, suffix: string): string {
  return variable.slice('SUBGRAPH_'.length, -suffix.length).toLowerCase().replace(/_/g, '-');
}

/** Collects `SUBGRAPH_<NAME>_<SUFFIX>` variables into a map by subgraph name. */
function perSubgraph<T>(
  env: Record<string, string | undefined>,
  suffix: string,
  parse: (value: string, variable: string) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [variable, value] of Object.entries(env)) {
    if (variable.startsWith('SUBGRAPH_') && variable.endsWith(suffix) && variable.length > 'SUBGRAPH_'.length + suffix.length && value) {
      result[subgraphNameOf(variable, suffix)] = parse(value, variable);
    }
  }
  return result;
}

/**
 * The gateway's writer id. On PostgreSQL the store binds writer ids to the
 * login appending them (`<login>` or `<login>:...`, row-level security): the
 * default is `<login>:<hostname>:<port>`, and an `AUDIT_WRITER_ID` of another
 * login is refused at start rather than at the first event.
 */
function auditWriterId(configured: string | undefined, url: string | undefined, host: string): string {
  const login = url ? decodeURIComponent(new URL(url).username) : '';
  if (!login) return configured ?? host;
  if (configured === undefined) return `${login}:${host}`;
  if (!writerBoundToLogin(configured, login))
    throw new Error(
      `Invalid gateway configuration: AUDIT_WRITER_ID must be "${login}" or start with "${login}:" (the audit store's login)`,
    );
  return configured;
}

/** Reads one setting, naming the variable when it is malformed (never echoing its secret). */
function setting<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`Invalid gateway configuration: ${variable}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Reads a TLS file once at start, naming the variable when it cannot. */
function tlsFile(variable: string, path: string): Buffer {
  return setting(variable, () => readFileSync(path));
}

/** The gateway's TLS settings towards the subgraphs, or null when none is set. */
function subgraphTlsFrom(values: { SUBGRAPH_TLS_CA_FILE?: string; SUBGRAPH_TLS_CERT_FILE?: string; SUBGRAPH_TLS_KEY_FILE?: string }) {
  const { SUBGRAPH_TLS_CA_FILE: ca, SUBGRAPH_TLS_CERT_FILE: cert, SUBGRAPH_TLS_KEY_FILE: key } = values;
  if (Boolean(cert) !== Boolean(key))
    throw new Error('Invalid gateway configuration: set SUBGRAPH_TLS_CERT_FILE and SUBGRAPH_TLS_KEY_FILE together');
  if (!ca && !cert) return null;
  const tls: SubgraphClientTls = {};
  if (ca) tls.ca = tlsFile('SUBGRAPH_TLS_CA_FILE', ca);
  if (cert && key) {
    tls.cert = tlsFile('SUBGRAPH_TLS_CERT_FILE', cert);
    tls.key = tlsFile('SUBGRAPH_TLS_KEY_FILE', key);
  }
  return tls;
}

/** The gateway's own certificate for HTTPS on its public port, or null when none is set. */
function serverTlsFrom(values: { TLS_CERT_FILE?: string; TLS_KEY_FILE?: string }): GatewayConfig['tls'] {
  const { TLS_CERT_FILE: cert, TLS_KEY_FILE: key } = values;
  if (Boolean(cert) !== Boolean(key)) throw new Error('Invalid gateway configuration: set TLS_CERT_FILE and TLS_KEY_FILE together');
  if (!cert || !key) return null;
  return { cert: tlsFile('TLS_CERT_FILE', cert), key: tlsFile('TLS_KEY_FILE', key) };
}

/**
 * The signer of the caller context: `GATEWAY_CONTEXT_PRIVATE_KEY` (ES256,
 * PKCS#8) under `GATEWAY_CONTEXT_KEY_ID`, contexts valid
 * `GATEWAY_CONTEXT_TTL_SECONDS`; the development key outside production.
 */
function contextSignerFrom(
  values: { GATEWAY_CONTEXT_PRIVATE_KEY?: string; GATEWAY_CONTEXT_KEY_ID?: string; GATEWAY_CONTEXT_TTL_SECONDS: number },
  production: boolean,
): ContextSigner {
  const { GATEWAY_CONTEXT_PRIVATE_KEY: privateKey, GATEWAY_CONTEXT_KEY_ID: keyId, GATEWAY_CONTEXT_TTL_SECONDS: ttlSeconds } = values;
  if (production && !privateKey)
    throw new Error(
      'Invalid gateway configuration: GATEWAY_CONTEXT_PRIVATE_KEY must be set in production (an ES256 private key: npm run context-keys)',
    );
  if (Boolean(privateKey) !== Boolean(keyId))
    throw new Error('Invalid gateway configuration: set GATEWAY_CONTEXT_PRIVATE_KEY and GATEWAY_CONTEXT_KEY_ID together');
  if (!privateKey || !keyId) return contextSigner({ ...DEVELOPMENT_CONTEXT_KEY, ttlSeconds });
  const signer = setting('GATEWAY_CONTEXT_PRIVATE_KEY', () => contextSigner({ keyId, privateKey, ttlSeconds }));
  if (production && isDevelopmentContextKey(privateKey))
    throw new Error(
      'Invalid gateway configuration: the development context key is refused in production (NODE_ENV other than development or test)',
    );
  return signer;
}

/** Reads and validates the gateway configuration; every offending variable is named. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid gateway configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const values = parsed.data;
  if (values.REGISTRY_DATABASE_URL && values.REGISTRY_SQLITE_PATH)
    throw new Error('Invalid gateway configuration: set REGISTRY_DATABASE_URL or REGISTRY_SQLITE_PATH, not both');
  const subgraphUrls = perSubgraph(env, '_URL', (value, variable) => {
    if (!/^https?:\/\//.test(value)) throw new Error(`Invalid gateway configuration: ${variable} must be an http(s) URL`);
    return value;
  });
  const subgraphTimeoutsMs = perSubgraph(env, '_TIMEOUT_MS', (value, variable) => {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 50)
      throw new Error(`Invalid gateway configuration: ${variable} must be a whole number of milliseconds >= 50`);
    return ms;
  });
  const production = runsInProduction(values.NODE_ENV);
  // Production is any NODE_ENV but development and test, unset included: it refuses every development default.
  if (production && values.AUTH_MODE === 'off')
    throw new Error('Invalid gateway configuration: AUTH_MODE=off is refused in production (NODE_ENV other than development or test)');
  if (production && (!values.AUTH_ISSUER || values.AUTH_ISSUER === DEVELOPMENT_ISSUER))
    throw new Error(
      'Invalid gateway configuration: AUTH_ISSUER must name the realm of a real identity provider in production, not the development issuer',
    );
  if (production) {
    for (const [variable, url] of [
      ['AUTH_ISSUER', values.AUTH_ISSUER],
      ['AUTH_JWKS_URL', values.AUTH_JWKS_URL],
    ] as const) {
      const problem = url ? productionIdentityUrlProblem(url) : null;
      if (problem) throw new Error(`Invalid gateway configuration: ${variable} must be ${problem} in production`);
    }
  }
  // The audit variables (AUDIT_*) are read by the audit store's one parser, with their production refusals.
  const audit = readAuditSettings(env, ['mode', 'database', 'keyring', 'signer', 'chain', 'witness'], {
    configuration: 'gateway configuration',
  });
  const registryDatabase = values.REGISTRY_DATABASE_URL
    ? { url: values.REGISTRY_DATABASE_URL }
    : values.REGISTRY_SQLITE_PATH
      ? { sqlitePath: values.REGISTRY_SQLITE_PATH }
      : null;
  const writerId = auditWriterId(audit.chain.writerId, audit.database.url, `${hostname()}:${values.PORT}`);
  return {
    host: values.HOST,
    port: values.PORT,
    metrics: { host: values.METRICS_HOST, port: values.METRICS_PORT },
    supergraphPath: values.SUPERGRAPH_PATH,
    registry: registryDatabase
      ? { database: registryDatabase, pollMs: values.SUPERGRAPH_POLL_MS, usageFlushMs: values.FIELD_USAGE_FLUSH_MS }
      : null,
    subgraphUrls,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeoutsMs,
    degradableSubgraphs: values.DEGRADABLE_SUBGRAPHS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    subgraphConnections: values.SUBGRAPH_CONNECTIONS,
    subgraphMaxAnswerBytes: { national: values.SUBGRAPH_MAX_ANSWER_BYTES, insurer: values.OG_SUBGRAPH_MAX_ANSWER_BYTES },
    subgraphTls: subgraphTlsFrom(values),
    tls: serverTlsFrom(values),
    maxBodyBytes: values.MAX_BODY_BYTES,
    bodyTimeoutMs: values.BODY_TIMEOUT_MS,
    imports: { maxBodyBytes: values.IMPORT_MAX_BODY_BYTES, timeoutMs: values.IMPORT_TIMEOUT_MS },
    logLevel: values.LOG_LEVEL,
    production,
    auth: {
      mode: values.AUTH_MODE,
      issuer: values.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
      audience: values.AUTH_AUDIENCE,
      jwksUrl: values.AUTH_JWKS_URL,
    },
    contextSigner: contextSignerFrom(values, production),
    limits: {
      maxDepth: values.MAX_QUERY_DEPTH,
      maxAliases: values.MAX_QUERY_ALIASES,
      maxCost: values.MAX_QUERY_COST,
      listFactor: values.QUERY_LIST_FACTOR,
      maxPageSize: values.MAX_PAGE_SIZE,
    },
    rateLimit: { ratePerSecond: values.RATE_LIMIT_PER_SECOND, burst: values.RATE_LIMIT_BURST },
    rateLimitStore: values.RATE_LIMIT_STORE_URL
      ? { url: values.RATE_LIMIT_STORE_URL, timeoutMs: values.RATE_LIMIT_STORE_TIMEOUT_MS }
      : null,
    tracing: readTracingSettings(env, 'cmb-gateway', 'gateway'),
    attachmentsTtlMs: values.ATTACHMENTS_TTL_MS,
    sharedAnswersMaxAgeMs: values.SHARED_ANSWERS_MAX_AGE_MS,
    consoleOrigin: values.CONSOLE_ORIGIN ?? null,
    trustedProxies: values.TRUSTED_PROXIES,
    audit: {
      mode: audit.mode,
      database: audit.database,
      keyring: audit.keyring,
      signer: audit.signer,
      witness: audit.witness,
      writerId,
      checkpointEvery: audit.chain.checkpointEvery,
      checkpointIntervalMs: audit.chain.checkpointIntervalMs,
    },
  };
}

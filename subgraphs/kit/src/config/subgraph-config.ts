import { z } from 'zod';
import type { DatabaseConfig } from '../data/data-source-factory';

/** Settings every subgraph reads from its environment. */
export interface SubgraphConfig {
  /** Subgraph name, used in logs and readiness. */
  name: string;
  host: string;
  port: number;
  database: DatabaseConfig;
  logLevel: string;
  production: boolean;
  /** Secret shared with the gateway, to verify the signed caller context. */
  contextSecret: Buffer;
}

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.string().url().optional(),
  SQLITE_PATH: z.string().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  GATEWAY_CONTEXT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
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

/** Development-only secret; production refuses to start without its own. */
export const DEV_CONTEXT_SECRET = 'development-only-gateway-context-secret-0001';

/** The context secret from the environment, refusing the development default in production. */
export function contextSecretFrom(value: string | undefined, production: boolean, owner: string): Buffer {
  if (production && (!value || value === DEV_CONTEXT_SECRET))
    throw new Error(
      `GATEWAY_CONTEXT_SECRET must be set in production, and not to the development secret (${owner}): 32+ random characters shared by the gateway and the subgraphs`,
    );
  return Buffer.from(value ?? DEV_CONTEXT_SECRET, 'utf8');
}

/**
 * Reads and validates the common subgraph settings once. Fails with every
 * offending variable named, so a misconfigured process never starts.
 */
export function readSubgraphConfig(name: string, env: Record<string, string | undefined>, defaults: { port: number }): SubgraphConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration for subgraph ${name}: ${problems}`);
  }
  const values = parsed.data;
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
    production: runsInProduction(values.NODE_ENV),
    contextSecret: contextSecretFrom(values.GATEWAY_CONTEXT_SECRET, runsInProduction(values.NODE_ENV), name),
  };
}

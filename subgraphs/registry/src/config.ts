import { REALM_PATH } from '@cmb/auth';
import { BUILD_COMPOSITION_PATH } from '@cmb/composition';
import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import { z } from 'zod';
import rulesData from './reference-data/registry-rules.json';
import type { RegistryRules } from './rules/facts';

/** Settings of the subgraph registry. */
export interface RegistryConfig extends SubgraphConfig {
  rules: RegistryRules;
  /** The build-time composition it is filled with on its first start, and syncs the national subgraphs from at every start. */
  buildCompositionPath: string;
  /** The realm export: which purposes each organisation's clients hold. */
  realmPath: string;
}

/** Hosts a routing URL may name outside production when none is configured: this machine. */
const DEVELOPMENT_HOSTS = ['127.0.0.1', 'localhost'];

const envSchema = z.object({
  REGISTRY_USAGE_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  REGISTRY_CHANGES_PER_HOUR: z.coerce.number().int().min(1).max(10_000).optional(),
  REGISTRY_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).optional(),
  REGISTRY_ALLOWED_ROUTING_HOSTS: z.string().min(1).optional(),
  REGISTRY_BUILD_COMPOSITION: z.string().min(1).optional(),
  REGISTRY_REALM_FILE: z.string().min(1).optional(),
});

/** The registry's policy from its reference data, with the configured overrides. */
export function registryRules(overrides: {
  usageWindowDays?: number;
  changesPerHour?: number;
  checksPerMinute?: number;
  allowedRoutingHosts: readonly string[];
}): RegistryRules {
  return {
    version: rulesData.version,
    nationalOwner: rulesData.nationalOwner.value,
    publisherKinds: rulesData.publisherKinds.value,
    ownNamePrefix: rulesData.ownNamePrefix.value,
    selfManaged: rulesData.selfManaged.value,
    usageWindowDays: overrides.usageWindowDays ?? rulesData.usageWindowDays.value,
    maxSdlBytes: rulesData.maxSdlBytes.value,
    maxRoutingUrlLength: rulesData.maxRoutingUrlLength.value,
    historyLength: rulesData.historyLength.value,
    changesPerHour: overrides.changesPerHour ?? rulesData.changesPerHour.value,
    checksPerMinute: overrides.checksPerMinute ?? rulesData.checksPerMinute.value,
    allowedRoutingHosts: overrides.allowedRoutingHosts,
  };
}

/**
 * Reads the registry's configuration once. In production the hosts a routing
 * URL may name (`REGISTRY_ALLOWED_ROUTING_HOSTS`, comma-separated, `*` for
 * any) must be set: a publish then never points the gateways at an arbitrary
 * internal service.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): RegistryConfig {
  const base = readSubgraphConfig('registry', env, { port: 4107 });
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration for subgraph registry: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const values = parsed.data;
  if (base.production && !values.REGISTRY_ALLOWED_ROUTING_HOSTS) {
    throw new Error(
      'Invalid configuration for subgraph registry: REGISTRY_ALLOWED_ROUTING_HOSTS must be set in production (the hosts a routing URL may name)',
    );
  }
  const hosts =
    values.REGISTRY_ALLOWED_ROUTING_HOSTS?.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean) ?? DEVELOPMENT_HOSTS;
  return {
    ...base,
    rules: registryRules({
      usageWindowDays: values.REGISTRY_USAGE_WINDOW_DAYS,
      changesPerHour: values.REGISTRY_CHANGES_PER_HOUR,
      checksPerMinute: values.REGISTRY_CHECKS_PER_MINUTE,
      allowedRoutingHosts: hosts,
    }),
    buildCompositionPath: values.REGISTRY_BUILD_COMPOSITION ?? BUILD_COMPOSITION_PATH,
    realmPath: values.REGISTRY_REALM_FILE ?? REALM_PATH,
  };
}

import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import rules from './reference-data/gmr-rules.json';
import type { PbrPolicy } from './rules/gmr-facts';

/** Limits of the medicine search. */
export interface SearchLimits {
  defaultFirst: number;
  maxFirst: number;
  minTextLength: number;
}

/** Settings of the medicines subgraph. */
export interface MedicinesConfig extends SubgraphConfig {
  /** Time zone of "today" when a date is not given (Africa/Casablanca). */
  timeZone: string;
  /** Which generic sets the PBR of its princeps (R12). */
  pbrPolicy: PbrPolicy;
  search: SearchLimits;
  /** Version of the reference data in reference-data/gmr-rules.json. */
  rulesVersion: string;
}

const POLICIES: readonly string[] = ['HIGHEST_GENERIC', 'LOWEST_GENERIC'] satisfies PbrPolicy[];

function isPbrPolicy(value: string): value is PbrPolicy {
  return POLICIES.includes(value);
}

/** Reads the medicines configuration once from the environment and the versioned reference data. */
export function loadConfig(env: Record<string, string | undefined> = process.env): MedicinesConfig {
  const base = readSubgraphConfig('medicines', env, { port: 4103 });
  const policy = rules.pbrBasis.policy;
  if (!isPbrPolicy(policy)) throw new Error(`reference-data/gmr-rules.json: unknown PBR policy (expected one of ${POLICIES.join(', ')})`);
  const { defaultFirst, maxFirst, minTextLength } = rules.search;
  if (!(defaultFirst >= 1 && defaultFirst <= maxFirst && minTextLength >= 1))
    throw new Error('reference-data/gmr-rules.json: inconsistent search limits');
  return {
    ...base,
    timeZone: rules.timeZone,
    pbrPolicy: policy,
    search: { defaultFirst, maxFirst, minTextLength },
    rulesVersion: rules.version,
  };
}

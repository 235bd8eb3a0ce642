import { readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import rules from './reference-data/gmr-rules.json';
import type { PbrPolicy } from './rules/gmr-facts';

/** Limits of the medicine search. */
export interface SearchLimits {
  defaultFirst: number;
  maxFirst: number;
  minTextLength: number;
}

/** Bounds of a medicines guide import and of its listings (reference-data/gmr-rules.json, `import`). */
export interface GuideImportLimits {
  /** Largest file accepted, in bytes of UTF-8. */
  maxFileBytes: number;
  /** Most packs one file may list. */
  maxRows: number;
  /** Longest line (record) of the file, in characters. */
  maxLineChars: number;
  /** Line errors returned with a refused file; the total is always given. */
  lineErrorsShown: number;
  /** Page size of the versions and changes listings: default and maximum. */
  pageSize: { default: number; max: number };
  /** Effective dates accepted, inclusive. */
  effectiveDate: { min: string; max: string };
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
  guideImport: GuideImportLimits;
  /** Age in days past which the GMR copy is stale on `/readyz`. */
  maxGuideAgeDays: number;
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
  const guideImport = readImportLimits();
  const maxGuideAgeDays = rules.freshness.maxAgeDays;
  if (!(Number.isInteger(maxGuideAgeDays) && maxGuideAgeDays >= 1))
    throw new Error('reference-data/gmr-rules.json: freshness.maxAgeDays must be a whole number of days');
  return {
    ...base,
    timeZone: rules.timeZone,
    pbrPolicy: policy,
    search: { defaultFirst, maxFirst, minTextLength },
    rulesVersion: rules.version,
    guideImport,
    maxGuideAgeDays,
  };
}

/** The import bounds of the reference data, checked for consistency. */
function readImportLimits(): GuideImportLimits {
  const { maxFileBytes, maxRows, maxLineChars, lineErrorsShown, pageSize, effectiveDate } = rules.import;
  const positive = [maxFileBytes, maxRows, maxLineChars, lineErrorsShown, pageSize.default, pageSize.max].every(
    (value) => Number.isInteger(value) && value >= 1,
  );
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  if (
    !positive ||
    pageSize.default > pageSize.max ||
    !isoDate.test(effectiveDate.min) ||
    !isoDate.test(effectiveDate.max) ||
    effectiveDate.min > effectiveDate.max
  )
    throw new Error('reference-data/gmr-rules.json: inconsistent import limits');
  return { maxFileBytes, maxRows, maxLineChars, lineErrorsShown, pageSize: { ...pageSize }, effectiveDate: { ...effectiveDate } };
}

/**
 * The configuration of the command-line tools (the import): the same
 * environment as the subgraph, NODE_ENV defaulting to development like the
 * project's other scripts.
 */
export function loadCliConfig(env: Record<string, string | undefined> = process.env): MedicinesConfig {
  return loadConfig({ ...env, NODE_ENV: env.NODE_ENV ?? 'development' });
}

import type { Caller } from '@cmb/kit';

/**
 * The purposes under which a client sends a whole registry file (ANAM's
 * INPE registry, the reimbursable medicines guide) in one request: their
 * requests get the import body limit and subgraph timeout instead of the
 * interactive ones.
 */
export const IMPORT_PURPOSES: ReadonlySet<string> = new Set(['reference:import']);

/** The limits of an import request, from configuration. */
export interface ImportLimits {
  /** The largest body read (`IMPORT_MAX_BODY_BYTES`). */
  maxBodyBytes: number;
  /** How long a subgraph may take to answer (`IMPORT_TIMEOUT_MS`). */
  timeoutMs: number;
}

/** True when the caller acts under an import purpose (a token carries one purpose). */
export function actsForImport(caller: Pick<Caller, 'purposes'> | null | undefined): boolean {
  return Boolean(caller?.purposes.some((purpose) => IMPORT_PURPOSES.has(purpose)));
}

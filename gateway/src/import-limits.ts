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

/**
 * The purposes whose writes take seconds in their subgraph without sending a
 * large body: a publish to the subgraph registry composes and checks the
 * whole supergraph. They get the import timeout, and the interactive body limit.
 */
export const LONG_WRITE_PURPOSES: ReadonlySet<string> = new Set(['registry:publish']);

/** True when the caller acts under an import purpose (a token carries one purpose). */
export function actsForImport(caller: Pick<Caller, 'purposes'> | null | undefined): boolean {
  return Boolean(caller?.purposes.some((purpose) => IMPORT_PURPOSES.has(purpose)));
}

/** True when the caller's subgraph calls get the import timeout: an import, or a long write. */
export function waitsForLongWrite(caller: Pick<Caller, 'purposes'> | null | undefined): boolean {
  return actsForImport(caller) || Boolean(caller?.purposes.some((purpose) => LONG_WRITE_PURPOSES.has(purpose)));
}

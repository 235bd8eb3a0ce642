import type { Caller } from '@cmb/kit';

/** The organisation that keeps the national reference registries (domain.md §3). */
export const REGISTRY_KEEPER = 'ANAM';

/**
 * Who loads, reads the diffs of and rolls back versions of the medicines
 * guide: ANAM, the regulator that keeps it (seeds/001_225b0d72771d4c3f.txt:L443).
 * The gateway already holds the purpose `reference:import` to ANAM's client;
 * the subgraph checks the organisation again (defence in depth).
 */
export function mayImportReference(caller: Pick<Caller, 'org' | 'orgKind'>): boolean {
  return caller.org === REGISTRY_KEEPER && caller.orgKind === 'REGULATOR';
}

import type { Caller } from '@cmb/kit';
import type { RegistryImportSettings } from '../config';

/** The purpose under which a new version of the registry is loaded or rolled back. */
export const IMPORT_PURPOSE = 'reference:import';

/** The purpose under which the registry, its versions and their diffs are read. */
export const READ_PURPOSE = 'provider:read';

/**
 * Loading a version of the INPE registry, or rolling one back, is ANAM's
 * alone (seeds/001_225b0d72771d4c3f.txt:L283, L891): the purpose
 * `reference:import` and the owner organisation of reference data, both. The
 * realm gives the purpose to ANAM's client only; checking the organisation
 * again here is defence in depth.
 */
export function mayLoadRegistry(caller: Pick<Caller, 'purposes' | 'org' | 'orgKind'>, owner: RegistryImportSettings['owner']): boolean {
  return caller.purposes.includes(IMPORT_PURPOSE) && caller.org === owner.org && caller.orgKind === owner.orgKind;
}

/** The versions and their diffs are read by those who read the registry, and by its owner loading it. */
export function mayReadRegistryHistory(
  caller: Pick<Caller, 'purposes' | 'org' | 'orgKind'>,
  owner: RegistryImportSettings['owner'],
): boolean {
  return caller.purposes.includes(READ_PURPOSE) || mayLoadRegistry(caller, owner);
}

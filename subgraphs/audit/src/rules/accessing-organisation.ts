import { isInpe } from '@cmb/kit';
import type { OrganisationEntry } from '../config';

/** What the INPE registry (providers subgraph) says of a provider organisation. */
export interface RegistryFacts {
  name?: string | null;
  kind?: string | null;
}

/** An organisation as the person's access history shows it: its code, name and kind. */
export interface OrganisationView {
  code: string;
  name: string;
  kind: string;
}

/** Kind of an INPE code the registry does not answer for (unknown code, or providers unavailable). */
export const UNKNOWN_PROVIDER_KIND = 'PROVIDER';

/**
 * Names an organisation: a provider (INPE code) by the registry's name and
 * kind, any other (CNSS, CNOPS, ANAM, CNDP) by the versioned reference list;
 * the code itself when neither knows it, so an answer never fails for a name.
 */
export function organisationView(
  code: string,
  registry: RegistryFacts | null | undefined,
  reference: readonly OrganisationEntry[],
): OrganisationView {
  const known = reference.find((entry) => entry.code === code);
  const provider = isInpe(code);
  return {
    code,
    name: registry?.name ?? known?.name ?? code,
    kind: registry?.kind ?? known?.kind ?? (provider ? UNKNOWN_PROVIDER_KIND : 'UNKNOWN'),
  };
}

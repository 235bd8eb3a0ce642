import type { AccessingOrganisationType } from '../types/accessing-organisation.type';

/**
 * Resolves an `AccessingOrganisation` from its representation: its code and,
 * for a provider, what the INPE registry answered (`registryEntry { name kind }`,
 * required by `name` and `kind`); nothing is read from the store.
 */
export function resolveAccessingOrganisationReference(reference: {
  code?: unknown;
  registryEntry?: { inpe?: unknown; name?: unknown; kind?: unknown } | null;
}): AccessingOrganisationType | null {
  if (typeof reference.code !== 'string') return null;
  const entry = reference.registryEntry;
  return {
    code: reference.code,
    registryEntry: entry
      ? {
          inpe: String(entry.inpe ?? reference.code),
          name: typeof entry.name === 'string' ? entry.name : undefined,
          kind: typeof entry.kind === 'string' ? entry.kind : undefined,
        }
      : null,
  };
}

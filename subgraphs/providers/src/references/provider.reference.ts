import { isInpe, parseInpe } from '@cmb/kit';
import type { ProvidersContext } from '../context';
import type { ProviderEntity } from '../entities/provider.entity';

/** Resolves `Provider` entities by INPE, batched per request; a key of the wrong form matches nothing. */
export function resolveProviderReference(reference: { inpe: string }, context: ProvidersContext): Promise<ProviderEntity | null> {
  if (typeof reference.inpe !== 'string' || !isInpe(reference.inpe)) return Promise.resolve(null);
  return context.providers.load(parseInpe(reference.inpe));
}

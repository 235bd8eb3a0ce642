import type { Caller } from '@cmb/kit';

/** Organisation kinds that give care, and so have care relationships: bound to their own INPE. */
const CARE_KINDS = new Set(['ESTABLISHMENT', 'PROFESSIONAL']);

/**
 * The organisation whose care relationship a request records or reads: an
 * establishment's or a professional's own INPE (the token's `org`); null for
 * any other caller (an OG, ANAM, the patient portal), who has none.
 */
export function careRelationshipOrg(caller: Pick<Caller, 'org' | 'orgKind'>): string | null {
  return CARE_KINDS.has(caller.orgKind ?? '') && caller.org ? caller.org : null;
}

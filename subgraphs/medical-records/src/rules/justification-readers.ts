import type { Caller } from '@cmb/kit';

/** An organisation whose security officers read break-glass justifications, with the kind its tokens carry. */
export interface JustificationReader {
  org: string;
  orgKind: string;
}

/**
 * True for a caller that may read a break-glass justification: a security
 * officer of ANAM (by the readers' list) acting under `audit:read`, signed in
 * (a user, not a service account), never through the patient portal. The
 * insurers' officers, the CNDP, the person and the establishments are refused,
 * whatever the way in (`_entities` included).
 */
export function mayReadJustification(
  caller: Pick<Caller, 'org' | 'orgKind' | 'purposes' | 'nationalId' | 'userId'>,
  readers: readonly JustificationReader[],
): boolean {
  if (!caller.purposes.includes('audit:read') || caller.nationalId || !caller.userId) return false;
  return readers.some((reader) => reader.org === caller.org && reader.orgKind === caller.orgKind);
}

import type { Caller } from '@cmb/kit';

/** Who is signed in to the patient portal: the national id the token carries and the portal user. */
export interface SignedInPerson {
  nationalId: string;
  userId: string;
}

/**
 * The insured person a request acts for, when it comes from the patient
 * portal with a signed-in user whose token carries a national id; null for
 * every other caller (an establishment, an OG, a service account). Only that
 * person is `me`, and only they get a consent capability.
 */
export function signedInPerson(caller: Pick<Caller, 'orgKind' | 'nationalId' | 'userId'>): SignedInPerson | null {
  if (caller.orgKind !== 'PATIENT_PORTAL' || !caller.nationalId || !caller.userId) return null;
  return { nationalId: caller.nationalId, userId: caller.userId };
}

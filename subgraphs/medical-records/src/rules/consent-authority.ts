import { verifyConsentCapability, type Caller } from '@cmb/kit';

/**
 * Who may manage the consent of a person's record (block a provider, mask a
 * document): only the person themself, signed in to the patient portal,
 * presenting the capability the beneficiaries subgraph issued for them
 * (`me.consentCapability`), which binds the person reference to the portal
 * user. This subgraph knows persons by reference only; the capability is
 * how it knows the reference is the signed-in person's.
 */
export function mayManageConsent(
  caller: Pick<Caller, 'orgKind' | 'userId'>,
  personRef: string,
  capability: string,
  secret: Buffer,
): boolean {
  if (caller.orgKind !== 'PATIENT_PORTAL' || !caller.userId || capability.length === 0) return false;
  return verifyConsentCapability(secret, personRef, caller.userId, capability);
}

/**
 * True for a caller reading their own record: the patient portal under
 * `records:consent` (the person's documents, `me { documents }`); whose
 * record it is, the capability decides ({@link mayManageConsent}).
 */
export function isOwnRecordReader(caller: Pick<Caller, 'orgKind' | 'purposes'>): boolean {
  return caller.orgKind === 'PATIENT_PORTAL' && caller.purposes.includes('records:consent');
}

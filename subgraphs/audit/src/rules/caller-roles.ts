import type { OrganismScope } from '@cmb/audit-store';
import type { Caller } from '@cmb/kit';
import type { OfficerRules } from '../config';

/** The organisation kind of the patient portal (claim `org_kind`). */
export const PATIENT_PORTAL = 'PATIENT_PORTAL';

/** True for a caller acting through the patient portal: its kind says so, or its token carries a person's national id. */
export function isPatientPortalCaller(caller: Pick<Caller, 'orgKind' | 'nationalId'>): boolean {
  return caller.orgKind === PATIENT_PORTAL || Boolean(caller.nationalId);
}

/**
 * True for an officer who may search the trail: a security officer of ANAM or
 * of an insurer, or the CNDP (read-only); never a patient portal caller, even
 * one holding `audit:read` (the person reads only their own history).
 */
export function isAuditOfficer(caller: Pick<Caller, 'orgKind' | 'nationalId'>, rules: OfficerRules): boolean {
  return !isPatientPortalCaller(caller) && caller.orgKind !== null && rules.orgKinds.includes(caller.orgKind);
}

/**
 * The part of the trail an officer reads: the whole trail (`scope`
 * undefined) for ANAM and the CNDP; for an insurer's officer, its own
 * members' events and its own staff's actions (its organisation); null for
 * anyone else, and for an insurer's officer whose token names no
 * organisation.
 */
export function officerScope(
  caller: Pick<Caller, 'orgKind' | 'nationalId' | 'org'>,
  rules: OfficerRules,
): { scope: OrganismScope | undefined } | null {
  if (!isAuditOfficer(caller, rules) || caller.orgKind === null) return null;
  if (rules.wholeTrailOrgKinds.includes(caller.orgKind)) return { scope: undefined };
  return caller.org ? { scope: { organism: caller.org } } : null;
}

/**
 * True for an officer who may review break-glass accesses: a security officer
 * of ANAM. The insurers' officers read those of their members, the CNDP
 * inspects the trail and the reviews; neither reviews.
 */
export function mayReviewBreakGlass(caller: Pick<Caller, 'orgKind' | 'nationalId'>, rules: OfficerRules): boolean {
  return isAuditOfficer(caller, rules) && caller.orgKind !== null && rules.reviewerOrgKinds.includes(caller.orgKind);
}

/** The national id of the insured person signed in to the patient portal, or null for any other caller. */
export function signedInNationalId(caller: Pick<Caller, 'orgKind' | 'nationalId'>): string | null {
  return caller.orgKind === PATIENT_PORTAL && caller.nationalId ? caller.nationalId : null;
}

/** Who reviewed: the officer's user id, else the client acting. */
export function reviewerOf(caller: Pick<Caller, 'userId' | 'clientId'>): string {
  return caller.userId ?? caller.clientId;
}

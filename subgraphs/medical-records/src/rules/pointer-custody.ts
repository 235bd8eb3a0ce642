import { careGiverOrg, type Caller } from '@cmb/kit';

/**
 * The INPEs a writer acts as: its own (`org`) and those the gateway read for
 * it from the INPE registry (`actsFor`: an establishment's attached
 * professionals, or the establishments a professional is attached to). Empty
 * for anyone who is not an establishment or a professional.
 */
export function custodyCircle(caller: Pick<Caller, 'org' | 'orgKind' | 'actsFor'>): ReadonlySet<string> {
  const org = careGiverOrg(caller);
  return org ? new Set([org, ...(caller.actsFor ?? [])]) : new Set();
}

/**
 * A write changes only what the writer owns (architecture.md, access rules:
 * "an establishment the document pointers it keeps"). A new pointer is
 * registered by its custodian establishment, or by a professional attached to
 * it, and the author and custodian it names are the writer itself or those
 * attached to it (its circle): no client names another provider as author or
 * custodian.
 */
export function mayRegisterPointer(
  caller: Pick<Caller, 'org' | 'orgKind' | 'actsFor'>,
  pointer: { authorInpe: string; custodianInpe: string },
): boolean {
  const circle = custodyCircle(caller);
  return circle.has(pointer.custodianInpe) && circle.has(pointer.authorInpe);
}

/**
 * Who supersedes or withdraws a stored pointer: its custodian, or one in the
 * custodian's circle (the establishment of a professional custodian, a
 * professional attached to the custodian establishment). An unknown pointer
 * (null) is refused exactly like someone else's, so a refusal never says
 * whether a pointer exists.
 */
export function mayChangePointer(caller: Pick<Caller, 'org' | 'orgKind' | 'actsFor'>, pointer: { custodianInpe: string } | null): boolean {
  return pointer !== null && custodyCircle(caller).has(pointer.custodianInpe);
}

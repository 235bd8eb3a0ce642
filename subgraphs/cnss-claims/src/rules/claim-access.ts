import type { Caller } from '@cmb/kit';

/**
 * Who reads the OG's claim files: the OG itself (its clients, whose tokens
 * carry its organisation), no one else: not another OG, not ANAM, not a
 * care client, not the patient portal (their files reach them through the
 * OG's own channels).
 */
export function mayReadFiles(caller: Pick<Caller, 'org' | 'orgKind'>, organism: string): boolean {
  return caller.orgKind === 'OG' && caller.org === organism;
}

/**
 * Whether the OG reads a person's files when it reaches the person through
 * the federation (`Person.cnssClaimFiles`): only for a person the registry of
 * persons served in this request as one of its members. This subgraph holds
 * no secret to verify the national subgraphs' proofs; the gateway tells it,
 * in the caller context it signs for this subgraph and this body, which of
 * the persons the registry served are covered by this OG
 * (`personOrganisms`). A person reached any other way is not its member here.
 */
export function mayReadMemberFiles(
  caller: Pick<Caller, 'org' | 'orgKind' | 'personOrganisms'>,
  personRef: string,
  organism: string,
): boolean {
  // Own keys only: a ref such as `constructor` must be refused, not reach the object's prototype.
  const organisms =
    caller.personOrganisms && Object.hasOwn(caller.personOrganisms, personRef) ? caller.personOrganisms[personRef] : undefined;
  return mayReadFiles(caller, organism) && (organisms?.includes(organism) ?? false);
}

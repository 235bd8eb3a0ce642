import { careGiverOrg, type Caller } from '@cmb/kit';

/**
 * Who may read one pointer by its id (`documentPointer(id)`): the
 * establishment or professional that wrote it or keeps it. Anyone else reads
 * a person's pointers through `Person.documents`, where the care
 * relationship, the person's consent and break-glass apply; an id read
 * elsewhere must not be a way around them. Refused reads are answered like
 * an unknown id.
 */
export function mayReadPointerById(
  caller: Pick<Caller, 'org' | 'orgKind'>,
  pointer: { authorInpe: string; custodianInpe: string },
): boolean {
  const org = careGiverOrg(caller);
  return org !== null && (org === pointer.authorInpe || org === pointer.custodianInpe);
}

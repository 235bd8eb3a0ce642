import type { Caller } from '@cmb/kit';

/** The facts of the caller a pathway write reads. */
export type PathwayWriter = Pick<Caller, 'org' | 'orgKind' | 'personOrganisms'>;

/**
 * The organisms covering a person as the gateway read them from the registry
 * for this write; null when the gateway gave none for this ref (a ref the
 * registry does not know, or a call that did not come through the gateway's
 * lookup). Own keys only: a ref such as `constructor` finds nothing.
 */
export function organismsCovering(writer: PathwayWriter, personRef: string): readonly string[] | null {
  const facts = writer.personOrganisms;
  if (!facts || typeof facts !== 'object' || !Object.hasOwn(facts, personRef)) return null;
  const organisms: unknown = facts[personRef];
  return Array.isArray(organisms) ? organisms.filter((o): o is string => typeof o === 'string') : null;
}

/**
 * An OG records a person's care pathway (R8-R11) only when the registry says
 * it covers the person today: its own members only (architecture.md, "a write
 * changes only what the writer owns"). An unknown ref, another OG's member
 * and a call without the gateway's facts get the same answer.
 */
export function mayRecordPathwayFor(writer: PathwayWriter, personRef: string): boolean {
  if (writer.orgKind !== 'OG' || !writer.org) return false;
  return organismsCovering(writer, personRef)?.includes(writer.org) ?? false;
}

/**
 * A write changes only what the writer owns (architecture.md): an OG changes
 * a pathway record (attaches a protocol to an illness) only when it recorded
 * it, even for a person it covers with another OG (a double registration).
 * A record loaded before writes existed names no recorder: it is the OG's
 * that alone covers the person today (`covering`, as the gateway read it),
 * and no OG's while several do.
 */
export function ownsPathwayRecord(organism: string, recordedBy: string | null, covering: readonly string[]): boolean {
  if (organism === '') return false;
  if (recordedBy === null) return covering.length === 1 && covering[0] === organism;
  return recordedBy === organism;
}

/** To whom a prior approval request goes: the one OG covering the person, or why none. */
export type Addressee = { organism: string } | { refused: 'PRIOR_APPROVAL_NO_INSURER' | 'PRIOR_APPROVAL_DOUBLE_REGISTRATION' };

/**
 * R11 with R4: a prior approval request (seeds/001_225b0d72771d4c3f.txt:L830)
 * is addressed to the person's OG, the one organism covering them today. None
 * (or a ref unknown to the registry) and several (a double registration,
 * one person one regime: seeds/001_225b0d72771d4c3f.txt:L133) are refused.
 */
export function addresseeOf(writer: PathwayWriter, personRef: string): Addressee {
  const organisms = [...new Set(organismsCovering(writer, personRef) ?? [])];
  if (organisms.length === 0) return { refused: 'PRIOR_APPROVAL_NO_INSURER' };
  if (organisms.length > 1) return { refused: 'PRIOR_APPROVAL_DOUBLE_REGISTRATION' };
  return { organism: organisms[0] as string };
}

import { validOn } from './valid-on';

/** The part of an ALD list entry the protocol rule reads. */
export interface AldPathology {
  code: string;
  pathology: string | null;
}

/** The part of a therapeutic protocol the protocol rule reads. */
export interface ProtocolPathology {
  code: string;
  pathology: string;
}

/**
 * R10: the therapeutic protocols that are the reference for the given ALD
 * codes, through the pathology each ALD belongs to (the 14 PT of
 * seeds/001_225b0d72771d4c3f.txt:L530-L549). A protocol only informs medical
 * control; it never refuses eligibility. Distinct codes, sorted.
 */
export function protocolsFor(
  aldCodes: readonly string[],
  aldList: readonly AldPathology[],
  protocols: readonly ProtocolPathology[],
): string[] {
  const wanted = new Set(aldCodes);
  const pathologies = new Set(
    aldList.filter((entry) => wanted.has(entry.code) && entry.pathology !== null).map((entry) => entry.pathology as string),
  );
  return [...new Set(protocols.filter((p) => pathologies.has(p.pathology)).map((p) => p.code))].sort();
}

/** A recognised illness as the protocol rule reads it: its code, validity and the protocol an OG attached, if any. */
export interface IllnessProtocol {
  aldCode: string;
  validFrom: string;
  validUntil: string | null;
  protocolCode?: string | null;
}

/**
 * R10 on a date: for each illness recognised on that date, the protocol the
 * OG attached to it, else those of its pathology ({@link protocolsFor}).
 * Distinct codes, sorted.
 */
export function protocolsOn(
  illnesses: readonly IllnessProtocol[],
  date: string,
  aldList: readonly AldPathology[],
  protocols: readonly ProtocolPathology[],
): string[] {
  const valid = illnesses.filter((i) => validOn(i, date));
  const attached = valid.flatMap((i) => (i.protocolCode ? [i.protocolCode] : []));
  const unattached = valid.filter((i) => !i.protocolCode).map((i) => i.aldCode);
  return [...new Set([...attached, ...protocolsFor(unattached, aldList, protocols)])].sort();
}

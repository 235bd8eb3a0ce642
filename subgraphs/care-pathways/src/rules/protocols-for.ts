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

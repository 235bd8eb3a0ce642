import type { Violation } from './write-validity';

/** A protocol as the match reads it. */
export interface ProtocolEntry {
  code: string;
  pathology: string;
  version: string;
}

/**
 * R10: the therapeutic protocol attached to a recognised illness is one of
 * the validated list (seeds/001_225b0d72771d4c3f.txt:L522-L549) for the
 * illness's pathology (ald-list.json); an illness whose pathology has no
 * protocol takes none.
 */
export function protocolForIllness(
  aldPathology: string | null,
  protocolCode: string,
  protocols: readonly ProtocolEntry[],
): { protocol: ProtocolEntry } | { violation: Violation } {
  const protocol = protocols.find((p) => p.code === protocolCode);
  if (!protocol) return { violation: { field: 'protocolCode', expected: 'a code of the validated protocols (protocols)' } };
  if (aldPathology === null || protocol.pathology !== aldPathology)
    return { violation: { field: 'protocolCode', expected: "a protocol of the illness's pathology (protocols(pathology))" } };
  return { protocol };
}

import type { AldFact } from './facts';
import { validOn } from './valid-on';

/**
 * R9: the ALD/ALC codes whose co-payment exemption is valid on the date,
 * distinct and sorted (seeds/001_225b0d72771d4c3f.txt:L557; exemption from
 * the ticket modérateur: L818). Validity periods come from the records.
 */
export function aldExemptionsOn(alds: readonly AldFact[], date: string): string[] {
  return [...new Set(alds.filter((ald) => validOn(ald, date)).map((ald) => ald.aldCode))].sort();
}

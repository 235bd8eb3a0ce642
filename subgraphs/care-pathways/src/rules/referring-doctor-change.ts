import { addDays } from '@cmb/kit';
import type { Violation } from './write-validity';

/** A declaration as the change reads it. */
export interface Declaration {
  id: string;
  doctorInpe: string;
  validFrom: string;
  validUntil: string | null;
}

/** What declaring a referring doctor from a date does to the person's declarations. */
export type DeclarationChange =
  /** The same doctor is already declared on that date: nothing to write. */
  | { kind: 'UNCHANGED'; id: string }
  /** A new open declaration; the declarations still running on its first day close the day before. */
  | { kind: 'DECLARE'; closes: { id: string; validUntil: string }[] }
  | { kind: 'REFUSED'; violation: Violation };

/**
 * R8: one referring doctor at a time (seeds/001_225b0d72771d4c3f.txt:L612).
 * Declaring or changing the doctor from `validFrom` closes the declarations
 * still running that day on the day before; a declaration that starts on or
 * after `validFrom` (for another doctor) is not rewritten: the change must
 * start after it.
 */
export function referringDoctorChange(declarations: readonly Declaration[], doctorInpe: string, validFrom: string): DeclarationChange {
  const running = declarations.filter((d) => d.validUntil === null || d.validUntil >= validFrom);
  const same = running.find((d) => d.doctorInpe === doctorInpe && d.validFrom <= validFrom);
  if (same) return { kind: 'UNCHANGED', id: same.id };
  const later = running.filter((d) => d.validFrom >= validFrom);
  if (later.length > 0) {
    const start = later.map((d) => d.validFrom).sort()[later.length - 1] as string;
    return { kind: 'REFUSED', violation: { field: 'validFrom', expected: `a date after ${start}, the start of the current declaration` } };
  }
  return { kind: 'DECLARE', closes: running.map((d) => ({ id: d.id, validUntil: addDays(validFrom, -1) })) };
}

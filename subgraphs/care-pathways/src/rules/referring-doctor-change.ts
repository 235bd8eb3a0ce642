import { addDays } from '@cmb/kit';
import type { Violation } from './write-validity';

/** A declaration as the change reads it. */
export interface Declaration {
  id: string;
  doctorInpe: string;
  validFrom: string;
  validUntil: string | null;
  /** The OG the declaration was filed with: the one that may change it. */
  organism: string;
}

/** Who declares: the writing OG and the organisms covering the person today, as the gateway read them. */
export interface Declarant {
  organism: string;
  covering: readonly string[];
}

/** What declaring a referring doctor from a date does to the person's declarations. */
export type DeclarationChange =
  /** The same doctor is already declared on that date: nothing to write. */
  | { kind: 'UNCHANGED'; id: string }
  /** A new open declaration; the writer's declarations still running on its first day close the day before. */
  | { kind: 'DECLARE'; closes: { id: string; validUntil: string }[] }
  /** A declaration filed with another OG that still covers the person runs on that date or later: not the writer's to close. */
  | { kind: 'OTHER_ORGANISM' }
  | { kind: 'REFUSED'; violation: Violation };

/**
 * R8: one referring doctor at a time (seeds/001_225b0d72771d4c3f.txt:L612).
 * Declaring or changing the doctor from `validFrom` closes the writer's own
 * declarations still running that day on the day before; a declaration that
 * starts on or after `validFrom` (for another doctor) is not rewritten: the
 * change must start after it. A write changes only what the writer owns: a
 * declaration filed with another OG is never closed. While that OG still
 * covers the person (a double registration, R4: ANAM settles it) and its
 * declaration runs on `validFrom` or later, the change is refused; one filed
 * with an OG that no longer covers the person is left as it is (the newest
 * declaration is the one read).
 */
export function referringDoctorChange(
  declarations: readonly Declaration[],
  doctorInpe: string,
  validFrom: string,
  declarant: Declarant,
): DeclarationChange {
  const running = declarations.filter((d) => d.validUntil === null || d.validUntil >= validFrom);
  const own = running.filter((d) => d.organism === declarant.organism);
  if (running.some((d) => d.organism !== declarant.organism && declarant.covering.includes(d.organism))) return { kind: 'OTHER_ORGANISM' };
  const same = own.find((d) => d.doctorInpe === doctorInpe && d.validFrom <= validFrom);
  if (same) return { kind: 'UNCHANGED', id: same.id };
  // Only the writer's own: another OG's declaration (no longer covering the person) neither blocks the change nor is named.
  const later = own.filter((d) => d.validFrom >= validFrom);
  if (later.length > 0) {
    const start = later.map((d) => d.validFrom).sort()[later.length - 1] as string;
    return { kind: 'REFUSED', violation: { field: 'validFrom', expected: `a date after ${start}, the start of the current declaration` } };
  }
  return { kind: 'DECLARE', closes: own.map((d) => ({ id: d.id, validUntil: addDays(validFrom, -1) })) };
}

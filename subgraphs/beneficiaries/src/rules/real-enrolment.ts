import { addDays } from '@cmb/kit';
import { periodCovers, type Period } from './one-regime';

/**
 * How far ahead an OG may file a new member's enrolment (a change of insurer
 * known in advance, for the first day of next month): not in the seeds, a
 * bound so that a row far in the future gives no sight of a person today.
 */
export const ENROLMENT_FILED_AHEAD_DAYS = 31;

/** What the rule reads of a batch row: its status and its rights period. */
export interface DeclaredRow extends Period {
  status: string;
}

/**
 * An OG gains sight of another OG's member only by a real enrolment
 * (architecture.md, access rules: an OG reads and writes only its own members;
 * domain.md §3: an OG never sees another OG's members). Any affiliation row,
 * whatever its status or period, makes the person the OG's member to read
 * (identity, pathway, approvals). For a person known only through other OGs it
 * is accepted only as a real enrolment: not CLOSED, its period holding
 * `today` or opening within {@link ENROLMENT_FILED_AHEAD_DAYS}. A closed,
 * backdated or farther row is accepted only for a person new to the registry
 * (migrated history) or one this OG covers or covered.
 *
 * `heldBy` lists the organisms of the person's affiliations in the registry
 * (empty when the person is new).
 */
export function mayDeclareRow(organism: string, heldBy: readonly string[], row: DeclaredRow, today: string): boolean {
  if (heldBy.length === 0 || heldBy.includes(organism)) return true;
  if (row.status === 'CLOSED') return false;
  return periodCovers(row, today) || (row.validFrom > today && row.validFrom <= addDays(today, ENROLMENT_FILED_AHEAD_DAYS));
}

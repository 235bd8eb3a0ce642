import type { LineError } from '@cmb/kit';
import type { GuideRow } from './guide-row';

/** The EAN-13 cell of a line, whatever else the line lacks. */
export interface LineCode {
  line: number;
  ean13: string;
}

/**
 * A pack is listed once per version: a second line with the same EAN-13 is
 * refused, naming the line that listed it first (codes, never other data).
 */
export function duplicateCodeErrors(codes: readonly LineCode[]): LineError[] {
  const firstLine = new Map<string, number>();
  const errors: LineError[] = [];
  for (const { line, ean13 } of codes) {
    if (ean13 === '') continue;
    const first = firstLine.get(ean13);
    if (first === undefined) firstLine.set(ean13, line);
    else errors.push({ line, column: 'ean13', problem: 'DUPLICATE', expected: `each EAN-13 once in the file (first on line ${first})` });
  }
  return errors;
}

/**
 * A generic group is named by its princeps: a group that names a pack the
 * same file lists as a generic is refused. A princeps the file does not list
 * is accepted (withdrawn while its generics stay listed).
 */
export function genericGroupErrors(rows: readonly GuideRow[]): LineError[] {
  const generics = new Set(rows.filter((row) => row.generic).map((row) => row.ean13));
  return rows
    .filter((row) => row.princepsEan13 !== null && generics.has(row.princepsEan13))
    .map((row) => ({
      line: row.line,
      column: 'generic_group',
      problem: 'INCONSISTENT' as const,
      expected: 'the EAN-13 of a princeps (generic = N), not of another generic',
    }));
}

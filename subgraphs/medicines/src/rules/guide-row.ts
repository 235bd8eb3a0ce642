import { hasControlCharacters } from '@cmb/kit';
import type { LineError, LineProblem } from '@cmb/kit';
import { ean13Problem } from './ean13';
import type { GuideListing } from './guide-diff';
import { FLAG_VALUES, OPTIONAL_TEXT, TEXT_WIDTHS, type GuideCells, type GuideColumn } from './guide-file-layout';
import { AMOUNT_EXPECTED, parseMadAmount } from './mad-amount';

/** One pack of a guide file, checked: what a version lists for it, and the line it was read from. Prices in centimes of MAD. */
export interface GuideRow extends GuideListing {
  /** Line of the file the pack was read from. */
  line: number;
}

/** A line's verdict: the checked row, or everything the line lacks. */
export type RowVerdict = { row: GuideRow; errors: readonly [] } | { row: null; errors: LineError[] };

/** The kit's problem code of each EAN-13 refusal. */
const EAN13_PROBLEM = { REQUIRED: 'MISSING', EAN13_FORM: 'MALFORMED', EAN13_CHECK_DIGIT: 'MALFORMED' } as const satisfies Record<
  string,
  LineProblem
>;

const EAN13_EXPECTED = {
  REQUIRED: 'an EAN-13: 13 digits',
  EAN13_FORM: 'an EAN-13: 13 digits',
  EAN13_CHECK_DIGIT: 'an EAN-13 whose last digit is the check digit of the first 12',
} as const;

/**
 * Checks one line of a guide file, column by column, and says everything it
 * lacks: EAN-13 with its check digit, DCI and the other texts present and
 * within their widths, flags `Y` or `N`, prices positive with at most two
 * decimals, the PBR at most the public price, the generic group of a generic.
 * Rule R12 (domain.md): the base price is the PBR, set on the generic when
 * one exists (seeds/001_225b0d72771d4c3f.txt:L459); nothing in the seeds
 * lets a PBR exceed the public price of its own pack.
 */
export function checkGuideRow(line: number, cells: GuideCells): RowVerdict {
  const errors: LineError[] = [];
  const refuse = (column: GuideColumn, problem: LineProblem, expected: string) => errors.push({ line, column, problem, expected });

  const eanProblem = ean13Problem(cells.ean13);
  if (eanProblem) refuse('ean13', EAN13_PROBLEM[eanProblem], EAN13_EXPECTED[eanProblem]);

  const texts = {} as Record<keyof typeof TEXT_WIDTHS, string>;
  for (const [column, width] of Object.entries(TEXT_WIDTHS) as [keyof typeof TEXT_WIDTHS, number][]) {
    const value = cells[column];
    texts[column] = value;
    if (value === '' && !OPTIONAL_TEXT.has(column)) refuse(column, 'MISSING', 'a text, not empty');
    else if (hasControlCharacters(value)) refuse(column, 'MALFORMED', 'one line of text, without control characters');
    else if ([...value].length > width) refuse(column, 'MALFORMED', `at most ${width} characters`);
  }

  const generic = flag(cells.generic);
  if (generic === null) refuse('generic', 'MALFORMED', `${FLAG_VALUES.yes} (generic) or ${FLAG_VALUES.no} (princeps)`);
  const reimbursable = flag(cells.reimbursable);
  if (reimbursable === null)
    refuse('reimbursable', 'MALFORMED', `${FLAG_VALUES.yes} (reimbursable) or ${FLAG_VALUES.no} (listed, not reimbursable)`);

  const group = cells.generic_group;
  let princepsEan13: string | null = null;
  if (generic === true) {
    const groupProblem = ean13Problem(group);
    if (groupProblem === 'REQUIRED') refuse('generic_group', 'MISSING', "a generic's group: the EAN-13 of its princeps");
    else if (groupProblem) refuse('generic_group', EAN13_PROBLEM[groupProblem], EAN13_EXPECTED[groupProblem]);
    else if (group === cells.ean13) refuse('generic_group', 'INCONSISTENT', "the EAN-13 of the generic's princeps, not its own");
    else princepsEan13 = group;
  } else if (generic === false && group !== '' && group !== cells.ean13) {
    refuse('generic_group', 'INCONSISTENT', 'empty, or its own EAN-13, for a princeps (generic = N)');
  }

  const publicPriceCentimes = parseMadAmount(cells.ppv);
  if (publicPriceCentimes === null) refuse('ppv', 'MALFORMED', AMOUNT_EXPECTED);
  const pbrCentimes = parseMadAmount(cells.pbr);
  if (pbrCentimes === null) refuse('pbr', 'MALFORMED', AMOUNT_EXPECTED);
  if (publicPriceCentimes !== null && pbrCentimes !== null && pbrCentimes > publicPriceCentimes) {
    refuse('pbr', 'INCONSISTENT', 'at most the public price (ppv) of the pack');
  }

  if (errors.length > 0 || generic === null || reimbursable === null || publicPriceCentimes === null || pbrCentimes === null) {
    return { row: null, errors };
  }
  return {
    row: {
      line,
      ean13: cells.ean13,
      dci: texts.dci,
      brand: texts.brand,
      form: texts.form,
      dosage: texts.dosage,
      presentation: texts.presentation,
      therapeuticClass: texts.therapeutic_class === '' ? null : texts.therapeutic_class,
      generic,
      princepsEan13,
      publicPriceCentimes,
      pbrCentimes,
      reimbursable,
    },
    errors: [],
  };
}

/** A flag cell: true for `Y`, false for `N`, null for anything else. */
function flag(value: string): boolean | null {
  if (value === FLAG_VALUES.yes) return true;
  if (value === FLAG_VALUES.no) return false;
  return null;
}

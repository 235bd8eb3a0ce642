import { describe, expect, it } from 'vitest';
import { duplicateCodeErrors, genericGroupErrors } from './guide-file-checks';
import type { GuideCells } from './guide-file-layout';
import { checkGuideRow, type GuideRow } from './guide-row';

const GLUCORIL = '6119999000015';
const FICTILAB = '6119999000022';

/** A valid princeps line of the sample file (Glucoril), changed where a case says. */
function cells(overrides: Partial<Record<keyof GuideCells, string>> = {}): GuideCells {
  return {
    ean13: GLUCORIL,
    dci: 'metformine',
    brand: 'Glucoril',
    form: 'comprimé pelliculé',
    dosage: '850 mg',
    presentation: 'Boîte de 60 comprimés pelliculés',
    therapeutic_class: 'Antidiabétiques oraux (biguanides)',
    generic: 'N',
    generic_group: '',
    ppv: '45.00',
    pbr: '20.50',
    reimbursable: 'Y',
    ...overrides,
  };
}
const generic = (overrides: Partial<Record<keyof GuideCells, string>> = {}) =>
  cells({ ean13: FICTILAB, brand: 'Metformine Fictilab', generic: 'Y', generic_group: GLUCORIL, ppv: '20.50', pbr: '20.50', ...overrides });

describe('checkGuideRow: what a line of a guide file lacks', () => {
  it('reads a valid princeps line into a row, prices in centimes', () => {
    expect(checkGuideRow(4, cells())).toEqual({
      row: {
        line: 4,
        ean13: GLUCORIL,
        dci: 'metformine',
        brand: 'Glucoril',
        form: 'comprimé pelliculé',
        dosage: '850 mg',
        presentation: 'Boîte de 60 comprimés pelliculés',
        therapeuticClass: 'Antidiabétiques oraux (biguanides)',
        generic: false,
        princepsEan13: null,
        publicPriceCentimes: 4500,
        pbrCentimes: 2050,
        reimbursable: true,
      },
      errors: [],
    });
  });

  it.each<[string, GuideCells, Partial<GuideRow>]>([
    ['a generic names its princeps as group', generic(), { generic: true, princepsEan13: GLUCORIL }],
    ['a princeps may name itself as group', cells({ generic_group: GLUCORIL }), { princepsEan13: null }],
    ['dosage and therapeutic class may be empty', cells({ dosage: '', therapeutic_class: '' }), { dosage: '', therapeuticClass: null }],
    ['listed, not reimbursable', cells({ reimbursable: 'N' }), { reimbursable: false }],
    ['PBR equal to the public price', cells({ pbr: '45' }), { pbrCentimes: 4500 }],
  ])('accepts %s', (_label, line, expected) => {
    const verdict = checkGuideRow(7, line);
    expect(verdict.errors).toEqual([]);
    expect(verdict.row).toMatchObject(expected);
  });

  it.each<[string, GuideCells, [string, string, string][]]>([
    ['no EAN-13', cells({ ean13: '' }), [['ean13', 'MISSING', '13 digits']]],
    ['an EAN-13 of 12 digits', cells({ ean13: '611999900001' }), [['ean13', 'MALFORMED', '13 digits']]],
    ['an EAN-13 with letters', cells({ ean13: '61199990000AB' }), [['ean13', 'MALFORMED', '13 digits']]],
    ['a wrong check digit', cells({ ean13: '6119999000016' }), [['ean13', 'MALFORMED', 'check digit']]],
    ['no DCI', cells({ dci: '' }), [['dci', 'MISSING', 'not empty']]],
    [
      'no brand, no form, no presentation',
      cells({ brand: '', form: '', presentation: '' }),
      [
        ['brand', 'MISSING', 'not empty'],
        ['form', 'MISSING', 'not empty'],
        ['presentation', 'MISSING', 'not empty'],
      ],
    ],
    ['a DCI longer than its column', cells({ dci: 'x'.repeat(161) }), [['dci', 'MALFORMED', 'at most 160 characters']]],
    ['a brand over two lines', cells({ brand: 'Gluco\nril' }), [['brand', 'MALFORMED', 'one line']]],
    ['a public price with three decimals', cells({ ppv: '45.905' }), [['ppv', 'MALFORMED', 'at most 2 decimals']]],
    ['a decimal comma', cells({ ppv: '45,00' }), [['ppv', 'MALFORMED', 'with a dot']]],
    ['a negative price', cells({ ppv: '-45.00' }), [['ppv', 'MALFORMED', 'positive']]],
    ['a zero PBR', cells({ pbr: '0.00' }), [['pbr', 'MALFORMED', 'positive']]],
    ['a PBR above the public price (R12)', cells({ pbr: '45.01' }), [['pbr', 'INCONSISTENT', 'at most the public price']]],
    ['a reimbursable flag in words', cells({ reimbursable: 'oui' }), [['reimbursable', 'MALFORMED', 'Y (reimbursable) or N']]],
    ['a lower-case flag', cells({ reimbursable: 'y' }), [['reimbursable', 'MALFORMED', 'Y (reimbursable) or N']]],
    ['a generic flag P/G', cells({ generic: 'P' }), [['generic', 'MALFORMED', 'Y (generic) or N (princeps)']]],
    ['a generic without group', generic({ generic_group: '' }), [['generic_group', 'MISSING', 'EAN-13 of its princeps']]],
    [
      'a generic whose group is not an EAN-13',
      generic({ generic_group: '6119999000014' }),
      [['generic_group', 'MALFORMED', 'check digit']],
    ],
    ['a generic naming itself as group', generic({ generic_group: FICTILAB }), [['generic_group', 'INCONSISTENT', 'not its own']]],
    ['a princeps naming another group', cells({ generic_group: FICTILAB }), [['generic_group', 'INCONSISTENT', 'for a princeps']]],
    [
      'several problems at once, all reported',
      cells({ ean13: '6119999000016', dci: '', ppv: '1.234', reimbursable: 'x' }),
      [
        ['ean13', 'MALFORMED', 'check digit'],
        ['dci', 'MISSING', 'not empty'],
        ['reimbursable', 'MALFORMED', 'Y (reimbursable)'],
        ['ppv', 'MALFORMED', 'at most 2 decimals'],
      ],
    ],
  ])('refuses %s', (_label, line, expected) => {
    const verdict = checkGuideRow(9, line);
    expect(verdict.row).toBeNull();
    expect(verdict.errors.map((error) => [error.column, error.problem])).toEqual(expected.map(([column, problem]) => [column, problem]));
    verdict.errors.forEach((error, index) => {
      expect(error.line).toBe(9);
      expect(error.expected).toContain(expected[index]?.[2]);
    });
  });

  it('never repeats the value it refuses', () => {
    const verdict = checkGuideRow(3, cells({ brand: 'SECRET-BRAND'.repeat(20), ppv: '12,34' }));
    expect(JSON.stringify(verdict.errors)).not.toMatch(/SECRET|12,34/);
  });
});

describe('checks across the lines of a file', () => {
  it.each<[string, { line: number; ean13: string }[], [number, string][]]>([
    [
      'distinct codes',
      [
        { line: 2, ean13: GLUCORIL },
        { line: 3, ean13: FICTILAB },
      ],
      [],
    ],
    [
      'a code listed twice: the second line, naming the first',
      [
        { line: 2, ean13: GLUCORIL },
        { line: 3, ean13: FICTILAB },
        { line: 5, ean13: GLUCORIL },
      ],
      [[5, 'first on line 2']],
    ],
    [
      'a code three times',
      [
        { line: 2, ean13: GLUCORIL },
        { line: 3, ean13: GLUCORIL },
        { line: 4, ean13: GLUCORIL },
      ],
      [
        [3, 'first on line 2'],
        [4, 'first on line 2'],
      ],
    ],
    [
      'empty codes are left to the line checks',
      [
        { line: 2, ean13: '' },
        { line: 3, ean13: '' },
      ],
      [],
    ],
  ])('duplicates: %s', (_label, codes, expected) => {
    const errors = duplicateCodeErrors(codes);
    expect(errors.map((error) => [error.line, error.expected.match(/first on line \d+/)?.[0]])).toEqual(expected);
    expect(errors.every((error) => error.problem === 'DUPLICATE' && error.column === 'ean13')).toBe(true);
  });

  it.each<[string, string[], number[]]>([
    ['a group named by a princeps of the file', [GLUCORIL], []],
    ['a group named by a princeps the file does not list (withdrawn while its generics stay)', [], []],
    ['a group named by a generic of the file', [FICTILAB], [4]],
  ])('generic groups: %s', (_label, listedHeads, refusedLines) => {
    const head = (ean13: string): GuideRow => ({
      ...(checkGuideRow(2, cells({ ean13 })).row as GuideRow),
      generic: ean13 === FICTILAB,
      princepsEan13: ean13 === FICTILAB ? GLUCORIL : null,
    });
    const member = {
      ...(checkGuideRow(4, generic({ ean13: '6119999000039', generic_group: listedHeads[0] ?? GLUCORIL })).row as GuideRow),
    };
    const rows = [...listedHeads.map(head), member];
    expect(genericGroupErrors(rows).map((error) => [error.line, error.problem])).toEqual(
      refusedLines.map((line) => [line, 'INCONSISTENT']),
    );
  });
});

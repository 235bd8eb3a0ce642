import { describe, expect, it } from 'vitest';
import { parseHeader, REGISTRY_COLUMNS, type ColumnPositions } from './registry-file-layout';
import { registryVocabulary, validateRow } from './registry-row';

const POSITIONS = parseHeader([...REGISTRY_COLUMNS]) as ColumnPositions;
const VOCABULARY = registryVocabulary();
const NAME = 'Dr Nadia Fichier';

/** A valid line of a dentist, with some fields replaced. */
function line(overrides: Partial<Record<(typeof REGISTRY_COLUMNS)[number], string>> = {}): string[] {
  const fields = {
    inpe: 'ZZP00101',
    kind: 'PS',
    category: 'DENTIST',
    specialty: '',
    name: NAME,
    sector: 'PRIVATE',
    region: 'RSK',
    status: 'ACTIVE',
    active_from: '2019-09-01',
    active_until: '',
    ...overrides,
  };
  return REGISTRY_COLUMNS.map((column) => fields[column]);
}

describe('validateRow', () => {
  it('reads a valid line in the copy terms', () => {
    expect(validateRow(line(), 7, POSITIONS, VOCABULARY)).toEqual({
      record: {
        inpe: 'ZZP00101',
        kind: 'PROFESSIONAL',
        category: 'DENTIST',
        specialty: null,
        name: NAME,
        sector: 'PRIVATE',
        region: 'RSK',
        status: 'ACTIVE',
        activeFrom: '2019-09-01',
        activeUntil: null,
      },
    });
  });

  it.each([
    { why: 'a real 9-digit INPE', fields: line({ inpe: '123456789' }) },
    { why: 'a specialist with a specialty', fields: line({ category: 'SPECIALIST', specialty: 'CARDIOLOGIE' }) },
    { why: 'an establishment', fields: line({ kind: 'ES', category: 'CLINIC' }) },
    { why: 'a withdrawn code with its last day', fields: line({ status: 'CLOSED', active_until: '2025-12-31' }) },
    { why: 'an open code with a last day ahead', fields: line({ active_until: '2030-01-01' }) },
  ])('accepts $why', ({ fields }) => {
    expect(validateRow(fields, 7, POSITIONS, VOCABULARY)).toHaveProperty('record');
  });

  it.each([
    { why: 'a short code', fields: line({ inpe: 'ZZP0101' }), errors: [['inpe', 'MALFORMED']] },
    { why: 'a code in lower case', fields: line({ inpe: 'zzp00101' }), errors: [['inpe', 'MALFORMED']] },
    { why: 'no code', fields: line({ inpe: '' }), errors: [['inpe', 'MISSING']] },
    { why: 'an unknown kind', fields: line({ kind: 'PROFESSIONAL' }), errors: [['kind', 'UNKNOWN_CODE']] },
    { why: 'an unknown category', fields: line({ category: 'WIZARD' }), errors: [['category', 'UNKNOWN_CODE']] },
    { why: 'no name', fields: line({ name: '' }), errors: [['name', 'MISSING']] },
    { why: 'a name too long', fields: line({ name: 'x'.repeat(121) }), errors: [['name', 'MALFORMED']] },
    { why: 'a control character in the name', fields: line({ name: 'Dr\tX' }), errors: [['name', 'MALFORMED']] },
    { why: 'an unknown sector', fields: line({ sector: 'PRIVE' }), errors: [['sector', 'UNKNOWN_CODE']] },
    { why: 'an unknown region', fields: line({ region: 'ATLANTIS' }), errors: [['region', 'UNKNOWN_CODE']] },
    { why: 'an unknown status', fields: line({ status: 'RETIRED' }), errors: [['status', 'UNKNOWN_CODE']] },
    { why: 'a French date', fields: line({ active_from: '01/09/2019' }), errors: [['active_from', 'MALFORMED']] },
    { why: 'an impossible date', fields: line({ active_until: '2026-02-29' }), errors: [['active_until', 'MALFORMED']] },
    { why: 'no first day', fields: line({ active_from: '' }), errors: [['active_from', 'MISSING']] },
    {
      why: 'a specialty in lower case',
      fields: line({ category: 'SPECIALIST', specialty: 'cardio' }),
      errors: [['specialty', 'MALFORMED']],
    },
    { why: 'PS for an establishment category', fields: line({ category: 'CLINIC' }), errors: [['kind', 'INCONSISTENT']] },
    { why: 'a specialist without specialty', fields: line({ category: 'SPECIALIST' }), errors: [['specialty', 'MISSING']] },
    { why: 'a specialty for a dentist', fields: line({ specialty: 'CARDIOLOGIE' }), errors: [['specialty', 'INCONSISTENT']] },
    { why: 'a withdrawn code without last day', fields: line({ status: 'CLOSED' }), errors: [['active_until', 'MISSING']] },
    { why: 'a last day before the first', fields: line({ active_until: '2019-08-31' }), errors: [['active_until', 'INCONSISTENT']] },
    { why: 'a field too few', fields: line().slice(1), errors: [[null, 'FIELD_COUNT']] },
    { why: 'a field too many', fields: [...line(), 'x'], errors: [[null, 'FIELD_COUNT']] },
    {
      why: 'several fields at once',
      fields: line({ inpe: 'X', region: 'ATLANTIS', active_from: '' }),
      errors: [
        ['inpe', 'MALFORMED'],
        ['region', 'UNKNOWN_CODE'],
        ['active_from', 'MISSING'],
      ],
    },
  ])('refuses $why, naming the line, the column and the expected form, never the value', ({ fields, errors }) => {
    const verdict = validateRow(fields, 7, POSITIONS, VOCABULARY);
    expect(verdict).toHaveProperty('errors');
    const found = 'errors' in verdict ? verdict.errors : [];
    expect(found.map((e) => [e.column, e.problem])).toEqual(errors);
    for (const error of found) {
      expect(error.line).toBe(7);
      expect(error.expected).not.toContain(NAME);
      expect(error.expected).not.toMatch(/ATLANTIS|WIZARD|01\/09\/2019/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseHeader, parseMetadataLine, REGISTRY_COLUMNS } from './registry-file-layout';

const OPTIONS = { today: '2026-03-09', maxRows: 100 };

describe('parseMetadataLine (the first line: #INPE;extracted_on=...;rows=...)', () => {
  it.each([
    { why: 'both fields', fields: ['#INPE', 'extracted_on=2026-03-06', 'rows=10'], expected: { extractedOn: '2026-03-06', rows: 10 } },
    { why: 'in any order', fields: ['#INPE', 'rows=0', 'extracted_on=2026-03-09'], expected: { extractedOn: '2026-03-09', rows: 0 } },
  ])('reads $why', ({ fields, expected }) => {
    expect(parseMetadataLine(fields, OPTIONS)).toEqual(expected);
  });

  it.each([
    { why: 'another file', fields: ['#GMR', 'extracted_on=2026-03-06', 'rows=1'], columns: [null] },
    { why: 'the header first', fields: [...REGISTRY_COLUMNS], columns: [null] },
    { why: 'no date', fields: ['#INPE', 'rows=1'], columns: ['extracted_on'] },
    { why: 'a date in another form', fields: ['#INPE', 'extracted_on=06/03/2026', 'rows=1'], columns: ['extracted_on'] },
    { why: 'an impossible date', fields: ['#INPE', 'extracted_on=2026-02-30', 'rows=1'], columns: ['extracted_on'] },
    { why: 'a date after today', fields: ['#INPE', 'extracted_on=2026-03-10', 'rows=1'], columns: ['extracted_on'] },
    { why: 'no count', fields: ['#INPE', 'extracted_on=2026-03-06'], columns: ['rows'] },
    { why: 'a count that is no number', fields: ['#INPE', 'extracted_on=2026-03-06', 'rows=ten'], columns: ['rows'] },
    { why: 'too many lines announced', fields: ['#INPE', 'extracted_on=2026-03-06', 'rows=101'], columns: ['rows'] },
    { why: 'an unknown field', fields: ['#INPE', 'extracted_on=2026-03-06', 'rows=1', 'format=2'], columns: [null] },
    { why: 'a field twice', fields: ['#INPE', 'extracted_on=2026-03-06', 'rows=1', 'rows=2'], columns: [null] },
  ])('refuses $why on line 1', ({ fields, columns }) => {
    const result = parseMetadataLine(fields, OPTIONS);
    expect(Array.isArray(result)).toBe(true);
    expect((result as { line: number; column: string | null }[]).map((e) => [e.line, e.column])).toEqual(columns.map((c) => [1, c]));
  });
});

describe('parseHeader (the column names, each once, in any order)', () => {
  it('reads the columns in any order', () => {
    const reversed = [...REGISTRY_COLUMNS].reverse();
    const positions = parseHeader(reversed);
    expect(positions).toMatchObject({ inpe: 9, active_until: 0 });
  });

  it.each([
    { why: 'a missing column', fields: REGISTRY_COLUMNS.filter((c) => c !== 'region'), columns: ['region'] },
    { why: 'an unknown column', fields: [...REGISTRY_COLUMNS, 'phone'], columns: [null] },
    { why: 'a column twice', fields: [...REGISTRY_COLUMNS, 'name'], columns: [null] },
    { why: 'a column in capitals', fields: REGISTRY_COLUMNS.map((c) => (c === 'inpe' ? 'INPE' : c)), columns: [null, 'inpe'] },
  ])('refuses $why on line 2', ({ fields, columns }) => {
    const result = parseHeader(fields);
    expect(Array.isArray(result)).toBe(true);
    expect((result as { line: number; column: string | null }[]).map((e) => [e.line, e.column])).toEqual(columns.map((c) => [2, c]));
  });
});

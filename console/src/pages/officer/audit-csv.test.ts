import { parse } from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditEventsCsv } from './audit-csv';
import type { AuditEventView } from './audit-queries';

/** A synthetic event; only the strings under test vary. */
const event = (outside: Partial<AuditEventView>): AuditEventView => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-03-02T10:00:00.000Z',
  clientId: 'cabinet-zzp00001',
  userId: null,
  organisation: 'ZZP00001',
  purposes: ['eligibility:check'],
  operationName: 'Check',
  fieldPaths: ['eligibility'],
  refusedFieldPaths: [],
  subgraphs: ['beneficiaries'],
  decision: 'ALLOWED',
  outcome: 'OK',
  stage: 'ACCESS',
  review: null,
  ...outside,
});

describe('the CSV export of audit events', () => {
  it.each([
    ['a formula', '=HYPERLINK("https://example.invalid/")'],
    ['a formula followed by a line break (papaparse alone let it through)', '=HYPERLINK("https://example.invalid/")\nmore'],
    ['a plus sign', '+1+1'],
    ['a tab', '\t=1'],
  ])('escapes an operation name and a client id that start %s', async (_case, text) => {
    const csv = await auditEventsCsv([event({ operationName: text, clientId: text })]);
    const [columns = [], row] = parse<string[]>(csv.trim()).data;
    expect(row?.[columns.indexOf('operationName')]).toBe(`'${text}`);
    expect(row?.[columns.indexOf('clientId')]).toBe(`'${text}`);
  });

  it('leaves other text as it is', async () => {
    const csv = await auditEventsCsv([event({})]);
    const [columns = [], row] = parse<string[]>(csv.trim()).data;
    expect(row?.[columns.indexOf('operationName')]).toBe('Check');
  });
});

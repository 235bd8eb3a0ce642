import { describe, expect, it } from 'vitest';
import { isInpe, parseInpe, parseNationalId, recogniseNationalId, replaceNationalIdForms } from '../identifiers/identifiers';

describe('national identifiers are recognised from their form', () => {
  it.each<[string, string | null]>([
    ['AB123456', 'CIN'],
    ['a123', 'CIN'],
    [' zz000001 ', 'CIN'],
    ['S20150412001', 'SOCIAL'],
    ['ABC12345', null],
    ['AB1234567', null],
    ['123456', null],
    ['', null],
    ['AB-12345', null],
  ])('%s → %s', (raw, scheme) => {
    expect(recogniseNationalId(raw)?.scheme ?? null).toBe(scheme);
  });

  it('normalises what a clerk types', () => {
    expect(parseNationalId(' ab123 ')).toEqual({ scheme: 'CIN', value: 'AB123' });
  });

  it('refuses a malformed id with BAD_USER_INPUT naming the expected form, never the value', () => {
    try {
      parseNationalId('X-99-SECRET');
      expect.unreachable();
    } catch (error) {
      const e = error as { message: string; extensions: { code: string; reason: string } };
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.extensions.reason).toBe('NATIONAL_ID_MALFORMED');
      expect(e.message).toContain('AB123456');
      expect(e.message).not.toContain('X-99-SECRET');
    }
  });
});

describe('INPE codes', () => {
  it.each<[string, boolean]>([
    ['123456789', true],
    ['ZZP00001', true],
    ['zzp99999', true],
    ['12345678', false],
    ['ZZP0001', false],
    ['INPE-1', false],
  ])('%s → %s', (raw, valid) => {
    expect(isInpe(raw)).toBe(valid);
  });

  it('refuses a malformed INPE with BAD_USER_INPUT', () => {
    expect(() => parseInpe('??')).toThrowError(/INPE/);
  });
});

describe('national ids inside free text', () => {
  const mark = (text: string) => replaceNationalIdForms(text, (id) => `<${id}>`);

  it.each([
    ['Check_ZZ000001', 'Check_<ZZ000001>'],
    ['CheckZZ000001', 'Check<ZZ000001>'],
    ['req-ZZ000001-7', 'req-<ZZ000001>-7'],
    ['S20150412001', '<S20150412001>'],
    ['AB1234567', 'AB1234567'],
    ['audit-3fa85f64-5717-4562-b3fc-2c963f66afa6', 'audit-3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['Eligibility', 'Eligibility'],
  ])('finds the form of a national id of the reference data in %s', (text, marked) => {
    expect(mark(text)).toBe(marked);
  });
});

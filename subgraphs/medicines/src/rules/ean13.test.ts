import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, isValidEan13, withCheckDigit } from './ean13';

// EAN13 identifies a pack in the GMR; 1.24% then 0.28% of rows had none (seeds/001_225b0d72771d4c3f.txt:L472).
describe('ean13CheckDigit', () => {
  it.each([
    ['400638133393', 1, 'GS1 textbook example'],
    ['590123412345', 7, 'GS1 textbook example'],
    ['978030640615', 7, 'ISBN-13 as EAN13'],
    ['611999900001', 5, 'synthetic Moroccan prefix 611, seed fixture'],
    ['000000000000', 0, 'all zeros'],
    ['611999900006', 0, 'weighted sum a multiple of 10: check digit 0, not 10'],
  ])('%s -> %i (%s)', (body, digit) => {
    expect(ean13CheckDigit(body)).toBe(digit);
  });

  it.each(['', '61199990000', '6119999000011', '61199990000a'])('refuses body %j', (body) => {
    expect(() => ean13CheckDigit(body)).toThrow(RangeError);
  });
});

describe('isValidEan13', () => {
  it.each([
    ['4006381333931', true, 'valid check digit'],
    ['5901234123457', true, 'valid check digit'],
    ['6119999000015', true, 'synthetic seed code'],
    ['4006381333932', false, 'wrong check digit'],
    ['6119999000012', false, 'wrong check digit'],
    ['611999900001', false, '12 digits'],
    ['61199990000123', false, '14 digits'],
    ['611999900001X', false, 'a letter'],
    [' 6119999000015', false, 'untrimmed (the edge trims, the rule does not)'],
    ['', false, 'empty'],
  ])('%j -> %s (%s)', (code, valid) => {
    expect(isValidEan13(code)).toBe(valid);
  });
});

describe('withCheckDigit', () => {
  it.each([
    ['611999900001', '6119999000015'],
    ['400638133393', '4006381333931'],
  ])('%s -> %s', (body, code) => {
    expect(withCheckDigit(body)).toBe(code);
    expect(isValidEan13(withCheckDigit(body))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { prefixRange, searchKey } from './search-key';

// DCI (INN) is how the GMR names molecules (seeds/001_225b0d72771d4c3f.txt:L110); users type them with or without accents.
describe('searchKey', () => {
  it.each([
    ['paracétamol', 'paracetamol', 'accent removed'],
    ['PARACÉTAMOL', 'paracetamol', 'upper case and accent'],
    ['Paracetamol', 'paracetamol', 'already plain'],
    ['Ibuprofène', 'ibuprofene', 'grave accent'],
    ['amoxicilline/acide clavulanique', 'amoxicilline acide clavulanique', 'combination slash'],
    ['Lévothyroxine  sodique ', 'levothyroxine sodique', 'double and trailing spaces'],
    ['  insuline   glargine', 'insuline glargine', 'leading spaces'],
    ['Cœurvit', 'coeurvit', 'ligature oe'],
    ['Codéine-Paracétamol 500/30', 'codeine paracetamol 500 30', 'hyphen and digits kept'],
    ['Acide acétylsalicylique (aspirine)', 'acide acetylsalicylique aspirine', 'parentheses'],
    ['6119999000015', '6119999000015', 'an EAN13 stays as is'],
    ['--', '', 'punctuation only'],
    ['', '', 'empty'],
  ])('%j -> %j (%s)', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('is idempotent', () => {
    for (const text of ['Amoxicilline/Acide Clavulanique', 'Œstradiol', 'ésoméprazole 20 mg']) {
      expect(searchKey(searchKey(text))).toBe(searchKey(text));
    }
  });
});

describe('prefixRange', () => {
  it.each([
    ['amox', 'amox', 'amoy'],
    ['metformine', 'metformine', 'metforminf'],
    ['z', 'z', '{'],
    ['611', '611', '612'],
    ['619', '619', '61:'],
    ['insuline g', 'insuline g', 'insuline h'],
  ])('%j -> [%j, %j)', (prefix, from, to) => {
    expect(prefixRange(prefix)).toEqual({ from, to });
  });

  it.each([
    ['amox', 'amoxicilline', true],
    ['amox', 'amox', true],
    ['amox', 'amoy', false],
    ['amox', 'amow zz', false],
    ['z', 'zyloric', true],
    ['619', '6199990000019', true],
    ['619', '6200000000000', false],
  ])('range of %j holds %j: %s', (prefix, key, inside) => {
    const { from, to } = prefixRange(prefix);
    expect(key >= from && key < to).toBe(inside);
  });

  it('refuses an empty prefix', () => {
    expect(() => prefixRange('')).toThrow(RangeError);
  });
});

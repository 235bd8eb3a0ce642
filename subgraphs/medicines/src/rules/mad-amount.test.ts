import { describe, expect, it } from 'vitest';
import { formatMadAmount, parseMadAmount } from './mad-amount';

describe('parseMadAmount (guide file prices: positive MAD, dot, at most 2 decimals)', () => {
  it.each<[string, number | null]>([
    ['45.90', 4590],
    ['45.9', 4590],
    ['45', 4500],
    ['0.01', 1],
    ['9999999.99', 999999999],
    ['0', null],
    ['0.00', null],
    ['-5.00', null],
    ['45.905', null],
    ['45,90', null],
    ['1 234.00', null],
    ['.50', null],
    ['45.', null],
    ['12345678.00', null],
    ['', null],
    ['1e3', null],
  ])('%j -> %j', (text, centimes) => {
    expect(parseMadAmount(text)).toBe(centimes);
  });

  it('writes centimes back as the file writes them', () => {
    expect([4590, 1, 65550, 100].map(formatMadAmount)).toEqual(['45.90', '0.01', '655.50', '1.00']);
  });
});

import { describe, expect, it } from 'vitest';
import { hasControlCharacters } from '../identifiers/plain-text';

describe('free text without control characters', () => {
  it.each(['Ali', 'Aït Ben Haddou', 'عائشة', 'Compte rendu, 2026'])('takes %j as one line of text', (text) => {
    expect(hasControlCharacters(text)).toBe(false);
  });

  it.each(['Ali\u0000', 'Bord\nX', 'a\tb', 'x\u001b[31m', 'del\u007f'])('refuses %j as one line of text', (text) => {
    expect(hasControlCharacters(text)).toBe(true);
  });

  it('takes tabs and line breaks in paragraphs, never a NUL or an escape', () => {
    expect(hasControlCharacters('first line\r\nsecond\tline', { paragraphs: true })).toBe(false);
    expect(hasControlCharacters('a\u0000b', { paragraphs: true })).toBe(true);
    expect(hasControlCharacters('x\u001b[31m', { paragraphs: true })).toBe(true);
  });
});

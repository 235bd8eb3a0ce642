import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parsePageRequest, slicePage } from './page-cursor';

const LIMITS = { defaultPageSize: 20, maxPageSize: 100 };

function codeOf(run: () => unknown): unknown {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
}

describe('cursor encode/decode', () => {
  it.each(['ZZP00001', 'ZZP98999', '123456789'])('round-trips %s and hides it', (inpe) => {
    const cursor = encodeCursor(inpe);
    expect(cursor).not.toContain(inpe);
    expect(decodeCursor(cursor)).toBe(inpe);
  });

  it.each([
    { name: 'empty', cursor: '' },
    { name: 'not base64 of a cursor', cursor: 'hello' },
    { name: 'a raw INPE', cursor: 'ZZP00001' },
    { name: 'wrong version tag', cursor: Buffer.from('p0:ZZP00001').toString('base64url') },
    { name: 'tag with a malformed INPE', cursor: Buffer.from('p1:ZZP1').toString('base64url') },
    { name: 'too long', cursor: 'A'.repeat(200) },
  ])('refuses $name', ({ cursor }) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('parsePageRequest', () => {
  it.each([
    { first: undefined, after: undefined, expected: { size: 20, afterInpe: null } },
    { first: null, after: null, expected: { size: 20, afterInpe: null } },
    { first: 1, after: undefined, expected: { size: 1, afterInpe: null } },
    { first: 100, after: encodeCursor('ZZP10010'), expected: { size: 100, afterInpe: 'ZZP10010' } },
  ])('accepts first=$first', ({ first, after, expected }) => {
    expect(parsePageRequest(first, after, LIMITS)).toEqual(expected);
  });

  it.each([
    { name: 'first above the maximum', first: 101, after: null },
    { name: 'first zero', first: 0, after: null },
    { name: 'negative first', first: -5, after: null },
    { name: 'a forged cursor', first: 10, after: 'not-a-cursor' },
  ])('refuses $name with BAD_USER_INPUT', ({ first, after }) => {
    expect(codeOf(() => parsePageRequest(first, after, LIMITS))).toBe('BAD_USER_INPUT');
  });

  it('does not echo a refused cursor', () => {
    try {
      parsePageRequest(10, 'secret-value', LIMITS);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value');
    }
  });
});

describe('slicePage', () => {
  it.each([
    { rows: [1, 2, 3], size: 2, expected: { items: [1, 2], hasNextPage: true } },
    { rows: [1, 2], size: 2, expected: { items: [1, 2], hasNextPage: false } },
    { rows: [], size: 2, expected: { items: [], hasNextPage: false } },
  ])('$rows.length rows for a page of $size', ({ rows, size, expected }) => {
    expect(slicePage(rows, size)).toEqual(expected);
  });
});

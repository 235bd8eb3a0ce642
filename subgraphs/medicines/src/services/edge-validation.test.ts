import { describe, expect, it } from 'vitest';
import { parseAfter, parseMedicineCode, parsePageSize, parseSearchText } from './edge-validation';
import { encodeCursor } from './search-cursor';

const LIMITS = { defaultFirst: 20, maxFirst: 100, minTextLength: 2 };

/** Runs a parser and returns the code and field of the error it throws, or the value. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    // Duck-typed: the kit's CommonJS graphql and the test's ESM graphql are two copies of GraphQLError.
    const { extensions, message } = error as { extensions?: { code?: string; params?: { field?: string } }; message: string };
    if (!extensions) throw error;
    return { code: extensions.code, field: extensions.params?.field, message };
  }
}

describe('parseMedicineCode', () => {
  it.each([
    ['6119999000015', '6119999000015'],
    ['  6119999000015 ', '6119999000015'],
  ])('accepts %j as %j', (raw, code) => {
    expect(parseMedicineCode(raw)).toBe(code);
  });

  it.each(['6119999000012', '611999900001', 'ABCDEFGHIJKLM', '', '61199990000150'])(
    'refuses %j with BAD_USER_INPUT without echoing it',
    (raw) => {
      const result = outcome(() => parseMedicineCode(raw)) as { code: string; field: string; message: string };
      expect(result).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      if (raw) expect(result.message).not.toContain(raw);
    },
  );
});

describe('parsePageSize', () => {
  it.each<[number | null | undefined, unknown]>([
    [undefined, 20],
    [null, 20],
    [1, 1],
    [100, 100],
    [0, { code: 'BAD_USER_INPUT', field: 'first' }],
    [101, { code: 'BAD_USER_INPUT', field: 'first' }],
    [-5, { code: 'BAD_USER_INPUT', field: 'first' }],
  ])('%j -> %j', (first, expected) => {
    expect(outcome(() => parsePageSize(first, LIMITS))).toMatchObject(expected as object);
  });
});

describe('parseSearchText', () => {
  it.each<[string, unknown]>([
    ['Paracétamol', { key: 'paracetamol', codePrefix: null }],
    ['am', { key: 'am', codePrefix: null }],
    ['611999', { key: '611999', codePrefix: '611999' }],
    ['Glucoril 850', { key: 'glucoril 850', codePrefix: null }],
    ['a', { code: 'BAD_USER_INPUT', field: 'text' }],
    [' é ', { code: 'BAD_USER_INPUT', field: 'text' }],
    ['--', { code: 'BAD_USER_INPUT', field: 'text' }],
    ['x'.repeat(161), { code: 'BAD_USER_INPUT', field: 'text' }],
  ])('%j -> %j', (text, expected) => {
    expect(outcome(() => parseSearchText(text, LIMITS))).toMatchObject(expected as object);
  });
});

describe('parseAfter', () => {
  it('accepts no cursor and a cursor of this search', () => {
    expect(parseAfter(null)).toBeNull();
    expect(parseAfter(encodeCursor({ brandKey: 'glucoril', ean13: '6119999000015' }))).toEqual({
      brandKey: 'glucoril',
      ean13: '6119999000015',
    });
  });

  it('refuses a forged cursor with BAD_USER_INPUT', () => {
    expect(outcome(() => parseAfter('bm90LWEtY3Vyc29y'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

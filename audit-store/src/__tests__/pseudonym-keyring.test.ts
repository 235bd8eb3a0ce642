import { describe, expect, it } from 'vitest';
import { PseudonymKeyring } from '../pseudonym-keyring';

const SECRET_1 = 'first-secret-of-at-least-32-characters';
const SECRET_2 = 'second-secret-of-at-least-32-characters';

describe('PseudonymKeyring.parse', () => {
  it.each([
    ['an empty text', ''],
    ['an entry without a version', `:${SECRET_1}`],
    ['an entry without a colon', SECRET_1],
    ['a version with a space', `v 1:${SECRET_1}`],
    ['a version of 33 characters', `${'v'.repeat(33)}:${SECRET_1}`],
    ['a secret under 32 characters', 'v1:too-short-secret'],
    ['an empty second entry', `v1:${SECRET_1},`],
    ['a version given twice', `v1:${SECRET_1},v1:${SECRET_2}`],
  ])('refuses %s', (_case, text) => {
    expect(() => PseudonymKeyring.parse(text)).toThrow(/pseudonymisation key/);
  });

  it('never echoes a secret in its errors', () => {
    expect(() => PseudonymKeyring.parse('v1:too-short-secret')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('too-short-secret') }),
    );
  });

  it('reads the versions newest first, the first being current', () => {
    const keyring = PseudonymKeyring.parse(` v2:${SECRET_2} , v1:${SECRET_1}`);
    expect(keyring.currentVersion).toBe('v2');
    expect(keyring.versions).toEqual(['v2', 'v1']);
  });
});

describe('pseudonyms', () => {
  const keyring = PseudonymKeyring.parse(`v1:${SECRET_1}`);

  it('are the same however a national id is typed', () => {
    expect(keyring.pseudonymise(' zz000001 ')).toBe(keyring.pseudonymise('ZZ000001'));
  });

  it('hide the national id and depend on the key', () => {
    const pseudonym = keyring.pseudonymise('ZZ000001');
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonym).not.toContain('000001');
    expect(pseudonym).not.toBe(PseudonymKeyring.parse(`v1:${SECRET_2}`).pseudonymise('ZZ000001'));
  });

  it('of events hashed before a rotation are still found: a search hashes with every version', () => {
    const before = keyring.pseudonymise('ZZ000001');
    const rotated = PseudonymKeyring.parse(`v2:${SECRET_2},v1:${SECRET_1}`);
    const after = rotated.pseudonymise('ZZ000001');
    expect(after).not.toBe(before);
    expect(rotated.pseudonymsOf('zz000001')).toEqual([after, before]);
  });
});

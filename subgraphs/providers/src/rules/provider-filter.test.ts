import { describe, expect, it } from 'vitest';
import { likePattern, parseProviderFilter, type ProviderFilterInput } from './provider-filter';

const VOCABULARY = {
  regions: ['CSE', 'FME', 'RSK'],
  categories: ['GENERAL_PRACTITIONER', 'PHARMACY'],
  kinds: ['PROFESSIONAL', 'ESTABLISHMENT'],
  statuses: ['ACTIVE', 'SUSPENDED', 'CLOSED'],
  maxNameFilterLength: 10,
};

function failure(input: ProviderFilterInput): { code: unknown; message: string } | null {
  try {
    parseProviderFilter(input, VOCABULARY);
    return null;
  } catch (error) {
    return { code: (error as { extensions?: { code?: unknown } }).extensions?.code, message: (error as Error).message };
  }
}

describe('parseProviderFilter', () => {
  it.each([
    { name: 'empty filter', input: {}, expected: {} },
    { name: 'codes normalised', input: { region: ' cse ', kind: 'professional' }, expected: { region: 'CSE', kind: 'PROFESSIONAL' } },
    { name: 'blank fields dropped', input: { region: '', category: null, nameContains: '   ' }, expected: {} },
    {
      name: 'every field',
      input: { region: 'FME', category: 'PHARMACY', kind: 'ESTABLISHMENT', status: 'ACTIVE', nameContains: ' Fassi ' },
      expected: { region: 'FME', category: 'PHARMACY', kind: 'ESTABLISHMENT', status: 'ACTIVE', nameContains: 'fassi' },
    },
  ])('accepts $name', ({ input, expected }) => {
    expect(parseProviderFilter(input, VOCABULARY)).toEqual(expected);
  });

  it.each([
    { name: 'unknown region', input: { region: 'XYZ-SECRET' }, secret: 'XYZ-SECRET' },
    { name: 'unknown category', input: { category: 'WIZARD-SECRET' }, secret: 'WIZARD-SECRET' },
    { name: 'unknown kind', input: { kind: 'ROBOT-SECRET' }, secret: 'ROBOT-SECRET' },
    { name: 'unknown status', input: { status: 'ASLEEP-SECRET' }, secret: 'ASLEEP-SECRET' },
    { name: 'name text too long', input: { nameContains: 'Dr Secretname Longer' }, secret: 'Secretname' },
  ])('refuses $name with BAD_USER_INPUT, without echoing it', ({ input, secret }) => {
    const result = failure(input);
    expect(result?.code).toBe('BAD_USER_INPUT');
    expect(result?.message.toUpperCase()).not.toContain(secret.toUpperCase());
  });
});

describe('likePattern', () => {
  it.each([
    { text: 'fassi', expected: '%fassi%' },
    { text: '100%', expected: '%100\\%%' },
    { text: 'a_b', expected: '%a\\_b%' },
    { text: 'back\\slash', expected: '%back\\\\slash%' },
  ])('$text → $expected', ({ text, expected }) => {
    expect(likePattern(text)).toBe(expected);
  });
});

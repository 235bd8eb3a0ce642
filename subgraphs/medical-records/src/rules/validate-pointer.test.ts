import { describe, expect, it } from 'vitest';
import type { PointerDraft, PointerRules } from './facts';
import { checkRepositoryUrl, isHostAllowed, normaliseUuid, validatePointer } from './validate-pointer';

const RULES: PointerRules = {
  urlMaxLength: 120,
  allowedHosts: ['dmp.example.invalid', '*.records.example.invalid'],
  sizeBytes: { min: 1, max: 1_000_000 },
  mimeTypes: ['application/pdf', 'application/fhir+json'],
  titleMaxLength: 40,
  documentTypes: ['LAB_RESULT', 'PRESCRIPTION'],
};

const PERSON = '4a1f6c2e-0b7d-4e1a-9c3b-2d5e8f7a6b10';
const DOCUMENT = '9b2e7d10-3c4f-4a8b-8e1d-6f0a2b3c4d5e';
const SHA = 'a'.repeat(64);

const VALID: PointerDraft = {
  personRef: PERSON,
  type: 'LAB_RESULT',
  title: 'Bilan lipidique',
  repositoryUrl: 'https://dmp.example.invalid/documents/1',
  sha256: SHA,
  sizeBytes: 2048,
  mimeType: 'application/pdf',
  supersedes: null,
};

describe('validatePointer', () => {
  it('accepts a valid pointer and normalises it', () => {
    const result = validatePointer(
      {
        ...VALID,
        personRef: ` ${PERSON.toUpperCase()} `,
        title: '  Bilan lipidique ',
        sha256: SHA.toUpperCase(),
        mimeType: 'Application/PDF',
        supersedes: DOCUMENT.toUpperCase(),
      },
      RULES,
    );
    expect(result).toEqual({
      ok: true,
      value: { ...VALID, personRef: PERSON, title: 'Bilan lipidique', sha256: SHA, mimeType: 'application/pdf', supersedes: DOCUMENT },
    });
  });

  it.each<[string, Partial<PointerDraft>, string]>([
    ['a person reference that is no UUID', { personRef: 'ZZ000001' }, 'personRef'],
    ['a type outside the reference list', { type: 'TAROT_READING' }, 'type'],
    ['a type in the wrong case', { type: 'lab_result' }, 'type'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title too long', { title: 'x'.repeat(41) }, 'title'],
    ['a title with a control character', { title: 'Bilan\u0000' }, 'title'],
    ['an http URL', { repositoryUrl: 'http://dmp.example.invalid/documents/1' }, 'repositoryUrl'],
    ['a URL that is not absolute', { repositoryUrl: '/documents/1' }, 'repositoryUrl'],
    ['a host off the allow-list', { repositoryUrl: 'https://evil.example.invalid/documents/1' }, 'repositoryUrl'],
    ['credentials in the URL', { repositoryUrl: 'https://user:secret@dmp.example.invalid/documents/1' }, 'repositoryUrl'],
    ['a URL too long', { repositoryUrl: `https://dmp.example.invalid/${'d'.repeat(120)}` }, 'repositoryUrl'],
    ['a sha256 too short', { sha256: 'a'.repeat(63) }, 'sha256'],
    ['a sha256 with a non-hex character', { sha256: `${'a'.repeat(63)}g` }, 'sha256'],
    ['a size of zero', { sizeBytes: 0 }, 'sizeBytes'],
    ['a negative size', { sizeBytes: -5 }, 'sizeBytes'],
    ['a size above the maximum', { sizeBytes: 1_000_001 }, 'sizeBytes'],
    ['a fractional size', { sizeBytes: 10.5 }, 'sizeBytes'],
    ['a media type off the list', { mimeType: 'application/x-msdownload' }, 'mimeType'],
    ['a supersedes that is no UUID', { supersedes: 'previous' }, 'supersedes'],
  ])('refuses %s, naming the field', (_case, change, field) => {
    const result = validatePointer({ ...VALID, ...change }, RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violation.field).toBe(field);
    for (const value of Object.values(change)) {
      if (typeof value === 'string' && value.trim().length > 3) expect(result.violation.expected).not.toContain(value.trim());
    }
  });

  it.each([
    ['the minimum size', 1],
    ['the maximum size', 1_000_000],
  ])('accepts %s', (_case, sizeBytes) => {
    expect(validatePointer({ ...VALID, sizeBytes }, RULES).ok).toBe(true);
  });
});

describe('checkRepositoryUrl', () => {
  it.each([
    ['https://dmp.example.invalid/documents/1', true],
    ['https://DMP.example.invalid/documents/1', true],
    ['https://dmp.example.invalid:8443/documents/1?version=2', true],
    ['https://a.records.example.invalid/x', true],
    ['https://records.example.invalid/x', false],
    ['ftp://dmp.example.invalid/x', false],
    ['javascript:alert(1)', false],
    ['https://dmp.example.invalid.attacker.test/x', false],
  ])('%s → %s', (url, accepted) => {
    expect(checkRepositoryUrl(url, RULES).ok).toBe(accepted);
  });
});

describe('isHostAllowed', () => {
  it.each([
    ['dmp.example.invalid', ['dmp.example.invalid'], true],
    ['sub.dmp.example.invalid', ['dmp.example.invalid'], false],
    ['sub.dmp.example.invalid', ['*.dmp.example.invalid'], true],
    ['dmp.example.invalid', ['*.dmp.example.invalid'], false],
    ['xdmp.example.invalid', ['*.dmp.example.invalid'], false],
    ['anything.test', [], false],
  ] as const)('%s with %j → %s', (host, list, allowed) => {
    expect(isHostAllowed(host, list)).toBe(allowed);
  });
});

describe('normaliseUuid', () => {
  it.each([
    [PERSON, PERSON],
    [` ${PERSON.toUpperCase()}`, PERSON],
    ['not-a-uuid', null],
    [`${PERSON}0`, null],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseUuid(raw)).toBe(expected);
  });
});

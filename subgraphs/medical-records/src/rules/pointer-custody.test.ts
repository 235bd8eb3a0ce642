import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { custodyCircle, mayChangePointer, mayRegisterPointer } from './pointer-custody';

/** A write changes only what the writer owns (architecture.md, access rules; `pointer-custody.ts`). */
type Writer = Pick<Caller, 'org' | 'orgKind' | 'actsFor'>;

const HOSPITAL: Writer = { orgKind: 'ESTABLISHMENT', org: 'ZZP00004', actsFor: ['ZZP00003'] };
const SPECIALIST: Writer = { orgKind: 'PROFESSIONAL', org: 'ZZP00003', actsFor: ['ZZP00004'] };
const LONE_DOCTOR: Writer = { orgKind: 'PROFESSIONAL', org: 'ZZP00001' };
const CLINIC: Writer = { orgKind: 'ESTABLISHMENT', org: 'ZZP00010', actsFor: ['ZZP00001'] };

describe('custodyCircle: the writer and those it acts for', () => {
  it.each<[string, Writer, string[]]>([
    ['an establishment and its attached professionals', HOSPITAL, ['ZZP00004', 'ZZP00003']],
    ['a professional and the establishments it is attached to', SPECIALIST, ['ZZP00003', 'ZZP00004']],
    ['a professional attached nowhere', LONE_DOCTOR, ['ZZP00001']],
    ['an insurer: nobody', { orgKind: 'OG', org: 'CNSS', actsFor: ['ZZP00004'] }, []],
    ['the regulator: nobody', { orgKind: 'REGULATOR', org: 'ANAM' }, []],
    ['the patient portal: nobody', { orgKind: 'PATIENT_PORTAL', org: 'PATIENT_PORTAL' }, []],
    ['an establishment without an org: nobody', { orgKind: 'ESTABLISHMENT', org: null, actsFor: ['ZZP00003'] }, []],
  ])('%s', (_case, writer, expected) => {
    expect([...custodyCircle(writer)].sort()).toEqual(expected.sort());
  });
});

describe('mayRegisterPointer: the custodian (or one attached to it) registers, naming its circle only', () => {
  it.each<[string, Writer, string, string, boolean]>([
    ['establishment, itself as author and custodian', HOSPITAL, 'ZZP00004', 'ZZP00004', true],
    ['establishment, an attached professional as author', HOSPITAL, 'ZZP00003', 'ZZP00004', true],
    ['establishment, an attached professional as custodian', HOSPITAL, 'ZZP00003', 'ZZP00003', true],
    ['establishment, a foreign author', HOSPITAL, 'ZZP00001', 'ZZP00004', false],
    ['establishment, a foreign custodian', HOSPITAL, 'ZZP00004', 'ZZP00010', false],
    ['professional, its establishment as custodian', SPECIALIST, 'ZZP00003', 'ZZP00004', true],
    ['professional, keeping its own document', LONE_DOCTOR, 'ZZP00001', 'ZZP00001', true],
    ['professional, an establishment it is not attached to', LONE_DOCTOR, 'ZZP00001', 'ZZP00004', false],
    ['professional, another professional as author', SPECIALIST, 'ZZP00001', 'ZZP00004', false],
    ['another establishment for the hospital', CLINIC, 'ZZP00001', 'ZZP00004', false],
    ['an insurer', { orgKind: 'OG', org: 'CNSS' }, 'ZZP00004', 'ZZP00004', false],
    ['an insurer naming itself', { orgKind: 'OG', org: 'CNSS' }, 'CNSS', 'CNSS', false],
  ])('%s → %s', (_case, writer, authorInpe, custodianInpe, expected) => {
    expect(mayRegisterPointer(writer, { authorInpe, custodianInpe })).toBe(expected);
  });
});

describe('mayChangePointer: supersede or withdraw only within the custodian circle; unknown is refused like foreign', () => {
  it.each<[string, Writer, { custodianInpe: string } | null, boolean]>([
    ['the custodian establishment', HOSPITAL, { custodianInpe: 'ZZP00004' }, true],
    ['the establishment of a professional custodian', HOSPITAL, { custodianInpe: 'ZZP00003' }, true],
    ['a professional attached to the custodian', SPECIALIST, { custodianInpe: 'ZZP00004' }, true],
    ['a professional custodian itself', LONE_DOCTOR, { custodianInpe: 'ZZP00001' }, true],
    ['another establishment', CLINIC, { custodianInpe: 'ZZP00004' }, false],
    ['a professional attached elsewhere', LONE_DOCTOR, { custodianInpe: 'ZZP00004' }, false],
    ['an insurer', { orgKind: 'OG', org: 'CNSS' }, { custodianInpe: 'ZZP00004' }, false],
    ['the custodian, for a pointer that does not exist', HOSPITAL, null, false],
  ])('%s → %s', (_case, writer, pointer, expected) => {
    expect(mayChangePointer(writer, pointer)).toBe(expected);
  });
});

import type { Caller } from '@cmb/kit';
import { describe, expect, it } from 'vitest';
import { signedInPerson } from './signed-in-person';

type Facts = Pick<Caller, 'orgKind' | 'nationalId' | 'userId'>;

describe('the signed-in insured person (me)', () => {
  it.each<[string, Facts, ReturnType<typeof signedInPerson>]>([
    [
      'a patient portal user with a national id',
      { orgKind: 'PATIENT_PORTAL', nationalId: 'ZZ000001', userId: 'u-1' },
      { nationalId: 'ZZ000001', userId: 'u-1' },
    ],
    ['a patient portal token without a national id', { orgKind: 'PATIENT_PORTAL', nationalId: null, userId: 'u-1' }, null],
    ['a patient portal token without a user', { orgKind: 'PATIENT_PORTAL', nationalId: 'ZZ000001', userId: null }, null],
    ['no national id claim at all', { orgKind: 'PATIENT_PORTAL', userId: 'u-1' }, null],
    ['an establishment, even with a national id', { orgKind: 'ESTABLISHMENT', nationalId: 'ZZ000001', userId: 'u-1' }, null],
    ['an OG', { orgKind: 'OG', nationalId: null, userId: null }, null],
    ['an officer', { orgKind: 'REGULATOR', nationalId: 'ZZ000001', userId: 'officer' }, null],
  ])('%s', (_case, caller, expected) => {
    expect(signedInPerson(caller)).toEqual(expected);
  });
});

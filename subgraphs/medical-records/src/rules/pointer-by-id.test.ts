import { describe, expect, it } from 'vitest';
import { mayReadPointerById } from './pointer-by-id';

const POINTER = { authorInpe: 'ZZP00001', custodianInpe: 'ZZP00004' };

describe('mayReadPointerById', () => {
  it.each<[string | null, string | null, boolean]>([
    ['PROFESSIONAL', 'ZZP00001', true],
    ['ESTABLISHMENT', 'ZZP00004', true],
    ['ESTABLISHMENT', 'ZZP00010', false],
    ['PROFESSIONAL', 'ZZP00003', false],
    ['ESTABLISHMENT', null, false],
    ['OG', 'ZZP00004', false],
    ['REGULATOR', 'ANAM', false],
    ['PATIENT_PORTAL', 'PATIENT_PORTAL', false],
    [null, 'ZZP00001', false],
  ])('%s %s → %s', (orgKind, org, expected) => {
    expect(mayReadPointerById({ orgKind, org }, POINTER)).toBe(expected);
  });
});

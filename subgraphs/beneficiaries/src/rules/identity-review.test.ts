import { describe, expect, it } from 'vitest';
import { mayReviewIdentityConflicts } from './identity-review';

/** Identity conflicts are reviewed by ANAM alone (domain.md §3: ANAM sees cross-OG identity for its controls). */
describe('mayReviewIdentityConflicts', () => {
  it.each<[string | null, boolean]>([
    ['REGULATOR', true],
    ['OG', false],
    ['ESTABLISHMENT', false],
    ['PROFESSIONAL', false],
    ['PATIENT_PORTAL', false],
    ['DPA', false],
    [null, false],
  ])('%s → %s', (orgKind, expected) => {
    expect(mayReviewIdentityConflicts({ orgKind })).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { issueCareRelationshipProof, verifyCareRelationshipProof } from '../auth/care-relationship-proof';

/** A care relationship opens a record only as beneficiaries issued it: for this person, this organisation, this day. */
describe('care relationship proofs', () => {
  const secret = Buffer.from('a-secret-shared-by-the-gateway-and-subgraphs');
  const proof = issueCareRelationshipProof(secret, 'ref-1', 'ZZP00010', '2026-03-02');

  it.each<[string, unknown, string, string | null, unknown, boolean]>([
    ['the proof issued to the caller', proof, 'ref-1', 'ZZP00010', '2026-03-02', true],
    ['another person', proof, 'ref-2', 'ZZP00010', '2026-03-02', false],
    ["another organisation's caller", proof, 'ref-1', 'ZZP00004', '2026-03-02', false],
    ['a later day written by hand', proof, 'ref-1', 'ZZP00010', '2026-03-30', false],
    ['a caller without organisation', proof, 'ref-1', null, '2026-03-02', false],
    ['no proof', undefined, 'ref-1', 'ZZP00010', '2026-03-02', false],
    ['a day that is no string', proof, 'ref-1', 'ZZP00010', 20260302, false],
  ])('%s → %s', (_case, given, personRef, org, day, expected) => {
    expect(verifyCareRelationshipProof(secret, given, personRef, org, day)).toBe(expected);
  });
});

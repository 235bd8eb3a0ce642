import { describe, expect, it } from 'vitest';
import { issueDecisionProof, verifyDecisionProof } from '../auth/decision-proof';

/** A decision's person reference serves a person's data only for the check it came from, to the organisation that made it. */
describe('decision proofs', () => {
  const secret = Buffer.from('a-secret-shared-by-the-gateway-and-subgraphs');
  const proof = issueDecisionProof(secret, 'd1', 'ref-1', 'ZZP00003');

  it.each<[string, unknown, string, string, string | null, boolean]>([
    ['the proof of this check', proof, 'd1', 'ref-1', 'ZZP00003', true],
    ['another person', proof, 'd1', 'ref-2', 'ZZP00003', false],
    ['another decision', proof, 'd2', 'ref-1', 'ZZP00003', false],
    ['another organisation', proof, 'd1', 'ref-1', 'ZZP00004', false],
    ['no organisation', proof, 'd1', 'ref-1', null, false],
    ['no proof', undefined, 'd1', 'ref-1', 'ZZP00003', false],
    ['a truncated proof', proof.slice(0, 20), 'd1', 'ref-1', 'ZZP00003', false],
  ])('%s → %s', (_case, given, decisionId, personRef, org, expected) => {
    expect(verifyDecisionProof(secret, given, decisionId, personRef, org)).toBe(expected);
  });

  it('is keyed: another secret gives another proof', () => {
    expect(issueDecisionProof(Buffer.from('another-secret-of-the-same-length-at-least'), 'd1', 'ref-1', 'ZZP00003')).not.toBe(proof);
  });
});

import { describe, expect, it } from 'vitest';
import {
  issueCareRelationshipProof,
  issueDecisionProof,
  issuePersonProof,
  verifyCareRelationshipProof,
  verifyDecisionProof,
  verifyPersonProof,
} from '../auth/federation-proofs';

/**
 * A decision's person reference serves a person's data only for the check it
 * came from, to the organisation that made it, for the provider, day and
 * kind of care it asked, within the minute.
 */
describe('decision proofs', () => {
  const secret = Buffer.from('a-secret-shared-by-the-gateway-and-subgraphs');
  const NOW = Date.parse('2026-12-03T10:00:00Z');
  const second = 1000;
  const facts = { providerInpe: 'ZZP00003', careDate: '2026-03-02', careType: 'SPECIALIST_CONSULTATION' };
  const proof = issueDecisionProof(secret, 'd1', 'ref-1', 'ZZP00003', facts, NOW);

  it.each<[string, unknown, string, string, string | null, Partial<typeof facts>, number, boolean]>([
    ['the proof of this check', proof, 'd1', 'ref-1', 'ZZP00003', {}, NOW, true],
    ['another person', proof, 'd1', 'ref-2', 'ZZP00003', {}, NOW, false],
    ['another decision', proof, 'd2', 'ref-1', 'ZZP00003', {}, NOW, false],
    ['another organisation', proof, 'd1', 'ref-1', 'ZZP00004', {}, NOW, false],
    ['no organisation', proof, 'd1', 'ref-1', null, {}, NOW, false],
    ['another provider written in the representation', proof, 'd1', 'ref-1', 'ZZP00003', { providerInpe: 'ZZP00004' }, NOW, false],
    ['another day of care', proof, 'd1', 'ref-1', 'ZZP00003', { careDate: '2026-03-10' }, NOW, false],
    ['another kind of care', proof, 'd1', 'ref-1', 'ZZP00003', { careType: 'HOSPITALISATION' }, NOW, false],
    ['the same proof a minute later', proof, 'd1', 'ref-1', 'ZZP00003', {}, NOW + 60 * second, true],
    ['the same proof kept past the minute', proof, 'd1', 'ref-1', 'ZZP00003', {}, NOW + 61 * second, false],
    ['no proof', undefined, 'd1', 'ref-1', 'ZZP00003', {}, NOW, false],
    ['a truncated proof', proof.slice(0, 20), 'd1', 'ref-1', 'ZZP00003', {}, NOW, false],
  ])('%s → %s', (_case, given, decisionId, personRef, org, change, now, expected) => {
    expect(verifyDecisionProof(secret, given, decisionId, personRef, org, { ...facts, ...change }, now)).toBe(expected);
  });

  it('is keyed: another secret gives another proof', () => {
    const other = Buffer.from('another-secret-of-the-same-length-at-least');
    expect(issueDecisionProof(other, 'd1', 'ref-1', 'ZZP00003', facts, NOW)).not.toBe(proof);
  });
});

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

/** A person by reference serves pathway data only as beneficiaries served it to this organisation, within the request. */
describe('person proofs', () => {
  const secret = Buffer.from('a-secret-shared-by-the-gateway-and-subgraphs');
  const NOW = Date.parse('2026-12-03T10:00:00Z');
  const proof = issuePersonProof(secret, 'ref-1', 'CNSS', NOW);
  const [issuedAt, macPart] = proof.split('.');
  const second = 1000;

  it.each<[string, unknown, string, string | null, number, boolean]>([
    ['the proof issued to the caller', proof, 'ref-1', 'CNSS', NOW, true],
    ['the same proof a minute later (another host, its clock behind)', proof, 'ref-1', 'CNSS', NOW + 60 * second, true],
    ['the same proof kept past the minute', proof, 'ref-1', 'CNSS', NOW + 61 * second, false],
    ['the same proof read a day later', proof, 'ref-1', 'CNSS', NOW + 86_400 * second, false],
    ['a proof from the future beyond the minute', proof, 'ref-1', 'CNSS', NOW - 61 * second, false],
    ['its issue time moved forward, its mac kept', `${Number(issuedAt) + 3600}.${macPart}`, 'ref-1', 'CNSS', NOW + 3600 * second, false],
    ['its mac alone, without an issue time', macPart, 'ref-1', 'CNSS', NOW, false],
    ['an issue time that is no number', `soon.${macPart}`, 'ref-1', 'CNSS', NOW, false],
    ['another person', proof, 'ref-2', 'CNSS', NOW, false],
    ['another organisation', proof, 'ref-1', 'CNOPS', NOW, false],
    ['a caller without organisation', proof, 'ref-1', null, NOW, false],
    ['no proof', null, 'ref-1', 'CNSS', NOW, false],
    [
      'a decision proof for the same person',
      issueDecisionProof(
        secret,
        'ref-1',
        'CNSS',
        null,
        { providerInpe: 'ZZP00003', careDate: '2026-03-02', careType: 'CONSULTATION' },
        NOW,
      ),
      'ref-1',
      'CNSS',
      NOW,
      false,
    ],
  ])('%s → %s', (_case, given, personRef, org, now, expected) => {
    expect(verifyPersonProof(secret, given, personRef, org, now)).toBe(expected);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { sharedSecretFrom } from './shared-secret';

/**
 * Proofs one subgraph issues with a fact internal to the federation, and
 * another verifies against its own caller before it serves personal data on
 * that fact: a representation sent straight to a subgraph (`_entities`) with
 * a fact written by hand, another organisation's, or one moved to another
 * person, decision or day, serves nothing. HMAC-SHA256 under
 * `FEDERATION_PROOF_SECRET`, a secret of the national subgraphs that issue and
 * verify proofs (beneficiaries, care-pathways, medical-records) and of no one
 * else (not the gateway, not an OG's subgraph), each kind of proof under its
 * own label, base64url.
 */
/** Development-only proof secret; production refuses it. */
export const DEV_FEDERATION_PROOF_SECRET = 'development-only-federation-proof-secret-0001';

/** The key of the federation's proofs from `FEDERATION_PROOF_SECRET`: the development default outside production, its own in production. */
export function federationProofSecretFrom(value: string | undefined, production: boolean, owner: string): Buffer {
  return sharedSecretFrom(
    {
      variable: 'FEDERATION_PROOF_SECRET',
      what: 'federation proof secret',
      heldBy: 'beneficiaries, care-pathways and medical-records only',
      development: DEV_FEDERATION_PROOF_SECRET,
    },
    value,
    production,
    owner,
  );
}

function mac(secret: Buffer, label: string, parts: readonly string[]): Buffer {
  return createHmac('sha256', secret)
    .update([label, ...parts].join(':'))
    .digest();
}

function holds(secret: Buffer, proof: unknown, label: string, parts: readonly string[]): boolean {
  if (typeof proof !== 'string') return false;
  const given = Buffer.from(proof, 'base64url');
  const expected = mac(secret, label, parts);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a check asked, as hop 1 read it: the provider, the day of care (YYYY-MM-DD) and the kind of care. */
export interface DecisionFacts {
  providerInpe: string;
  careDate: string;
  careType: string;
}

/**
 * Beneficiaries' proof that a decision's person reference comes from hop 1 of
 * that check, made by this organisation, for this provider, day and kind of
 * care (`EligibilityDecision.personRefProof`); care-pathways serves the
 * person's pathway facts for the decision only with it, and only for
 * {@link PERSON_PROOF_VALIDITY_SECONDS} after it was issued:
 * `<issued at, seconds>.<mac>`.
 */
export function issueDecisionProof(
  secret: Buffer,
  decisionId: string,
  personRef: string,
  org: string | null,
  facts: DecisionFacts,
  now: number = Date.now(),
): string {
  const issuedAt = String(Math.floor(now / 1000));
  const parts = [decisionId, personRef, org ?? '', facts.providerInpe, facts.careDate, facts.careType, issuedAt];
  return `${issuedAt}.${mac(secret, 'decision', parts).toString('base64url')}`;
}

/** True when the proof was issued for this decision, person, organisation, provider, day and kind of care, and is still young enough. */
export function verifyDecisionProof(
  secret: Buffer,
  proof: unknown,
  decisionId: string,
  personRef: string,
  org: string | null,
  facts: DecisionFacts,
  now: number = Date.now(),
): boolean {
  const issued = timedProof(proof, now);
  if (!issued) return false;
  const parts = [decisionId, personRef, org ?? '', facts.providerInpe, facts.careDate, facts.careType, issued.issuedAt];
  return holds(secret, issued.mac, 'decision', parts);
}

/**
 * Beneficiaries' proof of a care relationship for one person, organisation
 * and day (`Person.careRelationship.proof`); medical-records counts the
 * relationship only when it holds for its own caller.
 */
export function issueCareRelationshipProof(secret: Buffer, personRef: string, org: string, lastCheckOn: string): string {
  return mac(secret, 'care-relationship', [personRef, org, lastCheckOn]).toString('base64url');
}

/** True when the proof was issued for this person, organisation and day. */
export function verifyCareRelationshipProof(
  secret: Buffer,
  proof: unknown,
  personRef: string,
  org: string | null,
  lastCheckOn: unknown,
): boolean {
  if (typeof lastCheckOn !== 'string' || !org) return false;
  return holds(secret, proof, 'care-relationship', [personRef, org, lastCheckOn]);
}

/**
 * How long a person proof is taken, either side of its issue time (seconds):
 * it travels from hop 1 to hop 2 of one request, so a minute covers the
 * request and the clocks of two hosts, and a proof kept by anyone for later
 * serves nothing.
 */
export const PERSON_PROOF_VALIDITY_SECONDS = 60;

/**
 * Beneficiaries' proof that it served a person to this organisation under its
 * row rules (`Person.readerProof`: an OG reaches only the members it covers today);
 * care-pathways serves the person's pathway by reference only with it, and
 * only for {@link PERSON_PROOF_VALIDITY_SECONDS} after it was issued:
 * `<issued at, seconds>.<mac>`.
 */
export function issuePersonProof(secret: Buffer, personRef: string, org: string, now: number = Date.now()): string {
  const issuedAt = String(Math.floor(now / 1000));
  return `${issuedAt}.${mac(secret, 'person', [personRef, org, issuedAt]).toString('base64url')}`;
}

/** True when the proof was issued for this person and organisation, less than a minute either side of now. */
export function verifyPersonProof(
  secret: Buffer,
  proof: unknown,
  personRef: string,
  org: string | null,
  now: number = Date.now(),
): boolean {
  if (!org) return false;
  const issued = timedProof(proof, now);
  return issued !== null && holds(secret, issued.mac, 'person', [personRef, org, issued.issuedAt]);
}

/**
 * A timed proof (`<issued at, seconds>.<mac>`) split, when its issue time is
 * less than {@link PERSON_PROOF_VALIDITY_SECONDS} either side of now; null
 * for anything else.
 */
function timedProof(proof: unknown, now: number): { issuedAt: string; mac: string } | null {
  if (typeof proof !== 'string') return null;
  const dot = proof.indexOf('.');
  const issuedAt = proof.slice(0, dot);
  if (dot <= 0 || !/^\d{1,12}$/.test(issuedAt)) return null;
  if (Math.abs(now / 1000 - Number(issuedAt)) > PERSON_PROOF_VALIDITY_SECONDS) return null;
  return { issuedAt, mac: proof.slice(dot + 1) };
}

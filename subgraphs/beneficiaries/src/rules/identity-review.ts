import type { Caller } from '@cmb/kit';

/**
 * Who reviews the identity conflicts of affiliation batches: ANAM, which keeps
 * the national registry and sees cross-OG identity for its controls (domain.md
 * §3). An OG never reads another OG's rows, nor the registry's identity of a
 * person it does not cover, so the queue is refused to the OGs as to everyone else.
 */
export function mayReviewIdentityConflicts(caller: Pick<Caller, 'orgKind'>): boolean {
  return caller.orgKind === 'REGULATOR';
}

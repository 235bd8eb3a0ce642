import type { Caller, ErrorKey, ErrorParams } from '@cmb/kit';
import type { RegistryRules } from './facts';

/** Who asks, as the ownership rules read it. */
export type Actor = Pick<Caller, 'org' | 'orgKind'>;

/** The verdict of an ownership rule: allowed (with the owner a new subgraph gets), or the refusal's key and parameters. */
export type OwnershipVerdict = { allowed: true; owner: string } | { allowed: false; refusal: ErrorKey; params: ErrorParams };

const refused = (refusal: ErrorKey, params: ErrorParams = {}): OwnershipVerdict => ({ allowed: false, refusal, params });

/** The prefix an organisation's subgraph names start with (`cnss-`). */
export function ownNamePrefix(org: string, rules: Pick<RegistryRules, 'ownNamePrefix'>): string {
  return rules.ownNamePrefix.replace('{org}', org.toLowerCase());
}

/** An OG or ANAM, with an organisation: the only publishers. */
function publisher(actor: Actor, rules: RegistryRules): string | null {
  return actor.org && rules.publisherKinds.includes(actor.orgKind ?? '') ? actor.org : null;
}

/**
 * Who may publish (or check) a subgraph under a name: an OG or ANAM
 * (`REGISTRY_PUBLISHERS_ONLY` otherwise); never a subgraph delivered with the
 * platform (`REGISTRY_SELF_MANAGED`); an existing subgraph only by its owner
 * (`REGISTRY_NOT_OWNER`: the national subgraphs belong to ANAM); a new one
 * by an OG only under its own prefix (`REGISTRY_NAME_NOT_YOURS`), so no OG
 * takes a name another would use. A new subgraph belongs to its publisher.
 */
export function mayPublish(actor: Actor, name: string, existing: { owner: string } | null, rules: RegistryRules): OwnershipVerdict {
  const org = publisher(actor, rules);
  if (!org) return refused('REGISTRY_PUBLISHERS_ONLY');
  if (rules.selfManaged.includes(name)) return refused('REGISTRY_SELF_MANAGED', { subgraph: name });
  if (existing)
    return existing.owner === org
      ? { allowed: true, owner: org }
      : refused('REGISTRY_NOT_OWNER', { subgraph: name, owner: existing.owner });
  if (org !== rules.nationalOwner && !name.startsWith(ownNamePrefix(org, rules))) {
    return refused('REGISTRY_NAME_NOT_YOURS', { prefix: ownNamePrefix(org, rules) });
  }
  return { allowed: true, owner: org };
}

/** Who may roll back or retire a subgraph: its owner only, never one delivered with the platform. */
export function mayChange(actor: Actor, name: string, existing: { owner: string }, rules: RegistryRules): OwnershipVerdict {
  const org = publisher(actor, rules);
  if (!org) return refused('REGISTRY_PUBLISHERS_ONLY');
  if (rules.selfManaged.includes(name)) return refused('REGISTRY_SELF_MANAGED', { subgraph: name });
  return existing.owner === org ? { allowed: true, owner: org } : refused('REGISTRY_NOT_OWNER', { subgraph: name, owner: existing.owner });
}

/**
 * Who reads a subgraph's history, routing URL and SDLs: its owner, and the
 * national owner (ANAM supervises the federation). Others see its name, owner
 * and versions' numbers only.
 */
export function mayReadDetails(actor: Actor, existing: { owner: string }, rules: RegistryRules): boolean {
  const org = publisher(actor, rules);
  return org !== null && (org === existing.owner || org === rules.nationalOwner);
}

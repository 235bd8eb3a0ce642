/**
 * The freshness of a subgraph's copies of reference data (the INPE registry,
 * the reimbursable medicines guide, the rule books): which version is in
 * force, from when, and whether it is older than its configured age. ANAM
 * feeds the copies in batches (the INPE registry every five working days,
 * seeds/001_225b0d72771d4c3f.txt:L921), so every answer names the versions it
 * used and the operators see each copy's age (domain.md §7).
 */
export interface ReferenceCopyStatus {
  /** Stable name of the copy: `inpe-registry`, `gmr`, `eligibility-rules`, `pathway-rules`, ... */
  copy: string;
  /** The version in force; null before the first load. */
  version: string | null;
  /** The day the source was extracted (INPE) or takes effect (GMR, rule books); null before the first load. */
  asOf: string | null;
  /** Whole days from `asOf` to today (Africa/Casablanca); null before the first load. */
  ageDays: number | null;
  /** The age past which the copy is stale, as configured (`5 working days + 2`); for people, not parsed. */
  maxAge: string;
  /** True when the copy is older than its configured age, or missing. */
  stale: boolean;
}

/** What a subgraph reports of its copies; called by `/readyz`, never on a request's path. */
export type ReferenceCopiesProbe = () => Promise<readonly ReferenceCopyStatus[]>;

/**
 * The status of a rule book that ships with the code (not fed by batches):
 * named by its version, never stale, no age.
 */
export function rulebookCopy(copy: string, version: string): ReferenceCopyStatus {
  return { copy, version, asOf: null, ageDays: null, maxAge: 'none: replaced with the code', stale: false };
}

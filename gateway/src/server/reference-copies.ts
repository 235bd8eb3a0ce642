import type { ReferenceCopyStatus } from '@cmb/kit';

/** A copy name as it may appear in a metric label: short, lower case, no client-chosen text. */
const COPY_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Most copies read from one subgraph's answer. */
const MAX_COPIES = 20;

function isCopy(value: unknown): value is ReferenceCopyStatus {
  const copy = value as Partial<ReferenceCopyStatus> | null;
  return (
    typeof copy === 'object' &&
    copy !== null &&
    typeof copy.copy === 'string' &&
    COPY_NAME.test(copy.copy) &&
    (copy.version === null || typeof copy.version === 'string') &&
    (copy.asOf === null || typeof copy.asOf === 'string') &&
    (copy.ageDays === null || (typeof copy.ageDays === 'number' && Number.isFinite(copy.ageDays))) &&
    typeof copy.maxAge === 'string' &&
    typeof copy.stale === 'boolean'
  );
}

/**
 * The reference copies a subgraph's `/readyz` answer lists (`referenceCopies`),
 * kept only when well formed: the names become metric labels, so a name that
 * is not a short lower-case word is dropped, and at most twenty are read.
 */
export function referenceCopiesFrom(body: unknown): ReferenceCopyStatus[] {
  const listed = (body as { referenceCopies?: unknown } | null)?.referenceCopies;
  if (!Array.isArray(listed)) return [];
  return listed
    .filter(isCopy)
    .slice(0, MAX_COPIES)
    .map((copy) => ({
      copy: copy.copy,
      version: copy.version?.slice(0, 64) ?? null,
      asOf: copy.asOf?.slice(0, 10) ?? null,
      ageDays: copy.ageDays,
      maxAge: copy.maxAge.slice(0, 64),
      stale: copy.stale,
    }));
}

/** The stale copies, as `subgraph/copy`, sorted: what /readyz names without failing. */
export function staleCopies(copies: Readonly<Record<string, readonly ReferenceCopyStatus[]>>): string[] {
  return Object.entries(copies)
    .flatMap(([subgraph, list]) => list.filter((copy) => copy.stale).map((copy) => `${subgraph}/${copy.copy}`))
    .sort();
}

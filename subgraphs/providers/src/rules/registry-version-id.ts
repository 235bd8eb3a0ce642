/** The prefix of every version id of the INPE registry. */
const PREFIX = 'INPE-';

/**
 * The id of a new version: `INPE-<extraction date>`, with `-2`, `-3`, ... when
 * a rolled-back version of the same extraction holds it already.
 */
export function nextVersionId(extractedOn: string, taken: ReadonlySet<string>): string {
  const base = `${PREFIX}${extractedOn}`;
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}

/** True for a text of the form of a version id (a longer or stranger text names no version). */
export function isVersionId(text: string): boolean {
  return /^[A-Za-z0-9._-]{1,32}$/.test(text);
}

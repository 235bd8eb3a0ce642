/**
 * What a new version of the medicines guide changes against the version
 * before it. A version is a full snapshot (141 packs were withdrawn in 2022
 * by leaving them out, seeds/001_225b0d72771d4c3f.txt:L455), so the diff is
 * computed, never sent.
 */

/** The kinds of change, as `medicinesGuideChanges` lists them. */
export type GuideChangeKind = 'ADDED' | 'CHANGED' | 'WITHDRAWN';

/** The listing of one pack in one version, as compared. Prices in centimes of MAD. */
export interface GuideListing {
  ean13: string;
  dci: string;
  brand: string;
  form: string;
  dosage: string;
  presentation: string;
  therapeuticClass: string | null;
  generic: boolean;
  princepsEan13: string | null;
  publicPriceCentimes: number;
  pbrCentimes: number;
  reimbursable: boolean;
}

/** A changed field, named as the `Medicine` type names it. */
export type GuideField =
  | 'dci'
  | 'brand'
  | 'form'
  | 'dosage'
  | 'presentation'
  | 'therapeuticClass'
  | 'generic'
  | 'princepsEan13'
  | 'publicPrice'
  | 'pbr'
  | 'reimbursable';

/** The compared fields, in the order a change lists them, and where each is read. */
const COMPARED: readonly [GuideField, (listing: GuideListing) => string | number | boolean | null][] = [
  ['dci', (l) => l.dci],
  ['brand', (l) => l.brand],
  ['form', (l) => l.form],
  ['dosage', (l) => l.dosage],
  ['presentation', (l) => l.presentation],
  ['therapeuticClass', (l) => l.therapeuticClass],
  ['generic', (l) => l.generic],
  ['princepsEan13', (l) => l.princepsEan13],
  ['publicPrice', (l) => l.publicPriceCentimes],
  ['pbr', (l) => l.pbrCentimes],
  ['reimbursable', (l) => l.reimbursable],
];

/** One pack's change; `fields` lists what differs (empty for ADDED and for a pack no longer listed). */
export interface GuideChange {
  ean13: string;
  kind: GuideChangeKind;
  fields: GuideField[];
}

/** The fields that differ between two listings of one pack. */
export function changedFields(before: GuideListing, after: GuideListing): GuideField[] {
  return COMPARED.filter(([, read]) => read(before) !== read(after)).map(([field]) => field);
}

/**
 * The changes of a new version, by EAN-13: ADDED for a pack the previous
 * version did not list; WITHDRAWN for a pack no longer listed, or still
 * listed but no longer reimbursable (its other changed fields listed too);
 * CHANGED for any other difference, a pack becoming reimbursable again
 * included. An identical listing is no change. With no previous version,
 * every pack is ADDED.
 */
export function diffGuide(previous: Iterable<GuideListing>, next: Iterable<GuideListing>): GuideChange[] {
  const before = new Map<string, GuideListing>();
  for (const listing of previous) before.set(listing.ean13, listing);
  const changes: GuideChange[] = [];
  const listed = new Set<string>();
  for (const listing of next) {
    listed.add(listing.ean13);
    const old = before.get(listing.ean13);
    if (!old) {
      changes.push({ ean13: listing.ean13, kind: 'ADDED', fields: [] });
      continue;
    }
    const fields = changedFields(old, listing);
    if (fields.length === 0) continue;
    const kind: GuideChangeKind = old.reimbursable && !listing.reimbursable ? 'WITHDRAWN' : 'CHANGED';
    changes.push({ ean13: listing.ean13, kind, fields });
  }
  for (const ean13 of before.keys()) {
    if (!listed.has(ean13)) changes.push({ ean13, kind: 'WITHDRAWN', fields: [] });
  }
  return changes.sort((a, b) => (a.ean13 < b.ean13 ? -1 : a.ean13 > b.ean13 ? 1 : 0));
}

/** Counts of a diff by kind. */
export function countChanges(changes: readonly GuideChange[]): Record<GuideChangeKind, number> {
  const counts: Record<GuideChangeKind, number> = { ADDED: 0, CHANGED: 0, WITHDRAWN: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}

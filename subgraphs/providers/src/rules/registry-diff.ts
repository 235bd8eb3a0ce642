import { addDays } from '@cmb/kit';
import type { RegistryChangeKind } from '../entities/registry-change.entity';
import type { RegistryRecord } from './registry-row';

/** The fields of a code a version may change, in the copy's terms. */
export const REGISTRY_FIELDS = [
  'kind',
  'category',
  'specialty',
  'name',
  'sector',
  'region',
  'status',
  'activeFrom',
  'activeUntil',
] as const;

/** One field of {@link REGISTRY_FIELDS}. */
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** A row of the copy: a code with the moment it was last written. */
export interface CopyRow extends RegistryRecord {
  updatedAt: string;
}

/** What a new version does to one code of the copy. */
export interface RegistryChange {
  inpe: string;
  kind: RegistryChangeKind;
  changedFields: RegistryField[];
  /** The copy's row before (null for an added code): what a rollback restores. */
  before: CopyRow | null;
  /** The code as the version leaves it. */
  after: RegistryRecord;
}

/** The fields on which two versions of a code differ. */
export function changedFields(before: RegistryRecord, after: RegistryRecord): RegistryField[] {
  return REGISTRY_FIELDS.filter((field) => before[field] !== after[field]);
}

/**
 * A code absent from the new file is withdrawn: CLOSED, active until the day
 * before the extraction at the latest (it was in the previous file; care
 * given up to then stays authorised, R6).
 */
export function withdrawnByAbsence(row: RegistryRecord, extractedOn: string): RegistryRecord {
  const lastDay = addDays(extractedOn, -1);
  return { ...row, status: 'CLOSED', activeUntil: row.activeUntil !== null && row.activeUntil < lastDay ? row.activeUntil : lastDay };
}

function recordOf(row: CopyRow): RegistryRecord {
  const { updatedAt: _updatedAt, ...record } = row;
  return record;
}

/**
 * The diff of a new file against the copy, by INPE order: ADDED (a code
 * new to the copy), WITHDRAWN (a code not CLOSED in the copy that the file
 * leaves out or gives as CLOSED), CHANGED (any other code whose fields
 * differ). Codes the file gives unchanged, and CLOSED codes it leaves out,
 * are not in the diff.
 */
export function diffRegistry(copy: ReadonlyMap<string, CopyRow>, file: readonly RegistryRecord[], extractedOn: string): RegistryChange[] {
  const changes: RegistryChange[] = [];
  const inFile = new Set<string>();
  for (const after of file) {
    inFile.add(after.inpe);
    const before = copy.get(after.inpe) ?? null;
    if (!before) {
      changes.push({ inpe: after.inpe, kind: 'ADDED', changedFields: [...REGISTRY_FIELDS], before: null, after });
      continue;
    }
    const fields = changedFields(before, after);
    if (fields.length === 0) continue;
    const withdrawn = before.status !== 'CLOSED' && after.status === 'CLOSED';
    changes.push({ inpe: after.inpe, kind: withdrawn ? 'WITHDRAWN' : 'CHANGED', changedFields: fields, before, after });
  }
  for (const before of copy.values()) {
    if (inFile.has(before.inpe) || before.status === 'CLOSED') continue;
    const after = withdrawnByAbsence(recordOf(before), extractedOn);
    changes.push({ inpe: before.inpe, kind: 'WITHDRAWN', changedFields: changedFields(before, after), before, after });
  }
  return changes.sort((a, b) => (a.inpe < b.inpe ? -1 : a.inpe > b.inpe ? 1 : 0));
}

/** How many codes of each kind a diff changes. */
export function countChanges(changes: readonly RegistryChange[]): Record<RegistryChangeKind, number> {
  const counts: Record<RegistryChangeKind, number> = { ADDED: 0, CHANGED: 0, WITHDRAWN: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}

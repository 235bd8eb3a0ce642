import { hasControlCharacters, isInpe, isIsoDate, parseInpe, REGIONS, type LineError, type LineProblem } from '@cmb/kit';
import type { ProviderKind, ProviderSector, ProviderStatus } from '../entities/provider.entity';
import rules from '../reference-data/providers-rules.json';
import { PROVIDER_CATEGORIES } from './provider-categories';
import { REGISTRY_COLUMNS, type ColumnPositions, type RegistryColumn } from './registry-file-layout';

/** One code of the registry as the file gives it, in the copy's terms. */
export interface RegistryRecord {
  inpe: string;
  kind: ProviderKind;
  category: string;
  specialty: string | null;
  name: string;
  sector: ProviderSector;
  region: string;
  status: ProviderStatus;
  activeFrom: string;
  activeUntil: string | null;
}

/** The codes a line may use, from versioned reference data. */
export interface RowVocabulary {
  /** Category code → kind (PROFESSIONAL or ESTABLISHMENT). */
  categories: ReadonlyMap<string, string>;
  regions: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  statuses: ReadonlySet<string>;
  /** The category whose professionals name a specialty. */
  specialistCategory: string;
  maxNameLength: number;
}

/** The file's kind codes: PS (professionnel de santé), ES (établissement de santé), seeds/001_225b0d72771d4c3f.txt:L891. */
export const FILE_KINDS: Readonly<Record<string, ProviderKind>> = { PS: 'PROFESSIONAL', ES: 'ESTABLISHMENT' };

const SPECIALTY = /^[A-Z][A-Z_]{1,47}$/;

/** The vocabulary of the reference data the subgraph ships. */
export function registryVocabulary(): RowVocabulary {
  return {
    categories: new Map(PROVIDER_CATEGORIES.map((category) => [category.code, category.kind])),
    regions: new Set(REGIONS.regions.map((region) => region.code)),
    sectors: new Set(rules.sectors.values),
    statuses: new Set(rules.statuses.values),
    specialistCategory: 'SPECIALIST',
    maxNameLength: 120,
  };
}

/** The result of one line: its record, or what is wrong with it. */
export type RowVerdict = { record: RegistryRecord } | { errors: LineError[] };

/**
 * Validates one data line: every field in its expected form, codes from the
 * reference lists, and the fields consistent with each other (the kind of
 * the category, a specialty for specialists only, a last day for a withdrawn
 * code, not before its first day). Errors name the line, the column and the
 * expected form, never the value.
 */
export function validateRow(fields: readonly string[], line: number, positions: ColumnPositions, vocabulary: RowVocabulary): RowVerdict {
  if (fields.length !== REGISTRY_COLUMNS.length) {
    return { errors: [{ line, column: null, problem: 'FIELD_COUNT', expected: `${REGISTRY_COLUMNS.length} fields separated by ;` }] };
  }
  const errors: LineError[] = [];
  const fail = (column: RegistryColumn, problem: LineProblem, expected: string) => errors.push({ line, column, problem, expected });
  const field = (column: RegistryColumn) => fields[positions[column]] ?? '';
  const required = (column: RegistryColumn, expected: string, valid: (value: string) => boolean, unknown = false): string => {
    const value = field(column);
    if (value === '') fail(column, 'MISSING', expected);
    else if (!valid(value)) fail(column, unknown ? 'UNKNOWN_CODE' : 'MALFORMED', expected);
    return value;
  };
  const inpe = required('inpe', '9 digits, or ZZP then 5 digits for test data', (v) => isInpe(v) && v === v.toUpperCase());
  const kindCode = required('kind', 'PS or ES', (v) => v in FILE_KINDS, true);
  const category = required('category', 'a category code of provider-categories.json', (v) => vocabulary.categories.has(v), true);
  const name = required('name', `a name of at most ${vocabulary.maxNameLength} characters`, (v) => {
    return v.length <= vocabulary.maxNameLength && !hasControlCharacters(v);
  });
  const sector = required('sector', [...vocabulary.sectors].join(' or '), (v) => vocabulary.sectors.has(v), true);
  const region = required('region', 'a region code of regions.json', (v) => vocabulary.regions.has(v), true);
  const status = required('status', [...vocabulary.statuses].join(', '), (v) => vocabulary.statuses.has(v), true);
  const activeFrom = required('active_from', 'YYYY-MM-DD', isIsoDate);
  const until = field('active_until');
  if (until !== '' && !isIsoDate(until)) fail('active_until', 'MALFORMED', 'YYYY-MM-DD or empty');
  const specialty = field('specialty');
  if (specialty !== '' && !SPECIALTY.test(specialty)) fail('specialty', 'MALFORMED', 'capital letters and _ (CARDIOLOGIE), or empty');
  if (errors.length > 0) return { errors };

  const kind = FILE_KINDS[kindCode] as ProviderKind;
  if (vocabulary.categories.get(category) !== kind)
    fail('kind', 'INCONSISTENT', `the kind of the category (PS for a professional, ES for an establishment)`);
  const specialist = category === vocabulary.specialistCategory;
  if (specialist && specialty === '') fail('specialty', 'MISSING', `a specialty for a ${vocabulary.specialistCategory}`);
  if (!specialist && specialty !== '') fail('specialty', 'INCONSISTENT', `empty unless the category is ${vocabulary.specialistCategory}`);
  if (status === 'CLOSED' && until === '') fail('active_until', 'MISSING', 'the last active day of a CLOSED code, YYYY-MM-DD');
  if (until !== '' && until < activeFrom) fail('active_until', 'INCONSISTENT', 'a date on or after active_from');
  if (errors.length > 0) return { errors };
  return {
    record: {
      inpe: parseInpe(inpe),
      kind,
      category,
      specialty: specialty === '' ? null : specialty,
      name,
      sector: sector as ProviderSector,
      region,
      status: status as ProviderStatus,
      activeFrom,
      activeUntil: until === '' ? null : until,
    },
  };
}

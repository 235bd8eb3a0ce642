import { appError } from '@cmb/kit';

/** A filter as the caller sends it; every field optional. */
export interface ProviderFilterInput {
  region?: string | null;
  category?: string | null;
  kind?: string | null;
  status?: string | null;
  nameContains?: string | null;
}

/** A validated filter: codes normalised, empty fields dropped. */
export interface ProviderQuery {
  region?: string;
  category?: string;
  kind?: string;
  status?: string;
  /** Lower-cased text the name must contain. */
  nameContains?: string;
}

/** The codes a filter may use, from versioned reference data. */
export interface FilterVocabulary {
  regions: readonly string[];
  categories: readonly string[];
  kinds: readonly string[];
  statuses: readonly string[];
  maxNameFilterLength: number;
}

/** A code field of the filter, normalised and checked against its list. */
function codeField(field: string, raw: string | null | undefined, allowed: readonly string[]): string | undefined {
  const value = raw?.trim().toUpperCase();
  if (!value) return undefined;
  if (!allowed.includes(value)) throw appError('INVALID_VALUE', { field, expected: `one of ${allowed.join(', ')}` });
  return value;
}

/**
 * Validates a `providers` filter at the edge. Codes must come from the
 * reference lists (regions, INPE categories: seeds/001_225b0d72771d4c3f.txt:L895-L911);
 * the name text is bounded. Errors name the expected values, never what was sent.
 */
export function parseProviderFilter(input: ProviderFilterInput, vocabulary: FilterVocabulary): ProviderQuery {
  const query: ProviderQuery = {};
  const region = codeField('region', input.region, vocabulary.regions);
  const category = codeField('category', input.category, vocabulary.categories);
  const kind = codeField('kind', input.kind, vocabulary.kinds);
  const status = codeField('status', input.status, vocabulary.statuses);
  if (region) query.region = region;
  if (category) query.category = category;
  if (kind) query.kind = kind;
  if (status) query.status = status;
  const name = input.nameContains?.trim().toLowerCase();
  if (name) {
    if (name.length > vocabulary.maxNameFilterLength) {
      throw appError('INVALID_VALUE', { field: 'nameContains', expected: `at most ${vocabulary.maxNameFilterLength} characters` });
    }
    query.nameContains = name;
  }
  return query;
}

/** Escapes LIKE wildcards so a name filter matches its text literally (escape character `\`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

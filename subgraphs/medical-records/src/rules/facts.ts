/**
 * What the record rules reason about. A pointer names a document held by its
 * custodian establishment; this registry never holds the document itself
 * (the DMP, seeds/001_225b0d72771d4c3f.txt:L614).
 */

/** Statuses of a pointer, in the order of its life: a pointer is born CURRENT. */
export const DOCUMENT_STATUSES = ['CURRENT', 'SUPERSEDED', 'WITHDRAWN'] as const;

/** One status of {@link DOCUMENT_STATUSES}. */
export type DocumentStatusCode = (typeof DOCUMENT_STATUSES)[number];

/** Confidentiality levels, from the least to the most restricted. */
export const CONFIDENTIALITY_LEVELS = ['NORMAL', 'RESTRICTED', 'VERY_RESTRICTED'] as const;

/** One level of {@link CONFIDENTIALITY_LEVELS}. */
export type ConfidentialityCode = (typeof CONFIDENTIALITY_LEVELS)[number];

/** Limits of a pointer, read from `reference-data/pointer-rules.json` (versioned reference data). */
export interface PointerRules {
  /** Longest accepted repository URL, in characters. */
  urlMaxLength: number;
  /** Hosts a repository URL may name: an exact host, or `*.domain` for any sub-domain of it. */
  allowedHosts: readonly string[];
  /** Accepted document sizes in bytes, both bounds included. */
  sizeBytes: { min: number; max: number };
  /** Accepted media types, lower-case. */
  mimeTypes: readonly string[];
  /** Longest title, in characters. */
  titleMaxLength: number;
  /** Codes of the document types of the reference list. */
  documentTypes: readonly string[];
}

/** A pointer as a caller sends it, before validation (INPEs and dates are checked at the edge). */
export interface PointerDraft {
  personRef: string;
  type: string;
  title: string;
  repositoryUrl: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  supersedes?: string | null;
}

/** A pointer that passed validation, normalised (trimmed, lower-cased where case does not matter). */
export interface ValidPointer {
  personRef: string;
  type: string;
  title: string;
  repositoryUrl: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  supersedes: string | null;
}

/** Why a value was refused: the field and the expected form, never the value itself. */
export interface Violation {
  field: string;
  expected: string;
}

/** The outcome of a check: the normalised value, or the first violation found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; violation: Violation };

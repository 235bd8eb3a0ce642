import { consentCapabilitySecretFrom, federationProofSecretFrom, readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import documentTypes from './reference-data/document-types.json';
import pointerRules from './reference-data/pointer-rules.json';
import type { PointerRules } from './rules/facts';
import type { JustificationReader } from './rules/justification-readers';
import type { RecordAccessRules } from './rules/record-access';

/** One kind of document of the versioned reference list, with its labels. */
export interface DocumentTypeEntry {
  code: string;
  label: { fr: string; en: string };
}

/** Settings of the medical-records subgraph. */
export interface MedicalRecordsConfig extends SubgraphConfig {
  /** Verifies the patient's consent capability (`CONSENT_CAPABILITY_SECRET`, shared with beneficiaries only). */
  consentCapabilitySecret: Buffer;
  /** Verifies beneficiaries' care-relationship proofs (`FEDERATION_PROOF_SECRET`, national subgraphs only). */
  proofSecret: Buffer;
  /** Limits every registered pointer must meet. */
  pointerRules: PointerRules;
  /** The document types a pointer may have, and the version of their list. */
  documentTypes: { version: string; types: DocumentTypeEntry[] };
  /** Service dates accepted: from `earliest` to today (in `timeZone`) plus `maxDaysAhead`. */
  serviceDateWindow: { earliest: string; maxDaysAhead: number; timeZone: string };
  /** Longest withdrawal reason, in characters. */
  withdrawalReasonMaxLength: number;
  /** Largest page of a listing, and largest batch of keys one loader query carries. */
  listing: { maxPageSize: number; maxBatchSize: number };
  /** Who reads a person's pointers: the care-relationship window and the break-glass justification bounds. */
  access: RecordAccessRules & { timeZone: string; justificationReaders: readonly JustificationReader[] };
  /** Version of the pointer limits, for support and audit. */
  rulesVersion: string;
}

/** Reads the medical-records configuration once from the environment and the versioned reference data. */
export function loadConfig(env: Record<string, string | undefined> = process.env): MedicalRecordsConfig {
  const base = readSubgraphConfig('medical-records', env, { port: 4105 });
  return {
    ...base,
    consentCapabilitySecret: consentCapabilitySecretFrom(env.CONSENT_CAPABILITY_SECRET, base.production, base.name),
    proofSecret: federationProofSecretFrom(env.FEDERATION_PROOF_SECRET, base.production, base.name),
    pointerRules: {
      urlMaxLength: pointerRules.repositoryUrl.maxLength,
      allowedHosts: pointerRules.repositoryUrl.allowedHosts,
      sizeBytes: pointerRules.sizeBytes,
      mimeTypes: pointerRules.mimeTypes,
      titleMaxLength: pointerRules.title.maxLength,
      documentTypes: documentTypes.types.map((entry) => entry.code),
    },
    documentTypes: { version: documentTypes.version, types: documentTypes.types },
    serviceDateWindow: pointerRules.serviceDate,
    withdrawalReasonMaxLength: pointerRules.withdrawalReason.maxLength,
    listing: pointerRules.listing,
    access: {
      careRelationshipDays: pointerRules.access.careRelationshipDays,
      timeZone: pointerRules.access.timeZone,
      justification: pointerRules.access.breakGlassJustification,
      justificationReaders: pointerRules.access.breakGlassJustificationReaders,
    },
    rulesVersion: pointerRules.version,
  };
}

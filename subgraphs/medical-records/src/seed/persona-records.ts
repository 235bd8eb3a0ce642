/**
 * Shared-record pointers of the personas of test/fixtures/personas.json.
 * Synthetic: `ZZ` ids are no real CIN, `ZZP` codes no real INPE, and the
 * repository host is a reserved `.invalid` name.
 */
import type { ConfidentialityCode, DocumentStatusCode } from '../rules/facts';

/** One pointer of a persona's record; `key` names it within the persona (its id derives from it). */
export interface PersonaDocument {
  key: string;
  type: string;
  title: string;
  authorInpe: string;
  custodianInpe: string;
  mimeType: string;
  sizeBytes: number;
  confidentiality: ConfidentialityCode;
  status: DocumentStatusCode;
  /** Key of the persona's pointer this one replaces. */
  supersedesKey?: string;
  serviceDate: string;
  registeredAt: string;
  /** When the status changed, for a pointer that is no longer CURRENT. */
  statusChangedAt?: string;
}

/** A persona's shared medical record, keyed by national id (the seed turns it into the person reference). */
export interface PersonaRecord {
  nationalId: string;
  documents: PersonaDocument[];
}

/** Every persona record; versions come before the pointers that supersede them. */
export const PERSONA_RECORDS: PersonaRecord[] = [
  {
    // P01: a consultation note, and a lab result corrected by a newer version.
    nationalId: 'ZZ000001',
    documents: [
      {
        key: 'lab-result-v1',
        type: 'LAB_RESULT',
        title: 'Bilan biologique',
        authorInpe: 'ZZP00004',
        custodianInpe: 'ZZP00004',
        mimeType: 'application/fhir+json',
        sizeBytes: 18_432,
        confidentiality: 'NORMAL',
        status: 'SUPERSEDED',
        serviceDate: '2025-10-06',
        registeredAt: '2025-10-07T09:30:00.000Z',
        statusChangedAt: '2025-10-09T14:05:00.000Z',
      },
      {
        key: 'lab-result-v2',
        type: 'LAB_RESULT',
        title: 'Bilan biologique (version corrigée)',
        authorInpe: 'ZZP00004',
        custodianInpe: 'ZZP00004',
        mimeType: 'application/fhir+json',
        sizeBytes: 19_101,
        confidentiality: 'NORMAL',
        status: 'CURRENT',
        supersedesKey: 'lab-result-v1',
        serviceDate: '2025-10-06',
        registeredAt: '2025-10-09T14:05:00.000Z',
      },
      {
        key: 'consultation-note',
        type: 'CONSULTATION_NOTE',
        title: 'Compte rendu de consultation',
        authorInpe: 'ZZP00001',
        custodianInpe: 'ZZP00001',
        mimeType: 'application/pdf',
        sizeBytes: 84_211,
        confidentiality: 'NORMAL',
        status: 'CURRENT',
        serviceDate: '2026-01-15',
        registeredAt: '2026-01-15T11:20:00.000Z',
      },
    ],
  },
  {
    // P07: a prescription from the specialist seen out of pathway.
    nationalId: 'ZZ000007',
    documents: [
      {
        key: 'prescription',
        type: 'PRESCRIPTION',
        title: 'Ordonnance',
        authorInpe: 'ZZP00003',
        custodianInpe: 'ZZP00003',
        mimeType: 'application/pdf',
        sizeBytes: 42_876,
        confidentiality: 'NORMAL',
        status: 'CURRENT',
        serviceDate: '2026-02-16',
        registeredAt: '2026-02-16T16:45:00.000Z',
      },
    ],
  },
  {
    // P11: a discharge summary from the public hospital.
    nationalId: 'ZZ000011',
    documents: [
      {
        key: 'discharge-summary',
        type: 'HOSPITAL_DISCHARGE_SUMMARY',
        title: "Compte rendu d'hospitalisation",
        authorInpe: 'ZZP00004',
        custodianInpe: 'ZZP00004',
        mimeType: 'application/pdf',
        sizeBytes: 215_340,
        confidentiality: 'RESTRICTED',
        status: 'CURRENT',
        serviceDate: '2026-01-20',
        registeredAt: '2026-01-23T08:10:00.000Z',
      },
    ],
  },
];

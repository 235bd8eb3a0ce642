import { createHash } from 'node:crypto';
import {
  addDays,
  chainRows,
  countedWalk,
  generatePopulation,
  Prng,
  syntheticPersonRef,
  syntheticUuid,
  walking,
  type BulkValue,
  type CountedWalk,
  type SeedDefinition,
  type SeedOptions,
} from '@cmb/kit';
import documentTypes from '../reference-data/document-types.json';
import type { ConfidentialityCode } from '../rules/facts';
import { PERSONA_RECORDS } from './persona-records';

const POINTER_COLUMNS = [
  'id',
  'person_ref',
  'type',
  'title',
  'author_inpe',
  'custodian_inpe',
  'repository_url',
  'sha256',
  'size_bytes',
  'mime_type',
  'confidentiality',
  'status',
  'supersedes',
  'service_date',
  'registered_at',
  'status_changed_at',
  'withdrawal_reason',
] as const;

/** Where synthetic documents "live": a reserved `.invalid` host, so no URL ever resolves. */
const REPOSITORY = 'https://dmp.example.invalid/documents';

/** Shares of the synthetic dataset; the seeds give no DMP volumes (the DMP is not built yet). */
const SHARES = {
  withRecord: 0.3,
  pointersPerRecord: [1, 3] as const,
  newerVersion: 0.1,
  types: {
    CONSULTATION_NOTE: 30,
    PRESCRIPTION: 28,
    LAB_RESULT: 20,
    IMAGING_REPORT: 8,
    VACCINATION_RECORD: 6,
    HOSPITAL_DISCHARGE_SUMMARY: 5,
    REFERRAL_LETTER: 3,
  },
  confidentiality: { NORMAL: 85, RESTRICTED: 12, VERY_RESTRICTED: 3 } satisfies Record<ConfidentialityCode, number>,
  /** Synthetic INPE range of generated authors and custodian establishments. */
  inpeRange: [10_000, 10_499] as const,
};

const MIME_OF: Record<string, string> = { LAB_RESULT: 'application/fhir+json', PRESCRIPTION: 'application/fhir+json' };
const LABEL_OF = new Map(documentTypes.types.map((entry) => [entry.code, entry.label.fr]));

/** The synthetic digest of a document: the SHA-256 of its id (there is no document to hash). */
function syntheticSha256(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function pointerRow(p: {
  id: string;
  personRef: string;
  type: string;
  title: string;
  authorInpe: string;
  custodianInpe: string;
  sizeBytes: number;
  mimeType: string;
  confidentiality: string;
  status: string;
  supersedes: string | null;
  serviceDate: string;
  registeredAt: string;
  statusChangedAt: string | null;
}): BulkValue[] {
  return [
    p.id,
    p.personRef,
    p.type,
    p.title,
    p.authorInpe,
    p.custodianInpe,
    `${REPOSITORY}/${p.id}`,
    syntheticSha256(p.id),
    p.sizeBytes,
    p.mimeType,
    p.confidentiality,
    p.status,
    p.supersedes,
    p.serviceDate,
    p.registeredAt,
    p.statusChangedAt,
    null,
  ];
}

function personaPointerRows(): BulkValue[][] {
  return PERSONA_RECORDS.flatMap((record) => {
    const idOf = (key: string) => syntheticUuid('document', record.nationalId, key);
    return record.documents.map((d) =>
      pointerRow({
        ...d,
        id: idOf(d.key),
        personRef: syntheticPersonRef(record.nationalId),
        supersedes: d.supersedesKey ? idOf(d.supersedesKey) : null,
        statusChangedAt: d.statusChangedAt ?? null,
      }),
    );
  });
}

function inpe(prng: Prng): string {
  return `ZZP${prng.int(SHARES.inpeRange[0], SHARES.inpeRange[1])}`;
}

function timestamp(date: string, prng: Prng): string {
  return `${date}T${String(prng.int(7, 19)).padStart(2, '0')}:${String(prng.int(0, 59)).padStart(2, '0')}:00.000Z`;
}

/**
 * Pointers of the generated population, lazily: about 30% of persons get one
 * to three pointers, some of them a newer version of an older one (the older
 * row comes first, as the foreign key needs).
 */
function* populationPointerRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  const prng = new Prng((options.seed ^ 0x444d50) >>> 0);
  for (const person of walking(generatePopulation(options), walk)) {
    if (!prng.chance(SHARES.withRecord)) continue;
    const count = prng.int(SHARES.pointersPerRecord[0], SHARES.pointersPerRecord[1]);
    for (let n = 0; n < count; n += 1) {
      const type = prng.weighted(SHARES.types);
      const serviceDate = `${prng.int(2019, 2025)}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
      const common = {
        personRef: person.personRef,
        type,
        title: LABEL_OF.get(type) ?? type,
        authorInpe: inpe(prng),
        custodianInpe: inpe(prng),
        mimeType: MIME_OF[type] ?? 'application/pdf',
        confidentiality: prng.weighted(SHARES.confidentiality),
        serviceDate,
      };
      const id = syntheticUuid('document', person.nationalId, String(n));
      const registeredAt = timestamp(addDays(serviceDate, prng.int(1, 4)), prng);
      let supersedes: string | null = null;
      if (prng.chance(SHARES.newerVersion)) {
        supersedes = syntheticUuid('document', person.nationalId, String(n), 'v1');
        yield pointerRow({
          ...common,
          id: supersedes,
          sizeBytes: prng.int(2_000, 4_000_000),
          status: 'SUPERSEDED',
          supersedes: null,
          registeredAt: timestamp(serviceDate, prng),
          statusChangedAt: registeredAt,
        });
      }
      yield pointerRow({
        ...common,
        id,
        sizeBytes: prng.int(2_000, 4_000_000),
        status: 'CURRENT',
        supersedes,
        registeredAt,
        statusChangedAt: null,
      });
    }
  }
}

/** The record registry's synthetic dataset: the personas' pointers, then the generated population's (progress: persons walked). */
export const medicalRecordsSeed: SeedDefinition = {
  tables: ['document_pointer', 'consent_block', 'break_glass_access'],
  rows: (options) => {
    // Pointers for some persons only, drawn at random: progress counts the persons walked.
    const walk = countedWalk('persons', options.persons);
    return [
      {
        table: 'document_pointer',
        columns: POINTER_COLUMNS,
        rows: chainRows(personaPointerRows(), populationPointerRows(options, walk)),
        walk,
      },
    ];
  },
};

import { createHash } from 'node:crypto';
import {
  addDays,
  addYears,
  chainRows,
  countedWalk,
  daysBetween,
  generatePopulation,
  walking,
  syntheticPersonRef,
  syntheticUuid,
  type BulkTable,
  type BulkValue,
  type CountedWalk,
  type SeedDefinition,
  type SeedOptions,
  type SyntheticPerson,
} from '@cmb/kit';
import aldListData from '../reference-data/ald-list.json';
import pcsData from '../reference-data/pcs-activation.json';
import { loadReferenceData } from '../config';
import { activationFor } from '../rules/pathway-compliance';
import { PATHWAY_PERSONA_RECORDS, type PathwayPersonaRecord } from './persona-records';

const REFERRING_DOCTOR_COLUMNS = ['id', 'person_ref', 'doctor_inpe', 'organism', 'valid_from', 'valid_until'] as const;
const ILLNESS_COLUMNS = ['id', 'person_ref', 'ald_code', 'list_version', 'valid_from', 'valid_until'] as const;
const ENROLMENT_COLUMNS = [
  'id',
  'person_ref',
  'organism',
  'regime',
  'region_code',
  'pathology_code',
  'referring_doctor_inpe',
  'valid_from',
  'valid_until',
] as const;
const REFERRAL_COLUMNS = ['id', 'person_ref', 'from_inpe', 'to_specialty', 'to_inpe', 'issued_on', 'valid_until'] as const;
const EXCEPTION_COLUMNS = ['id', 'person_ref', 'kind', 'valid_from', 'valid_until'] as const;
const APPROVAL_COLUMNS = ['id', 'person_ref', 'organism', 'care_type', 'act_code', 'status', 'valid_from', 'valid_until'] as const;

/**
 * Weights of the synthetic dataset. They shape test data only, not business
 * rules (those are in reference-data/*.json); the seeds give none of them.
 */
const SYNTHETIC = {
  /** Share of persons who declared a referring doctor (every PCS enrolee has one). */
  referringDoctorShare: 0.35,
  /** Referring doctors are drawn from ZZP10000..ZZP10499. */
  doctorPool: { first: 10_000, size: 500 },
  /** Share of PCS enrolees holding a referral valid on the reference date. */
  referralShare: 0.5,
  /** Share of the other enrolees with an authorised exception. */
  exceptionShare: 0.2,
  /** Share of persons with a prior approval request, where their OG asks for one. */
  priorApprovalShare: 0.005,
  approvalStatuses: ['GRANTED', 'GRANTED', 'GRANTED', 'REQUESTED', 'REFUSED'],
  approvalValidityDays: 60,
  /** Exceptions last this many days around the reference date. */
  exceptionDays: 30,
  specialties: ['ENDOCRINOLOGIE', 'OPHTALMOLOGIE', 'CARDIOLOGIE', 'NEPHROLOGIE'],
  /** Recognition dates of generated illnesses (most exemptions then cover the reference date). */
  illnessesFrom: '2023-01-01',
  illnessesUntil: '2025-12-31',
  /** Earliest declaration of a generated referring doctor. */
  declarationsFrom: '2019-01-01',
  /** The personas' day of care: referrals and approvals are drawn around it. */
  referenceDate: '2026-03-02',
};

const REFERENCE = loadReferenceData();
const ALD_CODES = REFERENCE.aldList.map((entry) => entry.code);

/**
 * Eight deterministic draws in [0, 1) for one person and one purpose: a hash
 * of the generator seed, the purpose and the synthetic id, so every table's
 * generator agrees on a person without sharing state.
 */
function draws(options: SeedOptions, purpose: string, nationalId: string): number[] {
  const digest = createHash('sha256').update(`${options.seed}|${purpose}|${nationalId}`).digest();
  return Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(i * 4) / 4_294_967_296);
}

/** A date between two dates (inclusive), from a draw. */
function dateBetween(draw: number, from: string, to: string): string {
  return addDays(from, Math.floor(draw * (daysBetween(from, to) + 1)));
}

/** The generated population, counted on the walk of the table drawn from it (its progress). */
function population(options: SeedOptions, walk: CountedWalk): Generator<SyntheticPerson> {
  return walking(generatePopulation({ persons: options.persons, seed: options.seed, aldCodes: ALD_CODES }), walk);
}

/** A synthetic doctor's INPE from a draw: ZZP10000..ZZP10499. */
function doctorInpe(draw: number): string {
  return `ZZP${SYNTHETIC.doctorPool.first + Math.floor(draw * SYNTHETIC.doctorPool.size)}`;
}

/** The PCS enrolment a generated person gets: CNSS persons with an activated pathology in an active region. */
function enrolmentOf(p: SyntheticPerson): { validFrom: string } | null {
  if (!p.aldCode) return null;
  const candidate = {
    organism: p.organism,
    regime: p.regime,
    regionCode: p.region,
    pathologyCode: p.aldCode,
    referringDoctorInpe: '',
    validFrom: SYNTHETIC.referenceDate,
    validUntil: null,
  };
  const activation = activationFor(candidate, SYNTHETIC.referenceDate, REFERENCE.pcs);
  return activation ? { validFrom: activation.validFrom } : null;
}

/** The referring doctor a generated person declared, if any. */
function referringDoctorOf(p: SyntheticPerson, options: SeedOptions): { inpe: string; validFrom: string } | null {
  const [share = 0, doctor = 0, from = 0] = draws(options, 'referring-doctor', p.nationalId);
  const enrolment = enrolmentOf(p);
  if (!enrolment && share >= SYNTHETIC.referringDoctorShare) return null;
  const latest = addDays(SYNTHETIC.referenceDate, -1);
  return { inpe: doctorInpe(doctor), validFrom: dateBetween(from, enrolment ? enrolment.validFrom : SYNTHETIC.declarationsFrom, latest) };
}

/** Rows of one list of the persona records, keyed by persona and position. */
function personaRows<T>(
  pick: (record: PathwayPersonaRecord) => T[] | undefined,
  row: (personRef: string, item: T, key: string) => BulkValue[],
): BulkValue[][] {
  return PATHWAY_PERSONA_RECORDS.flatMap((record) =>
    (pick(record) ?? []).map((item, i) => row(syntheticPersonRef(record.nationalId), item, `${record.nationalId}|${i}`)),
  );
}

function personaReferringDoctorRows(): BulkValue[][] {
  return personaRows(
    (r) => r.referringDoctors,
    (ref, d, key) => [syntheticUuid('referring-doctor', key), ref, d.doctorInpe, d.organism, d.validFrom, d.validUntil ?? null],
  );
}

function* populationReferringDoctorRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    const doctor = referringDoctorOf(p, options);
    if (doctor) yield [syntheticUuid('referring-doctor', p.nationalId), p.personRef, doctor.inpe, p.organism, doctor.validFrom, null];
  }
}

function personaIllnessRows(): BulkValue[][] {
  return personaRows(
    (r) => r.illnesses,
    (ref, i, key) => [syntheticUuid('long-term-illness', key), ref, i.aldCode, aldListData.version, i.validFrom, i.validUntil ?? null],
  );
}

function* populationIllnessRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    if (!p.aldCode) continue;
    const [from = 0] = draws(options, 'long-term-illness', p.nationalId);
    const validFrom = dateBetween(from, SYNTHETIC.illnessesFrom, SYNTHETIC.illnessesUntil);
    const validUntil = addDays(addYears(validFrom, aldListData.exemptionValidity.years), -1);
    yield [syntheticUuid('long-term-illness', p.nationalId), p.personRef, p.aldCode, aldListData.version, validFrom, validUntil];
  }
}

function personaEnrolmentRows(): BulkValue[][] {
  return personaRows(
    (r) => r.enrolments,
    (ref, e, key) => [
      syntheticUuid('pcs-enrolment', key),
      ref,
      e.organism,
      e.regime,
      e.regionCode,
      e.pathologyCode,
      e.referringDoctorInpe,
      e.validFrom,
      e.validUntil ?? null,
    ],
  );
}

function* populationEnrolmentRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    const doctor = enrolmentOf(p) ? referringDoctorOf(p, options) : null;
    if (!doctor || !p.aldCode) continue;
    yield [
      syntheticUuid('pcs-enrolment', p.nationalId),
      p.personRef,
      p.organism,
      p.regime,
      p.region,
      p.aldCode,
      doctor.inpe,
      doctor.validFrom,
      null,
    ];
  }
}

/** Referral or exception of a generated enrolee: about half hold a referral, some of the others an exception. */
function pathwayCoverOf(p: SyntheticPerson, options: SeedOptions): { referral: BulkValue[] | null; exception: BulkValue[] | null } {
  const doctor = enrolmentOf(p) ? referringDoctorOf(p, options) : null;
  if (!doctor) return { referral: null, exception: null };
  const [share = 0, issued = 0, named = 0, specialty = 0, exception = 0, kind = 0, from = 0] = draws(options, 'referral', p.nationalId);
  const validityDays = pcsData.referral.validityDays;
  if (share < SYNTHETIC.referralShare) {
    const issuedOn = dateBetween(issued, addDays(SYNTHETIC.referenceDate, -validityDays + 1), SYNTHETIC.referenceDate);
    const toInpe = named < 0.5 ? null : doctorInpe(named);
    const toSpecialty = SYNTHETIC.specialties[Math.floor(specialty * SYNTHETIC.specialties.length)] ?? null;
    return {
      referral: [
        syntheticUuid('referral', p.nationalId),
        p.personRef,
        doctor.inpe,
        toSpecialty,
        toInpe,
        issuedOn,
        addDays(issuedOn, validityDays),
      ],
      exception: null,
    };
  }
  if (exception < SYNTHETIC.exceptionShare) {
    const kinds = pcsData.exceptionKinds.value;
    const validFrom = dateBetween(from, addDays(SYNTHETIC.referenceDate, -SYNTHETIC.exceptionDays), SYNTHETIC.referenceDate);
    return {
      referral: null,
      exception: [
        syntheticUuid('pathway-exception', p.nationalId),
        p.personRef,
        kinds[Math.floor(kind * kinds.length)] ?? null,
        validFrom,
        addDays(validFrom, SYNTHETIC.exceptionDays),
      ],
    };
  }
  return { referral: null, exception: null };
}

function* populationReferralRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    const { referral } = pathwayCoverOf(p, options);
    if (referral) yield referral;
  }
}

function* populationExceptionRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    const { exception } = pathwayCoverOf(p, options);
    if (exception) yield exception;
  }
}

function personaApprovalRows(): BulkValue[][] {
  return personaRows(
    (r) => r.approvals,
    (ref, a, key) => [
      syntheticUuid('prior-approval', key),
      ref,
      a.organism,
      a.careType,
      a.actCode ?? null,
      a.status,
      a.validFrom,
      a.validUntil ?? null,
    ],
  );
}

function* populationApprovalRows(options: SeedOptions, walk: CountedWalk): Generator<BulkValue[]> {
  for (const p of population(options, walk)) {
    const careTypes = REFERENCE.priorApproval.careTypesByOrganism[p.organism] ?? [];
    if (careTypes.length === 0) continue;
    const [share = 0, careType = 0, status = 0, from = 0] = draws(options, 'prior-approval', p.nationalId);
    if (share >= SYNTHETIC.priorApprovalShare) continue;
    const validFrom = dateBetween(
      from,
      addDays(SYNTHETIC.referenceDate, -SYNTHETIC.approvalValidityDays),
      addDays(SYNTHETIC.referenceDate, 30),
    );
    yield [
      syntheticUuid('prior-approval', p.nationalId),
      p.personRef,
      p.organism,
      careTypes[Math.floor(careType * careTypes.length)] ?? null,
      null,
      SYNTHETIC.approvalStatuses[Math.floor(status * SYNTHETIC.approvalStatuses.length)] ?? null,
      validFrom,
      addDays(validFrom, SYNTHETIC.approvalValidityDays),
    ];
  }
}

/** A table drawn from the population, after the personas' rows: its progress counts the persons walked. */
function drawnTable(
  table: string,
  columns: readonly string[],
  personaRows: BulkValue[][],
  populationRows: (walk: CountedWalk) => Iterable<BulkValue[]>,
  options: SeedOptions,
): BulkTable {
  const walk = countedWalk('persons', options.persons);
  return { table, columns, rows: chainRows(personaRows, populationRows(walk)), walk };
}

/**
 * The care-pathways synthetic dataset: the personas' records, then the
 * generated population's (the kit's generator, with this subgraph's ALD
 * list), streamed lazily table by table.
 */
export const carePathwaysSeed: SeedDefinition = {
  tables: ['referring_doctor', 'long_term_illness', 'pcs_enrolment', 'referral', 'pathway_exception', 'prior_approval'],
  rows: (options) => [
    drawnTable(
      'referring_doctor',
      REFERRING_DOCTOR_COLUMNS,
      personaReferringDoctorRows(),
      (w) => populationReferringDoctorRows(options, w),
      options,
    ),
    drawnTable('long_term_illness', ILLNESS_COLUMNS, personaIllnessRows(), (w) => populationIllnessRows(options, w), options),
    drawnTable('pcs_enrolment', ENROLMENT_COLUMNS, personaEnrolmentRows(), (w) => populationEnrolmentRows(options, w), options),
    drawnTable('referral', REFERRAL_COLUMNS, [], (w) => populationReferralRows(options, w), options),
    drawnTable('pathway_exception', EXCEPTION_COLUMNS, [], (w) => populationExceptionRows(options, w), options),
    drawnTable('prior_approval', APPROVAL_COLUMNS, personaApprovalRows(), (w) => populationApprovalRows(options, w), options),
  ],
};

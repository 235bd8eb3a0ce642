import {
  ageOn,
  chainRows,
  generatePopulation,
  loadPersonas,
  splitName,
  syntheticPersonRef,
  syntheticUuid,
  type BulkValue,
  type SeedDefinition,
  type SeedOptions,
} from '@cmb/kit';
import { PERSONA_DEFAULT_REGION, PERSONA_RECORDS } from './persona-records';

const PERSON_COLUMNS = ['ref', 'national_id_scheme', 'national_id', 'first_name', 'last_name', 'birth_date', 'sex', 'region'] as const;
const AFFILIATION_COLUMNS = [
  'id',
  'person_ref',
  'organism',
  'regime',
  'role',
  'insured_ref',
  'member_number',
  'valid_from',
  'valid_until',
  'status',
  'suspension_reason',
  'student',
  'disabled',
  'migrated',
  'updated_at',
] as const;

/** Fixed timestamp of seeded rows, so two seeds of the same size are identical. */
const SEEDED_AT = '2026-01-01T00:00:00.000Z';
/** Reference date for the synthetic student flag of older children. */
const REFERENCE_DATE = '2026-03-02';

function personaPersonRows(): BulkValue[][] {
  const names = new Map(loadPersonas().map((p) => [p.nationalId, p.name]));
  return PERSONA_RECORDS.map((record) => {
    const { firstName, lastName } = splitName(record.name ?? names.get(record.nationalId) ?? 'Persona Synthetique');
    return [
      syntheticPersonRef(record.nationalId),
      'CIN',
      record.nationalId,
      firstName,
      lastName,
      record.birthDate,
      record.sex,
      record.region ?? PERSONA_DEFAULT_REGION,
    ];
  });
}

function personaAffiliationRows(): BulkValue[][] {
  return PERSONA_RECORDS.flatMap((record) =>
    record.affiliations.map((a) => {
      const personRef = syntheticPersonRef(record.nationalId);
      return [
        syntheticUuid('affiliation', record.nationalId, a.organism, a.regime),
        personRef,
        a.organism,
        a.regime,
        a.role,
        a.insuredNationalId ? syntheticPersonRef(a.insuredNationalId) : personRef,
        a.memberNumber,
        a.validFrom,
        a.validUntil ?? null,
        a.status,
        a.suspensionReason ?? null,
        a.student ?? false,
        false,
        a.migrated ?? false,
        SEEDED_AT,
      ];
    }),
  );
}

function* populationPersonRows(options: SeedOptions): Generator<BulkValue[]> {
  for (const p of generatePopulation(options)) {
    yield [p.personRef, 'CIN', p.nationalId, p.firstName, p.lastName, p.birthDate, p.sex, p.region];
  }
}

function* populationAffiliationRows(options: SeedOptions): Generator<BulkValue[]> {
  for (const p of generatePopulation(options)) {
    const status = p.rights === 'OPEN' ? 'ACTIVE' : p.rights;
    const student = p.role === 'CHILD' && ageOn(p.birthDate, REFERENCE_DATE) >= 21 && p.index % 2 === 0;
    yield [
      syntheticUuid('affiliation', p.nationalId, p.organism, p.regime),
      p.personRef,
      p.organism,
      p.regime,
      p.role,
      syntheticPersonRef(p.insuredNationalId),
      p.memberNumber,
      p.validFrom,
      p.validUntil,
      status,
      status === 'SUSPENDED' ? 'UNPAID_CONTRIBUTIONS' : null,
      student,
      false,
      p.regime === 'AMO_TADAMON',
      SEEDED_AT,
    ];
  }
}

/**
 * The registry's synthetic dataset: the personas, their supporting persons,
 * then the generated population (one person and one affiliation each, so
 * progress knows both totals).
 */
export const beneficiariesSeed: SeedDefinition = {
  tables: ['person', 'affiliation', 'affiliation_batch', 'care_relationship', 'indicator_count'],
  rows: (options) => {
    const personas = personaPersonRows();
    const personaAffiliations = personaAffiliationRows();
    return [
      {
        table: 'person',
        columns: PERSON_COLUMNS,
        rows: chainRows(personas, populationPersonRows(options)),
        expectedRows: personas.length + options.persons,
      },
      {
        table: 'affiliation',
        columns: AFFILIATION_COLUMNS,
        rows: chainRows(personaAffiliations, populationAffiliationRows(options)),
        expectedRows: personaAffiliations.length + options.persons,
      },
    ];
  },
};

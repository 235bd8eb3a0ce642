import { preparedQuery, sqlPlaceholders } from '@cmb/kit';
import { In, type DataSource } from 'typeorm';
import { AffiliationEntity } from '../entities/affiliation.entity';
import { PersonEntity } from '../entities/person.entity';
import { coveringOrganisms, type MembershipFact } from '../rules/covering-organisms';
import type { AffiliationFact } from '../rules/facts';

/** A person with every affiliation the rules need, dependants linked to their insured's affiliation. */
export interface CoverageRecord {
  person: { ref: string; birthDate: string };
  affiliations: AffiliationFact[];
}

/** Affiliation columns read on the hot path, for the affiliation (`a_`) and its insured's (`i_`). */
const AFFILIATION_COLUMNS = [
  'organism',
  'regime',
  'role',
  'member_number',
  'valid_from',
  'valid_until',
  'status',
  'suspension_reason',
  'student',
  'disabled',
];

type CoverageRow = Record<string, string | number | boolean | null>;

function columnsOf(alias: 'a' | 'i'): string {
  return AFFILIATION_COLUMNS.map((column) =>
    column.startsWith('valid_') ? `CAST(${alias}.${column} AS TEXT) AS ${alias}_${column}` : `${alias}.${column} AS ${alias}_${column}`,
  ).join(', ');
}

/** The coverage of persons in one indexed statement: person, affiliations and, for dependants, the insured's affiliation. */
const COVERAGE_SQL = (where: string) => `
  SELECT p.ref AS ref, CAST(p.birth_date AS TEXT) AS birth_date, ${columnsOf('a')}, ${columnsOf('i')}
  FROM person p
  LEFT JOIN affiliation a ON a.person_ref = p.ref
  LEFT JOIN affiliation i ON a.role <> 'INSURED' AND i.person_ref = a.insured_ref AND i.organism = a.organism AND i.regime = a.regime
  WHERE ${where}`;

/** An affiliation fact from the `a_` or `i_` columns of a coverage row. */
function factOf(row: CoverageRow, alias: 'a' | 'i'): Omit<AffiliationFact, 'insured'> {
  const value = (column: string) => row[`${alias}_${column}`];
  return {
    organism: String(value('organism')),
    regime: String(value('regime')),
    role: String(value('role')),
    memberNumber: String(value('member_number')),
    validFrom: String(value('valid_from')),
    validUntil: (value('valid_until') as string | null) ?? null,
    status: String(value('status')),
    suspensionReason: (value('suspension_reason') as string | null) ?? null,
    student: Boolean(value('student')),
    disabled: Boolean(value('disabled')),
  };
}

/** Coverage records by person reference from the rows of `COVERAGE_SQL`. */
function coverageRecordsOf(rows: readonly CoverageRow[]): Map<string, CoverageRecord> {
  const records = new Map<string, CoverageRecord>();
  for (const row of rows) {
    const ref = String(row.ref);
    let record = records.get(ref);
    if (!record) {
      record = { person: { ref, birthDate: String(row.birth_date) }, affiliations: [] };
      records.set(ref, record);
    }
    if (row.a_organism === null) continue;
    record.affiliations.push({ ...factOf(row, 'a'), insured: row.i_organism === null ? null : factOf(row, 'i') });
  }
  return records;
}

/** Reads persons and their affiliations with indexed lookups only (no scans on the hot path). */
export class CoverageStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Finds a person by national id (unique index). */
  findPersonByNationalId(nationalId: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOne({ where: { nationalId } });
  }

  /** The reference of the person holding a national id (unique index), for hop 1 of the eligibility check. */
  async findPersonRef(nationalId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT ref FROM person WHERE national_id = ${sqlPlaceholders(this.dataSource, 1)}`, [
      nationalId,
    ])) as { ref: string }[];
    return row?.ref ?? null;
  }

  /**
   * What the audit trail needs of persons by reference, in one indexed
   * statement: their national id and the organisms covering them on `today`.
   * Unknown refs are absent.
   */
  async describePersons(refs: readonly string[], today: string): Promise<Map<string, { nationalId: string; organisms: string[] }>> {
    const distinct = [...new Set(refs)];
    if (distinct.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT p.ref AS ref, p.national_id AS national_id, a.organism AS organism, a.status AS status,
              CAST(a.valid_from AS TEXT) AS valid_from, CAST(a.valid_until AS TEXT) AS valid_until
       FROM person p LEFT JOIN affiliation a ON a.person_ref = p.ref WHERE p.ref IN (${sqlPlaceholders(this.dataSource, distinct.length)})`,
      distinct,
    )) as {
      ref: string;
      national_id: string;
      organism: string | null;
      status: string | null;
      valid_from: string | null;
      valid_until: string | null;
    }[];
    const persons = new Map<string, { nationalId: string; memberships: MembershipFact[] }>();
    for (const row of rows) {
      const person = persons.get(row.ref) ?? { nationalId: row.national_id, memberships: [] };
      if (row.organism !== null)
        person.memberships.push({
          organism: row.organism,
          status: String(row.status),
          validFrom: String(row.valid_from),
          validUntil: row.valid_until,
        });
      persons.set(row.ref, person);
    }
    return new Map([...persons].map(([ref, p]) => [ref, { nationalId: p.nationalId, organisms: coveringOrganisms(p.memberships, today) }]));
  }

  /**
   * The coverage of the person holding a national id (unique index), in one
   * statement (hop 1): the decision of hop 3 is made from it when this
   * replica still has it (`RecentDecisions`).
   */
  async findCoverageByNationalId(nationalId: string): Promise<CoverageRecord | null> {
    const rows = await preparedQuery<CoverageRow>(this.dataSource, COVERAGE_SQL(`p.national_id = ${sqlPlaceholders(this.dataSource, 1)}`), [
      nationalId,
    ]);
    const [record] = coverageRecordsOf(rows).values();
    return record ?? null;
  }

  /** Persons by reference, in the order asked (null where unknown). */
  async findPersons(refs: readonly string[]): Promise<(PersonEntity | null)[]> {
    const rows = await this.dataSource.getRepository(PersonEntity).find({ where: { ref: In([...refs]) } });
    const byRef = new Map(rows.map((row) => [row.ref, row]));
    return refs.map((ref) => byRef.get(ref) ?? null);
  }

  /** Coverage records for many persons in one statement, whatever their number (hop 3 of the eligibility check). */
  async loadCoverage(refs: readonly string[]): Promise<(CoverageRecord | null)[]> {
    const distinct = [...new Set(refs)];
    const rows = await preparedQuery<CoverageRow>(
      this.dataSource,
      COVERAGE_SQL(`p.ref IN (${sqlPlaceholders(this.dataSource, distinct.length)})`),
      distinct,
    );
    const records = coverageRecordsOf(rows);
    return refs.map((ref) => records.get(ref) ?? null);
  }

  /** Affiliations of one person, newest first (affiliation history). */
  affiliationsOf(personRef: string): Promise<AffiliationEntity[]> {
    return this.dataSource.getRepository(AffiliationEntity).find({ where: { personRef }, order: { validFrom: 'DESC' } });
  }

  /** Dependants covered through an insured person, within one organism when given. */
  async dependantsOf(insuredRef: string, organism: string | null = null): Promise<PersonEntity[]> {
    const rows = await this.dataSource
      .getRepository(AffiliationEntity)
      .find({ where: organism === null ? { insuredRef } : { insuredRef, organism }, select: { personRef: true, role: true } });
    const refs = [...new Set(rows.filter((r) => r.role !== 'INSURED').map((r) => r.personRef))];
    return refs.length > 0 ? this.dataSource.getRepository(PersonEntity).find({ where: { ref: In(refs) } }) : [];
  }
}
